package dev.tickflow.feed.ingest;

import java.util.List;

/**
 * A tick as it arrived, every field still text, before any rule was applied. Every source (JSON, CSV, a polled
 * quote) is turned into this, so one validator decides for all of them.
 *
 * @param location where it was in its input ({@code [3]} in a batch, {@code line 17} in a file), for error reports
 * @param original the exact bytes to dead-letter if it is refused
 * @param formatViolations problems found while reading it (a number where text belongs, ...)
 */
public record RawTick(
        String symbol,
        String price,
        String quantity,
        String timestamp,
        String side,
        String venue,
        String tradeId,
        String location,
        byte[] original,
        List<Violation> formatViolations) {

    public RawTick {
        formatViolations = List.copyOf(formatViolations);
    }
}
