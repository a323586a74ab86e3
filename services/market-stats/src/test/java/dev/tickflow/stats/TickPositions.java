package dev.tickflow.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Positions of an application on md.ticks. Tests that run an application of their own on the shared broker start it at
 * the end of md.ticks, so that the ticks of other tests are not its input and cannot move its stream time.
 */
public final class TickPositions {

    private TickPositions() {
    }

    /** Commits the group's position at the end of every md.ticks partition; returns the sum of those positions. */
    public static long startAtTheEnd(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < Topics.MD_TICKS.partitions(); partition++) {
                latest.put(new TopicPartition(TopicNames.MD_TICKS, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
            return ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** The sum of the group's committed positions on md.ticks. */
    public static long committed(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(TopicNames.MD_TICKS) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        }
    }
}
