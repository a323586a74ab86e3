package dev.tickflow.model.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the catalogue: everything code, tests, the launcher and deployment need to agree on.
 *
 * @param valueType null for topics that carry raw bytes (dead-letter and snapshot topics)
 * @param retention for compacted topics, how long tombstones are kept
 * @param deadLetterTopic where consumers put records of this topic they cannot process; null for dead-letter and snapshot
 *     topics
 */
public record TopicSpec<V extends SpecificRecord>(
        String name,
        KeyKind key,
        RecordType<V> valueType,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        String deadLetterTopic,
        String description) {

    public TopicSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(key);
        Objects.requireNonNull(cleanupPolicy);
        Objects.requireNonNull(retention);
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be positive");
        }
        if (key == KeyKind.CONSTANT && partitions != 1) {
            throw new IllegalArgumentException(name + ": a constant-key topic has exactly one partition");
        }
    }

    /**
     * The partition count under a limit that applies to every topic alike (a single-node stack's): co-partitioned
     * topics, catalogued with equal counts, get equal counts again.
     */
    public int partitionsUpTo(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the partition limit must be positive, not " + limit);
        }
        return Math.min(partitions, limit);
    }

    public boolean isDeadLetter() {
        return valueType == null && key == KeyKind.ORIGINAL;
    }

    /** A sequenced service's private snapshots: bytes only it reads. */
    public boolean isSnapshot() {
        return key == KeyKind.PARTITION_GROUP;
    }

    public String valueTypeName() {
        return valueType == null ? "bytes" : valueType.name();
    }

    /** A serde for this topic's values; only for record topics. */
    public AvroSerde<V> valueSerde() {
        if (valueType == null) {
            throw new IllegalStateException(name + " carries raw bytes");
        }
        return new AvroSerde<>(valueType);
    }

    /** Topic-level configuration for creating the topic with this replication factor. */
    public Map<String, String> configs(int replicationFactor) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        if (cleanupPolicy == CleanupPolicy.DELETE) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        } else {
            configs.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        if (isSnapshot()) {
            // the latest snapshot per key is all that matters: roll and compact often, so a reader has little to skip
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofMinutes(10).toMillis()));
            configs.put(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1");
        }
        // With three replicas, an acks=all write survives one broker loss; a single local broker has no choice.
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, Math.min(2, replicationFactor - 1))));
        return configs;
    }
}
