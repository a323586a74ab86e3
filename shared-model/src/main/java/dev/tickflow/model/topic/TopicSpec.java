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
 * @param valueType null for topics that carry raw bytes (dead-letter topics)
 * @param retention for compacted topics, how long tombstones are kept
 * @param deadLetterTopic where consumers put records of this topic they cannot process; null for dead-letter topics
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

    public boolean isDeadLetter() {
        return valueType == null;
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
        // With three replicas, an acks=all write survives one broker loss; a single local broker has no choice.
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, Math.min(2, replicationFactor - 1))));
        return configs;
    }
}
