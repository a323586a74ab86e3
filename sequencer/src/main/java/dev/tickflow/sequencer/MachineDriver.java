package dev.tickflow.sequencer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Drives one state machine as its partition group would run it, without a broker: records piped into its inputs are
 * applied one at a time, in the order piped, and what it writes is collected per topic (tagged, dead letters included).
 * For unit tests of state machines.
 */
public final class MachineDriver implements OutputSink {

    private final List<String> inputs;
    private final Map<String, Integer> partitions;
    private final PartitionGroup group;
    private final long[] offsets;
    private final Map<String, List<ProducerRecord<byte[], byte[]>>> written = new HashMap<>();

    /**
     * @param partitions partition counts of the output topics (a topic not listed has one)
     */
    public MachineDriver(String service, List<String> inputs, Map<String, Integer> partitions, StateMachine machine) {
        this.inputs = List.copyOf(inputs);
        this.partitions = Map.copyOf(partitions);
        this.group = new PartitionGroup(service, 0, inputs, machine, GroupState.empty(inputs.size()), ReplayPlan.none());
        this.offsets = new long[inputs.size()];
    }

    public void pipe(String topic, String key, byte[] value) {
        pipe(topic, key, value, System.currentTimeMillis(), new RecordHeaders());
    }

    public void pipe(String topic, String key, byte[] value, long timestamp, Headers headers) {
        int index = inputs.indexOf(topic);
        if (index < 0) {
            throw new IllegalArgumentException(topic + " is not an input");
        }
        long offset = offsets[index]++;
        group.offer(index, new ConsumerRecord<>(topic, 0, offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length(), value == null ? -1 : value.length,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty()));
        group.drain(this, input -> offsets[input]);
    }

    /** What was written to a topic since the last call, oldest first; taken out. */
    public List<ProducerRecord<byte[], byte[]>> read(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = written.remove(topic);
        return records == null ? List.of() : records;
    }

    public PartitionGroup group() {
        return group;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record) {
        written.computeIfAbsent(record.topic(), unused -> new ArrayList<>()).add(record);
    }

    @Override
    public int partitions(String topic) {
        return partitions.getOrDefault(topic, 1);
    }
}
