package dev.tickflow.model;

import java.time.Clock;
import java.time.Instant;

/** Event and processing times travel as epoch microseconds (UTC) in {@code long} fields named {@code *Micros}. */
public final class EventTime {

    private EventTime() {
    }

    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    public static long nowMicros(Clock clock) {
        return toMicros(clock.instant());
    }

    /** Kafka record timestamps and Streams windows are in milliseconds. */
    public static long toMillis(long epochMicros) {
        return Math.floorDiv(epochMicros, 1_000L);
    }

    public static long fromMillis(long epochMillis) {
        return Math.multiplyExact(epochMillis, 1_000L);
    }
}
