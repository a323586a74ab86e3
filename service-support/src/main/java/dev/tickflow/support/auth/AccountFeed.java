package dev.tickflow.support.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.topic.DeadLetterProducer;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.support.kafka.QuietTopicReaders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link AccountDirectory} in step with ref.accounts. Every instance reads the whole compacted topic from the
 * beginning, without a consumer group (each needs every account), then follows it: a new account can trade, a
 * suspended one is refused, a new token replaces the old, within moments of reference data publishing the change.
 */
@ApplicationScoped
public class AccountFeed {

    private static final Logger LOG = Logger.getLogger(AccountFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final AccountDirectory directory;
    private final Instance<Map<String, Object>> kafka;
    private final boolean enabled;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final java.util.concurrent.atomic.AtomicLong undecodable = new java.util.concurrent.atomic.AtomicLong();
    private final String service;
    private DeadLetterProducer deadLetters;
    private Thread thread;

    AccountFeed(AccountDirectory directory, @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafka, AuthConfig config,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.directory = directory;
        this.service = service;
        this.kafka = kafka;
        this.enabled = config.followReferenceData();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled || !kafka.isResolvable()) {
            caughtUp = true;
            return;
        }
        thread = new Thread(this::follow, "account-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Follows the topic for as long as the service runs; a broker that is away only delays it. */
    private void follow() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                followOnce();
            } catch (WakeupException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("following %s failed, starting over in %s: %s", Topics.REF_ACCOUNTS.name(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(MAX_BACKOFF) > 0) {
                    backoff = MAX_BACKOFF;
                }
            }
        }
    }

    private void followOnce() throws InterruptedException {
        Map<String, Object> config = new HashMap<>(kafka.get());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "account-feed");
        QuietTopicReaders.configure(config);
        String topic = Topics.REF_ACCOUNTS.name();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = reader;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(2_000);
                }
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            List<TopicPartition> assigned = partitions;
            while (running) {
                if (!caughtUp && assigned.stream().allMatch(partition -> reader.position(partition) >= end.get(partition))) {
                    caughtUp = true;
                }
                Duration wait = caughtUp ? QuietTopicReaders.IDLE_POLL : QuietTopicReaders.CATCH_UP_POLL;
                for (ConsumerRecord<String, byte[]> record : reader.poll(wait)) {
                    apply(record);
                }
            }
        }
    }

    /** Records of ref.accounts that could not be read, since start. */
    public long undecodable() {
        return undecodable.get();
    }

    /** Whether every account published before this instance started is known (or the feed is off). */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            directory.remove(record.key());
            return;
        }
        try {
            directory.upsert(Topics.REF_ACCOUNTS.valueSerde().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            // the account keeps what it had; a record met while catching up was dead-lettered by an earlier start
            undecodable.incrementAndGet();
            LOG.warnf("account %s at offset %d of %s unreadable, the previous value stays: %s", record.key(), record.offset(),
                    record.topic(), e.getMessage());
            if (caughtUp) {
                if (deadLetters == null) {
                    deadLetters = new DeadLetterProducer(kafka.get(), service + "-account-feed");
                }
                deadLetters.send(DeadLetters.forRecord(record.topic(), record.partition(), record.offset(),
                        record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), record.value(),
                        record.headers(), e.getClass().getSimpleName(), String.valueOf(e.getMessage()), service, Instant.now()));
            }
        }
    }
}
