package dev.tickflow.stats.query;

import java.time.Duration;

import dev.tickflow.stats.topology.StoreNames;

/** The bar intervals the API serves and where each is stored. */
enum BarInterval {
    ONE_MINUTE("1m", Duration.ofMinutes(1), StoreNames.BARS_1M, Duration.ofHours(2)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5), StoreNames.BARS_5M, Duration.ofDays(1)),
    ONE_HOUR("1h", Duration.ofHours(1), StoreNames.BARS_1H, Duration.ofDays(7));

    private final String label;
    private final Duration size;
    private final String store;
    private final Duration defaultSpan;

    BarInterval(String label, Duration size, String store, Duration defaultSpan) {
        this.label = label;
        this.size = size;
        this.store = store;
        this.defaultSpan = defaultSpan;
    }

    static BarInterval parse(String text) {
        for (BarInterval interval : values()) {
            if (interval.label.equals(text)) {
                return interval;
            }
        }
        throw new IllegalArgumentException("interval must be 1m, 5m or 1h, was '" + text + "'");
    }

    String label() {
        return label;
    }

    Duration size() {
        return size;
    }

    String store() {
        return store;
    }

    Duration defaultSpan() {
        return defaultSpan;
    }
}
