package dev.tickflow.web.latency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.web.WebConfig;
import dev.tickflow.web.backend.Backend;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Per-hop latency for the dashboard, from the services' own Prometheus histograms: each interval every configured
 * endpoint is read once (however many browsers look) and p50/p99 are computed over the observations of that interval.
 */
@ApplicationScoped
public class LatencyPanel {

    /** One hop as the page shows it; the percentiles are null when the hop saw nothing or its service did not answer. */
    @RegisterForReflection
    public record HopLatency(String hop, String label, Double p50Millis, Double p99Millis, long count, String status) {
    }

    private final Backend backend;
    private final WebConfig config;
    private final Vertx vertx;
    private final Map<String, Histogram> previous = new ConcurrentHashMap<>();
    private final Map<String, HopLatency> latest = new ConcurrentHashMap<>();
    private long timer = -1;

    LatencyPanel(Backend backend, WebConfig config, Vertx vertx) {
        this.backend = backend;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        if (!config.latency().isEmpty()) {
            timer = vertx.setPeriodic(config.latencyInterval().toMillis(), unused -> readAll());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public List<HopLatency> hops() {
        List<HopLatency> hops = new ArrayList<>();
        config.latency().forEach((name, hop) -> hops.add(latest.getOrDefault(name,
                new HopLatency(name, hop.label(), null, null, 0, "waiting for the first reading"))));
        hops.sort(Comparator.comparing((HopLatency hop) -> config.latency().get(hop.hop()).position()).thenComparing(HopLatency::hop));
        return hops;
    }

    void readAll() {
        config.latency().forEach((name, hop) -> backend.get(hop.metrics()).subscribe().with(answer -> {
            if (!answer.ok()) {
                latest.put(name, new HopLatency(name, hop.label(), null, null, 0, "metrics answered " + answer.status()));
                return;
            }
            record(name, hop.label(), Histogram.parse(answer.body(), hop.histogram(), hop.labels().orElse("")));
        }, failure -> latest.put(name, new HopLatency(name, hop.label(), null, null, 0, "service not reachable"))));
    }

    void record(String name, String label, Histogram now) {
        Histogram before = previous.put(name, now);
        Histogram interval = now.since(before == null ? Histogram.EMPTY : before);
        long count = interval.count();
        if (count > 0) {
            latest.put(name, new HopLatency(name, label, millis(interval.quantile(0.5)), millis(interval.quantile(0.99)), count, "ok"));
        } else {
            // nothing new (no orders this interval): the last interval that had samples stays on the panel, marked idle
            HopLatency shown = latest.get(name);
            latest.put(name, shown != null && shown.count() > 0
                    ? new HopLatency(name, label, shown.p50Millis(), shown.p99Millis(), shown.count(), "idle")
                    : new HopLatency(name, label, null, null, 0, "idle"));
        }
    }

    private static Double millis(double seconds) {
        return Double.isNaN(seconds) ? null : Math.round(seconds * 1_000_000) / 1_000.0;
    }
}
