package dev.tickflow.surveillance.topology;

import java.time.Duration;

import dev.tickflow.surveillance.SurveillanceConfig;

/** The thresholds as plain values, so that tests build the topology without Quarkus. */
public record SurveillanceSettings(int maxFailedLogins, Duration loginWindow, long largeQuantity, int awayBp, Duration cancelWithin,
        int spoofOrders, Duration spoofWindow, Duration washWindow, int anomalyReturns, int anomalyMinReturns, double anomalySigmas,
        Duration gapAfter, int liquidTicks, Duration gapCheckEvery, int maxOrders, Duration orderWindow, Duration anomalyCooldown) {

    public static SurveillanceSettings from(SurveillanceConfig config) {
        return new SurveillanceSettings(config.failedLogins().max(), config.failedLogins().window(), config.spoofing().largeQuantity(),
                config.spoofing().awayBp(), config.spoofing().cancelWithin(), config.spoofing().orders(), config.spoofing().window(),
                config.washTrades().window(), config.priceAnomaly().returns(), config.priceAnomaly().minReturns(),
                config.priceAnomaly().sigmas(), config.tickGap().after(), config.tickGap().liquidTicks(), config.tickGap().checkEvery(),
                config.orderRate().max(), config.orderRate().window(), config.priceAnomaly().cooldown());
    }

    static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    public static SurveillanceSettings defaults() {
        return new SurveillanceSettings(5, Duration.ofSeconds(60), 1000, 50, Duration.ofSeconds(5), 3, Duration.ofSeconds(60),
                Duration.ofMinutes(10), 100, 20, 6, Duration.ofSeconds(30), 20, Duration.ofSeconds(5), 50, Duration.ofSeconds(10),
                Duration.ofMinutes(5));
    }
}
