package dev.tickflow.feed.simulator;

import java.time.Duration;

import dev.tickflow.feed.FeedConfig;

/** What can be retuned while the simulator runs. */
public record SimulatorSettings(double ticksPerSecond, double outOfOrderShare, Duration outOfOrderMax, double lateShare,
        Duration lateMin, Duration lateMax) {

    public SimulatorSettings {
        if (!(ticksPerSecond > 0) || ticksPerSecond > 1_000_000) {
            throw new IllegalArgumentException("ticksPerSecond must be in (0, 1000000]");
        }
        if (outOfOrderShare < 0 || lateShare < 0 || outOfOrderShare + lateShare > 1) {
            throw new IllegalArgumentException("outOfOrderShare and lateShare must be >= 0 and sum to at most 1");
        }
        if (outOfOrderMax.isNegative() || lateMin.isNegative() || lateMax.compareTo(lateMin) < 0) {
            throw new IllegalArgumentException("delays must be >= 0 and lateMax >= lateMin");
        }
    }

    static SimulatorSettings from(FeedConfig.Simulator config) {
        return new SimulatorSettings(config.ticksPerSecond(), config.outOfOrderShare(), config.outOfOrderMax(),
                config.lateShare(), config.lateMin(), config.lateMax());
    }

    public SimulatorSettings with(Double rate, Double outOfOrder, Double late) {
        return new SimulatorSettings(rate == null ? ticksPerSecond : rate, outOfOrder == null ? outOfOrderShare : outOfOrder,
                outOfOrderMax, late == null ? lateShare : late, lateMin, lateMax);
    }
}
