package dev.tickflow.sequencer;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Where a partition group's outputs are written: the runtime's producer, or a list in a test. */
public interface OutputSink {

    /** Writes a record; its partition is set. Must not block on the broker. */
    void send(ProducerRecord<byte[], byte[]> record);

    /** The topic's partition count, to partition by key. */
    int partitions(String topic);
}
