package dev.tickflow.sequencer;

import org.apache.kafka.common.TopicPartition;

/** An output record found on an output partition at recovery, with the tag its writer gave it. */
public record RecordedOutput(SequenceTag tag, TopicPartition partition, long offset, byte[] key, byte[] value) {

    Input.Recorded asRecorded() {
        return new Input.Recorded(tag.index(), partition.topic(), partition.partition(), key, value);
    }
}
