package dev.tickflow.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** web settings (prefix tickflow.web): where the other services answer, and how often the screen refreshes. */
@ConfigMapping(prefix = "tickflow.web")
public interface WebConfig {

    /** order-gateway: orders are entered and cancelled there, with the caller's own token. */
    @WithDefault("http://localhost:8083")
    URI gatewayUrl();

    /** risk: positions and P&L. */
    @WithDefault("http://localhost:8084")
    URI riskUrl();

    /** matching-engine: a symbol's book, read once when this instance first needs it; deltas keep it current. */
    @WithDefault("http://localhost:8085")
    URI matchingUrl();

    /** market-stats: symbols, quotes, recent bars, indicators, movers. */
    @WithDefault("http://localhost:8082")
    URI statsUrl();

    /** history: older bars, when the service runs. */
    @WithDefault("http://localhost:8087")
    URI historyUrl();

    /** How long a call to another service may take before the screen is told it is unavailable. */
    @WithDefault("5s")
    Duration backendTimeout();

    /** P&L moves with every trade of a held symbol: refreshed this often for connected accounts. */
    @WithDefault("2s")
    Duration pnlRefresh();

    /** How often the latency panel reads the services' metrics; percentiles cover the last interval. */
    @WithDefault("5s")
    Duration latencyInterval();

    /**
     * Market-wide alerts (those about no account) of these types are shown to every signed-in user; all others go to
     * administrators only. None by default: making a market alert public is a decision, not an accident. Names of
     * {@code AlertType} (read as text: an enum of another module does not convert in a config mapping under test).
     */
    Optional<Set<String>> publicAlertTypes();

    /** The hops of the latency panel, by name. */
    Map<String, Hop> latency();

    /** One measured hop: which service's Prometheus endpoint and which histogram. */
    interface Hop {

        /** What the hop is, as the panel shows it. */
        String label();

        /** The service's Prometheus endpoint, e.g. http://localhost:8081/q/metrics. */
        URI metrics();

        /** The histogram's Prometheus name, without _bucket. */
        String histogram();

        /** Only the series whose labels contain this text (for example {@code kind="live"}); all of them by default. */
        Optional<String> labels();

        /** Order on the panel. */
        @WithDefault("100")
        int position();
    }
}
