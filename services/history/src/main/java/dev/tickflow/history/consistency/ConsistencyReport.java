package dev.tickflow.history.consistency;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The outcome of a recomputation: how many minutes were compared and every field that differs. */
@RegisterForReflection
public record ConsistencyReport(String symbol, String from, String to, int windows, List<Difference> differences, String checkedAt) {

    /** One field of one minute: what the ticks give and what the stream emitted ("none" when there is no bar). */
    @RegisterForReflection
    public record Difference(String windowStart, String field, String recomputed, String streamed) {
    }
}
