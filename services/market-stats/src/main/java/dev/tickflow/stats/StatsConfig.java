package dev.tickflow.stats;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** market-stats settings (prefix tickflow.stats). */
@ConfigMapping(prefix = "tickflow.stats")
public interface StatsConfig {

    /** How long after a 1-minute window ends a late tick is still counted; after that it is dropped (and counted). */
    @WithDefault("10s")
    Duration grace();

    /**
     * How often the open bars and sessions that changed are published (md.bars.1m.live, md.daily-stats), wall clock;
     * zero publishes on every trade.
     */
    @WithDefault("500ms")
    Duration liveInterval();

    /** Daily statistics roll over at midnight in this zone: the exchange's trading day. */
    @WithDefault("America/New_York")
    ZoneId exchangeZone();

    /** How many gainers and how many losers {@code md.movers} lists. */
    @WithDefault("10")
    int moversSize();

    /** How often the ranking task publishes movers when something changed (wall clock). */
    @WithDefault("1s")
    Duration moversInterval();

    /** Simple moving average periods, in 1-minute bars. */
    @WithDefault("20,50")
    List<Integer> smaPeriods();

    /** Exponential moving average periods, in 1-minute bars. */
    @WithDefault("12,26")
    List<Integer> emaPeriods();

    @WithDefault("14")
    int rsiPeriod();

    @WithDefault("20")
    int bollingerPeriod();

    /** Width of the Bollinger bands in standard deviations. */
    @WithDefault("2")
    int bollingerWidth();

    /** How long bars stay queryable over REST, per interval. */
    Retention retention();

    /** Store retention per bar interval. */
    interface Retention {
        @WithDefault("P1D")
        Duration oneMinute();

        @WithDefault("P7D")
        Duration fiveMinutes();

        @WithDefault("P30D")
        Duration oneHour();
    }
}
