package dev.tickflow.sequencer;

import org.apache.kafka.common.header.Header;

/** Where a state machine's outputs go. Records are written in the order they are emitted, tagged with their cause. */
public interface Outputs {

    /** A record partitioned by its key the way Kafka's default partitioner does it. */
    void send(String topic, String key, byte[] value);

    /** A record for an explicit partition (the key may be null). */
    void send(String topic, int partition, String key, byte[] value);

    /** A record partitioned by its key, carrying extra headers (trace context, say). */
    void send(String topic, String key, byte[] value, Iterable<Header> headers);

    /** Writes again exactly what an earlier run wrote for this input. */
    void resend(Input.Recorded recorded);
}
