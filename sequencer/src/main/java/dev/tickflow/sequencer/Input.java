package dev.tickflow.sequencer;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One input record as the state machine sees it.
 *
 * @param topicIndex the input topic's place in the service's list of inputs
 * @param recorded the outputs an earlier run is known to have written for this very input (only while replaying; empty
 *     otherwise). A machine whose decisions depend on something outside its inputs (a reference price read from a table,
 *     say) follows these instead of deciding again, so that its state agrees with what the world has already seen.
 */
public record Input(int topicIndex, ConsumerRecord<byte[], byte[]> record, List<Recorded> recorded) {

    public String topic() {
        return record.topic();
    }

    public int partition() {
        return record.partition();
    }

    public long offset() {
        return record.offset();
    }

    /** The record's timestamp (its producer's create time): the time a deterministic machine goes by. */
    public long timestamp() {
        return record.timestamp();
    }

    public byte[] key() {
        return record.key();
    }

    public byte[] value() {
        return record.value();
    }

    public Headers headers() {
        return record.headers();
    }

    /** An output an earlier run wrote for this input, in the order it was emitted. */
    public record Recorded(int index, String topic, int partition, byte[] key, byte[] value) {
    }
}
