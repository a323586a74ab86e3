package dev.tickflow.feed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** market-feed settings; every source can also be started, stopped and retuned at run time over REST. */
@ConfigMapping(prefix = "tickflow.feed")
public interface FeedConfig {

    /**
     * Most ticks and dead letters sent to Kafka and not yet acknowledged. Past it, push endpoints answer 503 and the
     * simulator skips ticks instead of queueing without bound while the broker is slow or away.
     */
    @WithDefault("20000")
    int maxInFlight();

    /** Largest push payload processed; larger ones are dead-lettered whole (the HTTP layer refuses far larger ones). */
    @WithDefault("131072")
    int maxPayloadBytes();

    /** Most ticks in one pushed batch. */
    @WithDefault("5000")
    int maxBatchSize();

    /** A tick stamped further ahead of this service's clock than this is refused: clocks drift, feeds do not time-travel. */
    @WithDefault("5s")
    Duration maxFutureSkew();

    /** Symbols accepted besides the simulator's universe and ref.instruments. */
    Optional<List<String>> extraSymbols();

    Simulator simulator();

    Replay replay();

    Poll poll();

    Push push();

    /** Geometric Brownian motion prices for a universe of instruments. */
    interface Simulator {
        @WithDefault("true")
        boolean enabled();

        /** How many instruments of the universe trade (the first N of simulator/instruments.csv, then synthetic ones). */
        @WithDefault("20")
        int symbols();

        /** Ticks per second across all symbols. */
        @WithDefault("1000")
        double ticksPerSecond();

        /**
         * The simulator's clock step: each step publishes the ticks due in it, stamped with the step's time. Each step is
         * a wake-up and a produce request, so a longer one makes fewer, larger requests; 50 ms is twenty steps a second,
         * more often than the dashboard redraws (five times a second).
         */
        @WithDefault("50ms")
        Duration slot();

        /** Share of ticks stamped up to {@link #outOfOrderMax()} in the past: out of order, but within a bar's grace. */
        @WithDefault("0.02")
        double outOfOrderShare();

        @WithDefault("2s")
        Duration outOfOrderMax();

        /** Share of ticks stamped between {@link #lateMin()} and {@link #lateMax()} in the past: late for grace handling. */
        @WithDefault("0.005")
        double lateShare();

        @WithDefault("15s")
        Duration lateMin();

        @WithDefault("45s")
        Duration lateMax();

        /** Multiplies every instrument's annual volatility: 1 is realistic, larger makes screens livelier. */
        @WithDefault("1")
        double volatilityScale();

        /** Fixed seed for reproducible runs; random when absent. */
        OptionalLong seed();
    }

    /** Replays CSV or JSON-lines tick files. */
    interface Replay {
        /** Files named in a start request are looked up here (and nowhere else), then among the bundled samples. */
        @WithDefault("replay")
        String directory();
    }

    /** Polls a quote URL on a schedule, like a public price API. */
    interface Poll {
        @WithDefault("false")
        boolean enabled();

        /** URL template; {symbol} is replaced by each symbol. */
        Optional<String> url();

        Optional<List<String>> symbols();

        /** Where the price is in the JSON answer: a JSON Pointer ({@code /data/price}) or dotted path ({@code data.price}). */
        @WithDefault("/price")
        String pricePath();

        Optional<String> quantityPath();

        /** Where the quote's time is (ISO-8601 or epoch millis); the poll time when absent. */
        Optional<String> timestampPath();

        /** A quote carries no traded quantity: this one is used unless {@link #quantityPath()} finds one. */
        @WithDefault("1")
        long defaultQuantity();

        @WithDefault("5s")
        Duration interval();

        @WithDefault("2s")
        Duration timeout();

        @WithDefault("3")
        int maxRetries();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10")
        int maxRequestsPerSecond();

        /**
         * The only hosts the poller may ask: names as in the URL ({@code quotes.example.com}), or {@code *.example.com}
         * for its subdomains. Empty by default, so that nobody who reaches the control API can point the poller at an
         * address inside the cluster and have the answer published as market data.
         */
        Optional<List<String>> allowedHosts();
    }

    /** POST /ticks and the /ws/ticks WebSocket. */
    interface Push {
        @WithDefault("true")
        boolean enabled();
    }
}
