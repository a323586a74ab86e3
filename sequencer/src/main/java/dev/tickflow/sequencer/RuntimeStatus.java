package dev.tickflow.sequencer;

import java.util.List;
import java.util.Map;

/**
 * What a sequenced runtime is doing, for health checks.
 *
 * @param running the processing thread runs a session (connected, subscribed)
 * @param assigned whether the group has assigned partitions (possibly none) at least once in this session
 * @param partitions owned partition groups and, for those still replaying, the steps left
 * @param failure why the last session ended, if it failed
 */
public record RuntimeStatus(boolean running, boolean assigned, Map<Integer, Integer> partitions, String failure) {

    /** Ready: processing live on every partition it owns. */
    public boolean ready() {
        return running && assigned && partitions.values().stream().allMatch(left -> left == 0);
    }

    public List<Integer> replaying() {
        return partitions.entrySet().stream().filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
    }
}
