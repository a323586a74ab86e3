package dev.tickflow.sequencer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Partitioned logs in memory with a producer that behaves like an idempotent one across a crash: what it sends stays
 * in flight until acknowledged, and a crash writes, per partition, some prefix of what was in flight (never a record
 * without the ones sent before it to the same partition) and loses the rest.
 */
final class SimulatedKafka implements OutputSink {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> logs = new HashMap<>();
    private final Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> inFlight = new LinkedHashMap<>();
    private final Map<String, Integer> partitions;
    private final Map<TopicPartition, Long> acknowledged = new HashMap<>();

    SimulatedKafka(Map<String, Integer> partitions) {
        this.partitions = partitions;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record) {
        inFlight.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), unused -> new ArrayList<>()).add(record);
    }

    @Override
    public int partitions(String topic) {
        return partitions.getOrDefault(topic, 1);
    }

    /** Everything in flight is written and acknowledged (what the runtime waits for before it publishes a snapshot). */
    void acknowledgeAll() {
        inFlight.forEach((partition, records) -> records.forEach(record -> append(partition, record)));
        inFlight.clear();
    }

    /** The writer dies: per partition a random prefix of what was in flight reaches the log, the rest is lost. */
    void crash(SplittableRandom random) {
        inFlight.forEach((partition, records) -> {
            int written = random.nextInt(records.size() + 1);
            records.subList(0, written).forEach(record -> append(partition, record));
        });
        inFlight.clear();
    }

    /** Appends a record as a client outside the simulation would (an input, say). */
    long append(String topic, int partition, String key, String value, long timestamp, Headers headers) {
        return append(new TopicPartition(topic, partition), new ProducerRecord<>(topic, partition, timestamp,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                headers == null ? new RecordHeaders() : headers));
    }

    private long append(TopicPartition partition, ProducerRecord<byte[], byte[]> record) {
        List<ConsumerRecord<byte[], byte[]>> log = logs.computeIfAbsent(partition, unused -> new ArrayList<>());
        long offset = log.size();
        long timestamp = record.timestamp() == null ? 0 : record.timestamp();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        log.add(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, timestamp, TimestampType.CREATE_TIME,
                record.key() == null ? -1 : record.key().length, record.value().length, record.key(), record.value(), headers,
                Optional.empty()));
        acknowledged.put(partition, offset + 1);
        return offset;
    }

    List<ConsumerRecord<byte[], byte[]>> log(String topic, int partition) {
        return logs.getOrDefault(new TopicPartition(topic, partition), List.of());
    }

    /** Per partition, the offset after the last acknowledged record: where a snapshot taken now says to scan from. */
    Map<TopicPartition, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** What a recovering group reads back: its tagged outputs from the scan offsets on. */
    List<RecordedOutput> scan(Map<TopicPartition, Long> from, List<String> topics) {
        List<RecordedOutput> found = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions(topic); p++) {
                TopicPartition partition = new TopicPartition(topic, p);
                List<ConsumerRecord<byte[], byte[]>> log = log(topic, p);
                for (long offset = from.getOrDefault(partition, 0L); offset < log.size(); offset++) {
                    ConsumerRecord<byte[], byte[]> record = log.get((int) offset);
                    SequenceTag tag = SequenceTag.readFrom(record.headers());
                    if (tag != null) {
                        found.add(new RecordedOutput(tag, partition, offset, record.key(), record.value()));
                    }
                }
            }
        }
        return found;
    }
}
