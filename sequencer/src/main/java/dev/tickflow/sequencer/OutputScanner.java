package dev.tickflow.sequencer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads back, at recovery, what recovering partition groups wrote after their snapshots: every output partition once,
 * from the earliest offset any of them needs, to the end it had when the scan began (nobody else writes for these
 * groups meanwhile: their partitions are ours now).
 */
final class OutputScanner {

    private static final Duration READ = Duration.ofSeconds(60);

    private OutputScanner() {
    }

    /**
     * @param from per recovering group (source): per output partition, the offset to read from; a partition a group
     *     does not list is read from its beginning
     * @return per recovering group, its outputs found
     */
    static Map<String, List<RecordedOutput>> scan(KafkaConsumer<byte[], byte[]> reader, List<String> outputTopics,
            Map<String, Map<TopicPartition, Long>> from) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : outputTopics) {
            List<PartitionInfo> infos = reader.partitionsFor(topic, READ);
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        Map<String, List<RecordedOutput>> found = new HashMap<>();
        from.keySet().forEach(source -> found.put(source, new ArrayList<>()));
        if (partitions.isEmpty() || from.isEmpty()) {
            return found;
        }
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, READ);
        Map<TopicPartition, Long> starts = reader.beginningOffsets(partitions, READ);
        Map<TopicPartition, Long> seekTo = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long start = Long.MAX_VALUE;
            for (Map<TopicPartition, Long> group : from.values()) {
                start = Math.min(start, group.getOrDefault(partition, 0L));
            }
            start = Math.max(start, starts.get(partition));
            if (start < ends.get(partition)) {
                seekTo.put(partition, start);
            }
        }
        List<TopicPartition> toRead = new ArrayList<>(seekTo.keySet());
        reader.assign(toRead);
        seekTo.forEach(reader::seek);
        Set<String> sources = from.keySet();
        long deadline = System.nanoTime() + READ.toNanos();
        while (!done(reader, toRead, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading back the outputs took over " + READ);
            }
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= ends.get(partition)) {
                    continue;
                }
                SequenceTag tag = SequenceTag.readFrom(record.headers());
                if (tag != null && sources.contains(tag.source())
                        && record.offset() >= from.get(tag.source()).getOrDefault(partition, 0L)) {
                    found.get(tag.source()).add(new RecordedOutput(tag, partition, record.offset(), record.key(), record.value()));
                }
            }
        }
        return found;
    }

    private static boolean done(KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        for (TopicPartition partition : partitions) {
            if (reader.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }
}
