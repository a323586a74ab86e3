package dev.tickflow.stats.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The topology's own meters. Meters are resolved once per tag set and cached: the topology calls these per tick.
 * Kafka Streams' own metrics (records processed, lag, restore progress) are bound separately.
 */
public class StatsMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> late = new ConcurrentHashMap<>();
    private final Map<String, Timer> emitLatency = new ConcurrentHashMap<>();

    public StatsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A tick too late for an aggregate: after the bar's grace, or of an earlier session than the current one. */
    public void lateTickDropped(String aggregate) {
        late.computeIfAbsent(aggregate, key -> Counter.builder("ticks.late.dropped")
                .description("ticks an aggregate could no longer take (bars: after the grace; daily: an earlier session)")
                .tag("aggregate", key).register(registry)).increment();
    }

    /**
     * A bar left the topology; latency is from the last trade's event time (live bars) or from the window's end (closed
     * bars, so it includes the grace by design).
     */
    public void barEmitted(int intervalSeconds, boolean closed, long latencyMillis) {
        String key = intervalSeconds + (closed ? "/closed" : "/live");
        emitLatency.computeIfAbsent(key, unused -> Timer.builder("bars.emit.latency")
                .description("event time to bar emission")
                .tag("interval", intervalSeconds + "s").tag("kind", closed ? "closed" : "live")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)).record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }

    public double lateTicks(String aggregate) {
        Counter counter = late.get(aggregate);
        return counter == null ? 0 : counter.count();
    }
}
