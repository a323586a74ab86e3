package dev.tickflow.strategy.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Features from closes worked out by hand, and their behaviour without enough history. */
class FeatureCalculatorTest {

    @Test
    void returnsVolatilityVolumeRatioRsiVwapDistanceAndImbalance() {
        double[] closes = {100, 102, 101, 103};
        long[] volumes = {10, 20, 30, 40};
        double[] features = FeatureCalculator.compute(closes, volumes, 101.5, 300, 100);

        assertThat(features[0]).as("return_1: 103/101 - 1").isCloseTo(103.0 / 101 - 1, within(1e-12));
        assertThat(features[1]).as("return_5 needs 5 earlier closes").isZero();
        // one-bar returns 0.02, -0.0098039, 0.0198020: population standard deviation
        double[] changes = {102.0 / 100 - 1, 101.0 / 102 - 1, 103.0 / 101 - 1};
        double mean = Arrays.stream(changes).average().orElseThrow();
        double variance = Arrays.stream(changes).map(change -> (change - mean) * (change - mean)).sum() / 3;
        assertThat(features[3]).isCloseTo(Math.sqrt(variance), within(1e-12));
        assertThat(features[4]).as("volume_ratio: 40 over the mean of 10, 20, 30").isCloseTo(2.0, within(1e-12));
        // gains 2 + 2, losses 1: RSI = 4 / 5
        assertThat(features[5]).isCloseTo(0.8, within(1e-12));
        assertThat(features[6]).as("vwap_distance").isCloseTo(103 / 101.5 - 1, within(1e-12));
        assertThat(features[7]).as("book_imbalance: (300 - 100) / 400").isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theFirstBarHasNeutralValues() {
        double[] features = FeatureCalculator.compute(new double[] {100}, new long[] {5}, Double.NaN, 0, 0);
        assertThat(features).containsExactly(0, 0, 0, 0, 1, 0.5, 0, 0);
        assertThat(FeatureCalculator.named(features)).containsOnlyKeys(FeatureCalculator.NAMES);
    }
}
