package dev.tickflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.tickflow.model.topic.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka client for tests: writes catalogue records and waits for records to appear, reading every partition
 * from the beginning with no consumer group, so that tests never depend on offsets committed by others.
 */
public final class TopicClient implements AutoCloseable {

    private final Properties base;
    private final KafkaProducer<byte[], byte[]> producer;

    public TopicClient(String bootstrapServers) {
        this(properties(bootstrapServers));
    }

    /** A client with its own connection settings: bootstrap servers and, for a secured broker, TLS/SASL. */
    public TopicClient(Properties clientProperties) {
        base = new Properties();
        base.putAll(clientProperties);
        Properties producerProperties = new Properties();
        producerProperties.putAll(base);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Properties properties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /** A client of the JVM's embedded broker. */
    public static TopicClient embedded() {
        return new TopicClient(EmbeddedKafka.get().bootstrapServers());
    }

    public <V extends SpecificRecord> RecordMetadata send(TopicSpec<V> topic, String key, V value) {
        byte[] keyBytes = key == null ? null : new StringSerializer().serialize(topic.name(), key);
        return sendRaw(topic.name(), keyBytes, topic.valueSerde().serialize(topic.name(), value));
    }

    /** Writes with an explicit record timestamp, for processing that reads time from the record. */
    public <V extends SpecificRecord> RecordMetadata send(TopicSpec<V> topic, String key, V value, long timestampMillis) {
        byte[] keyBytes = key == null ? null : new StringSerializer().serialize(topic.name(), key);
        return send(new ProducerRecord<>(topic.name(), null, timestampMillis, keyBytes,
                topic.valueSerde().serialize(topic.name(), value)));
    }

    public RecordMetadata sendRaw(String topic, byte[] key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    private RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /** Waits until {@code count} records matching {@code filter} are on the topic; fails with what it saw otherwise. */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> await(TopicSpec<V> topic,
            Predicate<ConsumerRecord<String, V>> filter, int count, Duration timeout) {
        return poll(topic.name(), new StringDeserializer(), topic.valueSerde(), filter, count, timeout);
    }

    public List<ConsumerRecord<byte[], byte[]>> awaitRaw(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter,
            int count, Duration timeout) {
        return poll(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), filter, count, timeout);
    }

    /** Everything matching on the topic after waiting {@code settle}: for asserting that something did not happen. */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAfter(TopicSpec<V> topic,
            Predicate<ConsumerRecord<String, V>> filter, Duration settle) {
        sleep(settle);
        return poll(topic.name(), new StringDeserializer(), topic.valueSerde(), filter, Integer.MAX_VALUE, Duration.ofSeconds(2));
    }

    /** Every record on the topic now matching {@code filter}, read up to the end it has when called. */
    public List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        Properties properties = new Properties();
        properties.putAll(base);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (filter.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        return matched;
    }

    private <K, V> List<ConsumerRecord<K, V>> poll(String topic, Deserializer<K> keys, Deserializer<V> values,
            Predicate<ConsumerRecord<K, V>> filter, int count, Duration timeout) {
        Properties properties = new Properties();
        properties.putAll(base);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> matched = new ArrayList<>();
        int seen = 0;
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(properties, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matched.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(100))) {
                    seen++;
                    if (filter.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        if (count != Integer.MAX_VALUE && matched.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                    + " but found " + matched.size() + " among " + seen + ": " + matched);
        }
        return matched;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
