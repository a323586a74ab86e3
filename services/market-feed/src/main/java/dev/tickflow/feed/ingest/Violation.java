package dev.tickflow.feed.ingest;

/**
 * One thing wrong with one input tick.
 *
 * @param field the input field, or {@code "$"} for the whole input
 * @param code short and stable: the dead-letter reason and the metrics tag
 */
public record Violation(String field, String code, String message) {

    public static final String WHOLE_INPUT = "$";

    public static Violation ofInput(String code, String message) {
        return new Violation(WHOLE_INPUT, code, message);
    }
}
