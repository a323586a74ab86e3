package dev.tickflow.risk.state;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tickflow.model.RejectReason;

/**
 * What risk decided for the latest commands, by command id, so that a command that arrives again (a sender retrying
 * an ambiguous write) gets its first outcome instead of a second decision. Bounded: the oldest go first.
 */
public final class CommandOutcomes {

    /** Accepted, or refused with a reason and message. */
    public record Outcome(RejectReason reason, String message) {

        public static final Outcome ACCEPTED = new Outcome(null, null);

        public boolean accepted() {
            return reason == null;
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Outcome> outcomes = new LinkedHashMap<>();

    public CommandOutcomes(int capacity) {
        this.capacity = capacity;
    }

    public Outcome get(String commandId) {
        return outcomes.get(commandId);
    }

    public void put(String commandId, Outcome outcome) {
        outcomes.put(commandId, outcome);
        if (outcomes.size() > capacity) {
            Iterator<String> oldest = outcomes.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public int size() {
        return outcomes.size();
    }

    /** Oldest first. */
    public Iterable<Map.Entry<String, Outcome>> entries() {
        return outcomes.entrySet();
    }
}
