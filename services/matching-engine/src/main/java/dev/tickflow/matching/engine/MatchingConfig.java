package dev.tickflow.matching.engine;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** matching-engine settings (prefix tickflow.matching). */
@ConfigMapping(prefix = "tickflow.matching")
public interface MatchingConfig {

    /** The time zone of the session close. */
    @WithDefault("America/New_York")
    ZoneId exchangeZone();

    /** Local time at which DAY orders expire. */
    @WithDefault("16:00")
    LocalTime sessionClose();

    /** How often the session clock looks whether a close has passed (and writes it into the input log). */
    @WithDefault("30s")
    Duration sessionCheckInterval();

    /** The host this instance advertises to the others, for queries about books it owns. */
    @WithDefault("localhost")
    String advertisedHost();

    /** A partition with new commands is snapshotted at least this often: a crash replays at most this much. */
    @WithDefault("10s")
    Duration snapshotInterval();

    /** ... and at least every this many commands. */
    @WithDefault("200000")
    long snapshotEveryInputs();

    /** How soon the group notices a dead instance and moves its partitions. */
    @WithDefault("10s")
    Duration sessionTimeout();
}
