package dev.tickflow.web.latency;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A Prometheus histogram read from a metrics page: cumulative counts by upper bound, summed over every other label
 * (all instances of the timer). Two readings subtract to the observations in between, so percentiles describe the
 * last interval rather than everything since the service started.
 */
record Histogram(NavigableMap<Double, Double> cumulative) {

    static final Histogram EMPTY = new Histogram(new TreeMap<>());

    /** Reads {@code <name>_bucket{...,le="x"} n} lines from a Prometheus text page. */
    static Histogram parse(String page, String name) {
        return parse(page, name, "");
    }

    /** The same, for the series whose labels contain {@code labels} only. */
    static Histogram parse(String page, String name, String labels) {
        NavigableMap<Double, Double> counts = new TreeMap<>();
        String prefix = name + "_bucket{";
        for (String line : page.split("\n")) {
            if (!line.startsWith(prefix) || !line.contains(labels)) {
                continue;
            }
            int le = line.indexOf("le=\"");
            int close = line.lastIndexOf('}');
            if (le < 0 || close < le) {
                continue;
            }
            String bound = line.substring(le + 4, line.indexOf('"', le + 4));
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            String[] value = line.substring(close + 1).trim().split("\\s+");
            counts.merge(upper, Double.parseDouble(value[0]), Double::sum);
        }
        return new Histogram(counts);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
    }

    /** The observations after {@code earlier}; a restarted service (counts went down) counts from zero. */
    Histogram since(Histogram earlier) {
        if (earlier.count() > count()) {
            return this;
        }
        NavigableMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            delta.put(bucket.getKey(), bucket.getValue() - earlier.cumulative.getOrDefault(bucket.getKey(), 0.0));
        }
        return new Histogram(delta);
    }

    /**
     * The q-quantile in the histogram's unit, interpolated linearly inside the bucket that holds it (as Prometheus'
     * histogram_quantile does); the largest finite bound when it falls in the +Inf bucket; NaN with no observations.
     */
    double quantile(double q) {
        double total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upper = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                double inBucket = count - below;
                return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
            lower = upper;
            below = count;
        }
        return lower;
    }
}
