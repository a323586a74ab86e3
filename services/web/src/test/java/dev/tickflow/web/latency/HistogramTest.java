package dev.tickflow.web.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Percentiles from Prometheus buckets, over the interval between two readings. */
class HistogramTest {

    private static final String NAME = "tickflow_gateway_command_round_trip_seconds";

    private static String page(long first, long second, long third, long all) {
        return String.join("\n",
                "# HELP " + NAME + " round trip",
                "# TYPE " + NAME + " histogram",
                NAME + "_bucket{application=\"order-gateway\",le=\"0.001\"} " + first / 2 + ".0",
                NAME + "_bucket{application=\"order-gateway\",le=\"0.005\"} " + second / 2 + ".0",
                NAME + "_bucket{application=\"order-gateway\",le=\"0.01\"} " + third / 2 + ".0",
                NAME + "_bucket{application=\"order-gateway\",le=\"+Inf\"} " + all / 2 + ".0",
                // a second instance of the timer (another tag): its counts add up with the first
                NAME + "_bucket{application=\"order-gateway\",channel=\"ws\",le=\"0.001\"} " + (first - first / 2) + ".0",
                NAME + "_bucket{application=\"order-gateway\",channel=\"ws\",le=\"0.005\"} " + (second - second / 2) + ".0",
                NAME + "_bucket{application=\"order-gateway\",channel=\"ws\",le=\"0.01\"} " + (third - third / 2) + ".0",
                NAME + "_bucket{application=\"order-gateway\",channel=\"ws\",le=\"+Inf\"} " + (all - all / 2) + ".0",
                NAME + "_count{application=\"order-gateway\"} " + all + ".0",
                "other_metric_bucket{le=\"0.001\"} 99.0");
    }

    @Test
    void quantilesInterpolateInsideTheBucketThatHoldsThem() {
        Histogram histogram = Histogram.parse(page(10, 60, 100, 100), NAME);
        assertThat(histogram.count()).isEqualTo(100);
        // rank 50 lies in (1 ms, 5 ms], 40 of its 50 observations in: 1 + 4 * 40/50 ms
        assertThat(histogram.quantile(0.5)).isCloseTo(0.0042, within(1e-9));
        // rank 99 lies in (5 ms, 10 ms], 39 of its 40 in
        assertThat(histogram.quantile(0.99)).isCloseTo(0.009875, within(1e-9));
    }

    @Test
    void anIntervalCountsOnlyWhatHappenedInIt() {
        Histogram before = Histogram.parse(page(10, 60, 100, 100), NAME);
        Histogram after = Histogram.parse(page(10, 60, 200, 300), NAME);
        Histogram interval = after.since(before);
        assertThat(interval.count()).isEqualTo(200);
        // none of the new observations were under 5 ms: 100 in (5, 10] ms and 100 beyond the last bound
        assertThat(interval.quantile(0.25)).isCloseTo(0.0075, within(1e-9));
        assertThat(interval.quantile(0.99)).as("in the +Inf bucket: the largest finite bound").isEqualTo(0.01);
    }

    @Test
    void aLabelFilterKeepsOneSeries() {
        Histogram ws = Histogram.parse(page(10, 60, 100, 100), NAME, "channel=\"ws\"");
        assertThat(ws.count()).as("the second series holds the odd halves").isEqualTo(50);
        assertThat(Histogram.parse(page(10, 60, 100, 100), NAME, "channel=\"fix\"").count()).isZero();
    }

    @Test
    void aRestartedServiceStartsAFreshInterval() {
        Histogram before = Histogram.parse(page(10, 60, 100, 100), NAME);
        Histogram restarted = Histogram.parse(page(4, 4, 4, 4), NAME);
        assertThat(restarted.since(before).count()).isEqualTo(4);
        assertThat(Histogram.parse("", NAME).since(Histogram.EMPTY).quantile(0.5)).isNaN();
    }
}
