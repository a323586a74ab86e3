package dev.tickflow.sequencer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops the outputs of sequenced writers that a reader of one partition has taken before.
 *
 * <p>A writer's outputs reach a partition in their order, so almost every record is simply newer than the last one
 * taken from its writer. Two things break that order. A repeat: a zombie instance (one that lost its partition but has
 * not noticed yet) writes what the new owner writes too. And a fill: a writer that crashed with outputs in flight
 * writes, on recovery, an output whose place in its order lies before outputs that reached this partition ahead of the
 * crash; that happens only for an output it decided differently the second time (its partition differs), and only
 * within what was in flight at the crash. So each writer keeps a window of its last {@value #WINDOW} taken outputs:
 * anything newer is taken, anything in the window's range that is not in it is a fill and taken, the rest is a repeat.
 *
 * <p>Not thread-safe; one per reader of a partition. Its state belongs in the reader's snapshot.
 */
public final class RepeatFilter {

    static final int WINDOW = 512;

    private final Map<String, Window> writers = new HashMap<>();

    /** Whether the record is taken for the first time; a record without a tag is always taken. */
    public boolean firstTime(SequenceTag tag) {
        if (tag == null) {
            return true;
        }
        return writers.computeIfAbsent(tag.source(), unused -> new Window()).take(tag.key(), tag.index());
    }

    public int writers() {
        return writers.size();
    }

    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(writers.size());
        for (Map.Entry<String, Window> entry : writers.entrySet()) {
            out.writeUTF(entry.getKey());
            entry.getValue().writeTo(out);
        }
    }

    public static RepeatFilter readFrom(DataInputStream in) throws IOException {
        RepeatFilter filter = new RepeatFilter();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            filter.writers.put(in.readUTF(), Window.readFrom(in));
        }
        return filter;
    }

    /** The last outputs taken from one writer, newest last in a ring. */
    private static final class Window {
        private final long[] keys = new long[WINDOW];
        private final int[] indexes = new int[WINDOW];
        private int size;
        private int next;
        private long newestKey = Long.MIN_VALUE;
        private int newestIndex;

        boolean take(long key, int index) {
            if (SequenceTag.compare(key, index, newestKey, newestIndex) > 0) {
                newestKey = key;
                newestIndex = index;
                add(key, index);
                return true;
            }
            // rare: at or before the newest taken
            long oldestKey = Long.MAX_VALUE;
            int oldestIndex = Integer.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (keys[i] == key && indexes[i] == index) {
                    return false;
                }
                if (SequenceTag.compare(keys[i], indexes[i], oldestKey, oldestIndex) < 0) {
                    oldestKey = keys[i];
                    oldestIndex = indexes[i];
                }
            }
            if (size < WINDOW || SequenceTag.compare(key, index, oldestKey, oldestIndex) > 0) {
                add(key, index);
                return true;
            }
            return false;
        }

        private void add(long key, int index) {
            keys[next] = key;
            indexes[next] = index;
            next = (next + 1) % WINDOW;
            size = Math.min(WINDOW, size + 1);
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(newestKey);
            out.writeInt(newestIndex);
            out.writeInt(size);
            // oldest first, so that reading them back in order rebuilds the same ring
            for (int i = 0; i < size; i++) {
                int slot = (next - size + i + WINDOW) % WINDOW;
                out.writeLong(keys[slot]);
                out.writeInt(indexes[slot]);
            }
        }

        static Window readFrom(DataInputStream in) throws IOException {
            Window window = new Window();
            long newestKey = in.readLong();
            int newestIndex = in.readInt();
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                window.add(in.readLong(), in.readInt());
            }
            window.newestKey = newestKey;
            window.newestIndex = newestIndex;
            return window;
        }
    }
}
