package dev.tickflow.sequencer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where an output record came from, carried in two headers of every record a sequenced service writes: the partition
 * group that wrote it ({@code source}, e.g. {@code risk/3}) and its place in that group's history.
 *
 * <p>{@code positions} are the group's input positions (next offset per input topic) right after the input that caused
 * the record, {@code cause} that input's topic index. {@code key}, the sum of the positions, grows with every input the
 * group processes, so ({@code key}, {@code index}) orders a group's outputs totally and identically in every run:
 * it is the output sequence that recovery mutes by and that consumers drop repeats by.
 */
public record SequenceTag(String source, long key, int index, int cause, long[] positions) {

    /** The partition group that wrote the record. */
    public static final String SOURCE_HEADER = "tickflow.seq.source";
    /** Key, index, cause and positions, binary. */
    public static final String POSITION_HEADER = "tickflow.seq";
    private static final byte VERSION = 1;

    /** The sum of the positions; an unknown position ({@code -1}, nothing read yet) counts as 0. */
    public static long keyOf(long[] positions) {
        long key = 0;
        for (long position : positions) {
            key += Math.max(0, position);
        }
        return key;
    }

    /** Whether this tag comes at or before (key, index) in its group's order. */
    public boolean atOrBefore(long otherKey, int otherIndex) {
        return compare(key, index, otherKey, otherIndex) <= 0;
    }

    public static int compare(long key, int index, long otherKey, int otherIndex) {
        int byKey = Long.compare(key, otherKey);
        return byKey != 0 ? byKey : Integer.compare(index, otherIndex);
    }

    /** Replaces any tag the headers carry (a dead letter copies its original's) with this one. */
    public void writeTo(Headers headers) {
        headers.remove(SOURCE_HEADER);
        headers.remove(POSITION_HEADER);
        headers.add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 4 + 1 + 1 + 8 * positions.length);
        buffer.put(VERSION).putLong(key).putInt(index).put((byte) cause).put((byte) positions.length);
        for (long position : positions) {
            buffer.putLong(position);
        }
        headers.add(POSITION_HEADER, buffer.array());
    }

    /** The tag of a record, or null if it has none (it was not written by a sequenced service) or it is unreadable. */
    public static SequenceTag readFrom(Headers headers) {
        Header source = headers.lastHeader(SOURCE_HEADER);
        Header position = headers.lastHeader(POSITION_HEADER);
        if (source == null || position == null || source.value() == null || position.value() == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(position.value());
        if (buffer.remaining() < 15 || buffer.get() != VERSION) {
            return null;
        }
        long key = buffer.getLong();
        int index = buffer.getInt();
        int cause = buffer.get();
        int count = buffer.get();
        if (count < 0 || buffer.remaining() != 8 * count) {
            return null;
        }
        long[] positions = new long[count];
        for (int i = 0; i < count; i++) {
            positions[i] = buffer.getLong();
        }
        return new SequenceTag(new String(source.value(), StandardCharsets.UTF_8), key, index, cause, positions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceTag tag && tag.source.equals(source) && tag.key == key && tag.index == index
                && tag.cause == cause && Arrays.equals(tag.positions, positions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * source.hashCode() + Long.hashCode(key)) + index;
    }

    @Override
    public String toString() {
        return source + "@" + key + "." + index + " cause " + cause + " " + Arrays.toString(positions);
    }
}
