package dev.tickflow.stats.topology;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import dev.tickflow.stats.StatsConfig;

/** What the topology needs from configuration, as a plain value so tests build the production topology without CDI. */
public record StatsSettings(Duration grace, Duration liveInterval, ZoneId exchangeZone, int moversSize, Duration moversInterval,
        IndicatorSettings indicators, Duration retention1m, Duration retention5m, Duration retention1h) {

    /** Indicator periods, in closed 1-minute bars. */
    public record IndicatorSettings(List<Integer> smaPeriods, List<Integer> emaPeriods, int rsiPeriod, int bollingerPeriod,
            int bollingerWidth) {

        public IndicatorSettings {
            smaPeriods = List.copyOf(smaPeriods);
            emaPeriods = List.copyOf(emaPeriods);
        }

        /** How many closes the state must keep. */
        public int longestWindow() {
            int longest = Math.max(rsiPeriod + 1, bollingerPeriod);
            for (int period : smaPeriods) {
                longest = Math.max(longest, period);
            }
            return longest;
        }
    }

    public static StatsSettings from(StatsConfig config) {
        return new StatsSettings(config.grace(), config.liveInterval(), config.exchangeZone(), config.moversSize(), config.moversInterval(),
                new IndicatorSettings(config.smaPeriods(), config.emaPeriods(), config.rsiPeriod(), config.bollingerPeriod(),
                        config.bollingerWidth()),
                config.retention().oneMinute(), config.retention().fiveMinutes(), config.retention().oneHour());
    }

    /** The defaults of {@link StatsConfig}, for tests. */
    public static StatsSettings defaults() {
        return new StatsSettings(Duration.ofSeconds(10), Duration.ofMillis(500), ZoneId.of("America/New_York"), 10, Duration.ofSeconds(1),
                new IndicatorSettings(List.of(20, 50), List.of(12, 26), 14, 20, 2),
                Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    }
}
