package dev.tickflow.sequencer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * What a snapshot of a partition group holds: the input positions it covers, the last output taken from every upstream
 * writer, where to start looking for its own outputs written after it, and the state machine's own bytes.
 *
 * @param positions next offset per input topic; -1 where the group has read nothing yet
 * @param repeats per input topic: what was taken from each sequenced writer upstream
 * @param scanFrom per output partition: every output the group writes after this snapshot is at or after this offset
 * @param machine the state machine's snapshot; null for an empty group
 */
public record GroupState(long[] positions, List<RepeatFilter> repeats, Map<TopicPartition, Long> scanFrom, byte[] machine) {

    private static final int MAGIC = 0x54465331;

    public static GroupState empty(int inputs) {
        long[] positions = new long[inputs];
        Arrays.fill(positions, -1);
        List<RepeatFilter> repeats = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            repeats.add(new RepeatFilter());
        }
        return new GroupState(positions, repeats, Map.of(), null);
    }

    /** A copy that shares nothing mutable with this one (filters go on changing in their group). */
    GroupState copy() {
        return decode(encode());
    }

    public byte[] encode() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(machine == null ? 256 : machine.length + 256);
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(positions.length);
            for (long position : positions) {
                out.writeLong(position);
            }
            for (RepeatFilter filter : repeats) {
                filter.writeTo(out);
            }
            out.writeInt(scanFrom.size());
            for (Map.Entry<TopicPartition, Long> entry : scanFrom.entrySet()) {
                out.writeUTF(entry.getKey().topic());
                out.writeInt(entry.getKey().partition());
                out.writeLong(entry.getValue());
            }
            out.writeInt(machine == null ? -1 : machine.length);
            if (machine != null) {
                out.write(machine);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GroupState decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a partition group snapshot");
            }
            long[] positions = new long[in.readInt()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = in.readLong();
            }
            List<RepeatFilter> repeats = new ArrayList<>();
            for (int i = 0; i < positions.length; i++) {
                repeats.add(RepeatFilter.readFrom(in));
            }
            int partitions = in.readInt();
            Map<TopicPartition, Long> scanFrom = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                scanFrom.put(new TopicPartition(in.readUTF(), in.readInt()), in.readLong());
            }
            int length = in.readInt();
            byte[] machine = length < 0 ? null : in.readNBytes(length);
            if (machine != null && machine.length != length) {
                throw new IllegalArgumentException("a truncated partition group snapshot");
            }
            return new GroupState(positions, repeats, scanFrom, machine);
        } catch (IOException e) {
            throw new IllegalArgumentException("an unreadable partition group snapshot: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupState state && Arrays.equals(state.positions, positions) && Arrays.equals(state.machine, machine)
                && state.scanFrom.equals(scanFrom);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(positions);
    }
}
