package dev.tickflow.sequencer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

/**
 * How a recovering partition group gets back to where its last run stopped, worked out from what that run wrote.
 *
 * <p>Every output carries the positions of all the group's inputs right after its cause, so the outputs written since
 * the snapshot spell out the order in which the earlier run interleaved its input partitions. The replay follows that
 * order exactly up to the last written output: each step processes the other inputs up to the positions its output
 * recorded, then the cause itself. Inputs between two steps produced no output, and such inputs commute (they are the
 * ones that only move state), so their order within a step does not matter. After the last step the group is free to
 * interleave as it likes: nothing of what it decides from there on has been seen by anyone.
 *
 * <p>A step's recorded outputs are the ones the earlier run is known to have written: they are muted when the replay
 * produces them again, and any other output of that input (lost in the crash on its partition) is written now. An input
 * with no recorded output wrote nothing anywhere, so whatever it decides on replay is written.
 */
public final class ReplayPlan {

    private static final Logger LOG = Logger.getLogger(ReplayPlan.class);

    /** One cause with the positions its outputs recorded and the outputs themselves. */
    record Step(long key, int cause, long[] positions, List<Input.Recorded> recorded) {
    }

    private final Deque<Step> steps;

    private ReplayPlan(Deque<Step> steps) {
        this.steps = steps;
    }

    /** Nothing to replay, nothing to mute: a group that starts fresh or after a clean stop. */
    public static ReplayPlan none() {
        return new ReplayPlan(new ArrayDeque<>());
    }

    /**
     * @param source the group whose outputs to follow; records of other groups are ignored
     * @param snapshotPositions the positions the group's snapshot covers (each -1 when unknown)
     * @param scanned the records found on the output partitions after the snapshot's scan offsets, in any order
     */
    public static ReplayPlan of(String source, long[] snapshotPositions, Collection<RecordedOutput> scanned) {
        long snapshotKey = SequenceTag.keyOf(snapshotPositions);
        // The first copy of each output wins: a repeat (a zombie's, say) says nothing new.
        TreeMap<Long, Map<Integer, RecordedOutput>> byKey = new TreeMap<>();
        List<RecordedOutput> inOrder = new ArrayList<>(scanned);
        inOrder.sort(Comparator.comparing((RecordedOutput output) -> output.partition().toString())
                .thenComparingLong(RecordedOutput::offset));
        for (RecordedOutput output : inOrder) {
            SequenceTag tag = output.tag();
            if (!tag.source().equals(source) || tag.positions().length != snapshotPositions.length) {
                continue;
            }
            if (tag.key() > snapshotKey) {
                byKey.computeIfAbsent(tag.key(), unused -> new TreeMap<>()).putIfAbsent(tag.index(), output);
            }
        }
        Deque<Step> steps = new ArrayDeque<>();
        long[] previous = snapshotPositions;
        for (Map.Entry<Long, Map<Integer, RecordedOutput>> entry : byKey.entrySet()) {
            RecordedOutput first = entry.getValue().values().iterator().next();
            long[] positions = first.tag().positions();
            if (!follows(previous, positions, first.tag().cause())) {
                // A history that does not add up (two writers disagreeing): follow it as far as it is consistent.
                LOG.warnf("%s: recorded outputs stop adding up at key %d (%s after %s); replaying freely from there", source,
                        entry.getKey(), java.util.Arrays.toString(positions), java.util.Arrays.toString(previous));
                break;
            }
            List<Input.Recorded> recorded = new ArrayList<>();
            for (RecordedOutput output : entry.getValue().values()) {
                recorded.add(output.asRecorded());
            }
            steps.add(new Step(entry.getKey(), first.tag().cause(), positions, List.copyOf(recorded)));
            previous = positions;
        }
        return new ReplayPlan(steps);
    }

    /** Positions only move forward, and the cause's by at least its own record. */
    private static boolean follows(long[] before, long[] after, int cause) {
        if (cause < 0 || cause >= after.length) {
            return false;
        }
        for (int i = 0; i < after.length; i++) {
            if (after[i] < before[i]) {
                return false;
            }
        }
        return after[cause] > Math.max(0, before[cause]);
    }

    Deque<Step> steps() {
        return steps;
    }

    /** The steps left to replay. */
    public int remaining() {
        return steps.size();
    }
}
