package dev.tickflow.feed.publish;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tickflow.feed.ingest.FeedSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * market-feed's meters. Counters are looked up once per source (and reason) and cached: registering a meter per
 * tick would cost a map lookup with tag sorting on the hot path.
 */
@ApplicationScoped
public class FeedMetrics {

    private final MeterRegistry registry;
    private final Map<FeedSource, Counter> accepted = new EnumMap<>(FeedSource.class);
    private final Map<FeedSource, Counter> publishFailed = new EnumMap<>(FeedSource.class);
    private final Map<FeedSource, Counter> throttled = new EnumMap<>(FeedSource.class);
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter deadLetterFailed;
    private final Timer produceLatency;

    FeedMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (FeedSource source : FeedSource.values()) {
            accepted.put(source, Counter.builder("ticks.accepted").description("ticks published to md.ticks")
                    .tag("source", source.tag()).register(registry));
            publishFailed.put(source, Counter.builder("ticks.publish.failed")
                    .description("valid ticks the broker did not acknowledge").tag("source", source.tag()).register(registry));
            throttled.put(source, Counter.builder("ticks.throttled")
                    .description("ticks not taken because too many sends were in flight").tag("source", source.tag())
                    .register(registry));
        }
        deadLetterFailed = Counter.builder("ticks.dead-letter.failed")
                .description("refused ticks that could not be written to the dead-letter topic").register(registry);
        produceLatency = Timer.builder("ticks.produce.latency")
                .description("from handing a tick to the producer until the broker acknowledged it (acks=all)")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99, 0.999)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void accepted(FeedSource source) {
        accepted.get(source).increment();
    }

    public void publishFailed(FeedSource source) {
        publishFailed.get(source).increment();
    }

    public void throttled(FeedSource source, int count) {
        throttled.get(source).increment(count);
    }

    public void rejected(FeedSource source, String reason) {
        rejected.computeIfAbsent(source.tag() + '|' + reason, key -> Counter.builder("ticks.rejected")
                .description("ticks refused and dead-lettered").tag("source", source.tag()).tag("reason", reason)
                .register(registry)).increment();
    }

    public void deadLetterFailed() {
        deadLetterFailed.increment();
    }

    public void produced(long startNanos) {
        produceLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    public void inFlightGauge(Supplier<Number> inFlight) {
        registry.gauge("ticks.in.flight", inFlight, supplier -> supplier.get().doubleValue());
    }

    public double acceptedCount(FeedSource source) {
        return accepted.get(source).count();
    }
}
