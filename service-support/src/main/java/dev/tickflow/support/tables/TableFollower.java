package dev.tickflow.support.tables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.support.kafka.QuietTopicReaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Keeps small keyed tables in memory from compacted topics: every partition read from the beginning without a consumer
 * group (each instance needs every key), then followed. A record that cannot be decoded leaves the key's previous value
 * in place, is counted and, once the table has caught up, goes to the topic's dead-letter topic with the reason (records
 * met while catching up were there at an earlier start, which dead-lettered them then). A tombstone removes the key.
 */
public final class TableFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TableFollower.class);

    private final String name;
    private final Map<String, Object> kafka;
    private final Map<String, Table<?>> tables = new LinkedHashMap<>();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> deadLetters;
    private Thread thread;

    /**
     * @param name the reading service, for client ids and dead letters
     * @param kafka client settings (bootstrap servers, security)
     */
    public TableFollower(String name, Map<String, Object> kafka) {
        this.name = name;
        this.kafka = kafka;
    }

    /** A table of the topic's latest values by key; read-only, updated as the topic changes. Register before start. */
    public <V extends SpecificRecord> Map<String, V> follow(TopicSpec<V> topic) {
        Table<V> table = new Table<>(topic);
        tables.put(topic.name(), table);
        return Collections.unmodifiableMap(table.values);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name + "-tables");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether every record on the topics when it started has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records that could not be decoded, since start. */
    public long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(2));
        }
    }

    private void run() {
        long backoff = 1_000;
        while (running) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-tables");
            QuietTopicReaders.configure(config);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config)) {
                consumer = reader;
                followAll(reader);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("following %s failed, starting over in %d ms: %s", tables.keySet(), backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            } finally {
                consumer = null;
            }
        }
    }

    private void followAll(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : tables.keySet()) {
            List<TopicPartition> ofTopic = List.of();
            while (running && ofTopic.isEmpty()) {
                ofTopic = reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (ofTopic.isEmpty()) {
                    LOG.warnf("waiting for topic %s to exist", topic);
                    sleep(2_000);
                }
            }
            partitions.addAll(ofTopic);
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
        while (running) {
            if (!caughtUp && partitions.stream().allMatch(partition -> reader.position(partition) >= ends.get(partition))) {
                caughtUp = true;
            }
            Duration wait = caughtUp ? QuietTopicReaders.IDLE_POLL : QuietTopicReaders.CATCH_UP_POLL;
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(wait)) {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        Table<?> table = tables.get(record.topic());
        if (record.key() == null) {
            reject(record, "no-key", "a table record needs a key");
            return;
        }
        String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            table.values.remove(key);
            return;
        }
        try {
            table.put(key, record.value());
        } catch (RuntimeException e) {
            reject(record, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private void reject(ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
        undecodable.incrementAndGet();
        if (!caughtUp) {
            return;
        }
        LOG.warnf("%s-%d@%d unreadable, the previous value stays: %s", record.topic(), record.partition(), record.offset(), detail);
        try {
            if (deadLetters == null) {
                Map<String, Object> config = new HashMap<>(kafka);
                config.remove(ConsumerConfig.GROUP_ID_CONFIG);
                config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                config.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-table-dead-letters");
                deadLetters = new KafkaProducer<>(config);
            }
            deadLetters.send(DeadLetters.forRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), reason, detail, name, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("dead letter of %s-%d@%d not written: %s", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One topic's values. */
    private static final class Table<V extends SpecificRecord> {
        private final TopicSpec<V> topic;
        private final Map<String, V> values = new ConcurrentHashMap<>();

        Table(TopicSpec<V> topic) {
            this.topic = topic;
        }

        void put(String key, byte[] value) {
            values.put(key, topic.valueType().decode(value));
        }
    }
}
