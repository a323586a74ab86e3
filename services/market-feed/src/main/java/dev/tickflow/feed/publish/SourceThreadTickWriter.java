package dev.tickflow.feed.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.model.topic.TopicNames;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * md.ticks for the sources that run on a thread of their own (the simulator, file replay): a plain producer called on
 * that thread, whose acknowledgements run on the producer's I/O thread. Through the messaging channel every tick took
 * a hop to the channel's sending thread and a chain of reactive completions back, which cost market-feed more CPU than
 * making the ticks (BENCHMARKS.md, "A plain producer for the simulator"). Push and polling keep the channel: they run
 * on event loops, where a send must never wait for metadata.
 *
 * <p>It takes the md-ticks channel's producer settings ({@code mp.messaging.outgoing.md-ticks.*}: acks, idempotence,
 * batching, compression, timeouts) over the shared {@code kafka.*} ones (servers, TLS, SASL), so both ways to md.ticks
 * are configured in one place. The producer is made on the first send: a feed with no such source running has no
 * second connection.
 */
@ApplicationScoped
public class SourceThreadTickWriter {

    private static final String CHANNEL_PREFIX = "mp.messaging.outgoing." + Channels.MD_TICKS + ".";

    private final Map<String, Object> settings;
    private volatile Producer<String, byte[]> producer;

    @Inject
    SourceThreadTickWriter(@Identifier("default-kafka-broker") Map<String, Object> kafka, Config config) {
        this.settings = settings(kafka, config);
    }

    static Map<String, Object> settings(Map<String, Object> kafka, Config config) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        for (String name : ProducerConfig.configNames()) {
            if (!name.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG) && !name.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
                config.getOptionalValue(CHANNEL_PREFIX + name, String.class).ifPresent(value -> settings.put(name, value));
            }
        }
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "market-feed-source-threads");
        return settings;
    }

    /**
     * Sends a tick; the callback runs on the producer's I/O thread. May wait up to {@code max.block.ms} on the caller's
     * thread while the topic's metadata is unknown (the first send, a broker away since the start): never call it from an
     * event loop.
     *
     * @throws RuntimeException when the tick could not be handed to the producer (a Kafka or an encoding error)
     */
    public void send(Tick tick, Callback callback) {
        byte[] value = RecordTypes.TICK.encode(tick);
        producer().send(new ProducerRecord<>(TopicNames.MD_TICKS, tick.getSymbol(), value), callback);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
                    producer = current;
                }
            }
        }
        return current;
    }

    void close(@Observes ShutdownEvent event) {
        Producer<String, byte[]> current;
        synchronized (this) {
            current = producer;
            producer = null;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
