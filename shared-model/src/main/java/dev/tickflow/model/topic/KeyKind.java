package dev.tickflow.model.topic;

/** What a topic's (string) key is. Keys decide co-partitioning: join only topics keyed by the same kind. */
public enum KeyKind {
    SYMBOL,
    ACCOUNT,
    /** Request/reply topics: the correlation id. */
    CORRELATION_ID,
    /** One key for every record; the topic has one partition so that one task sees everything. */
    CONSTANT,
    /** Dead-letter topics keep whatever key the failed record had. */
    ORIGINAL,
    /**
     * A sequenced service's snapshots: the number of the partition group (its chunks under {@code <group>/<slot>/<i>}),
     * one partition per group; raw bytes written and read only by the service that owns the topic.
     */
    PARTITION_GROUP
}
