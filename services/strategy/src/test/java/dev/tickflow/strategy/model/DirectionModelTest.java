package dev.tickflow.strategy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The online learner: it learns a pattern that is there, and a warm start carries weights over. */
class DirectionModelTest {

    @Test
    void learnsADirectionThatDependsOnAFeature() {
        DirectionModel model = DirectionModel.untrained(2);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            double signal = random.nextGaussian();
            double noise = random.nextGaussian();
            double[] standardized = model.observe(new double[] {signal * 0.01, noise});
            model.learn(standardized, signal > 0, 0.05, 0.0001);
        }
        int hits = 0;
        for (int i = 0; i < 1_000; i++) {
            double signal = random.nextGaussian();
            double p = model.probabilityUp(model.observe(new double[] {signal * 0.01, random.nextGaussian()}));
            hits += (p >= 0.5) == (signal > 0) ? 1 : 0;
        }
        assertThat(hits).as("hit rate on fresh data").isGreaterThan(900);
        assertThat(Math.abs(model.weights()[0])).as("the informative feature carries the weight")
                .isGreaterThan(5 * Math.abs(model.weights()[1]));
        assertThat(model.learned()).isEqualTo(2_000);
    }

    @Test
    void standardizationUsesOnlyWhatWasSeenSoFar() {
        DirectionModel model = DirectionModel.untrained(1);
        assertThat(model.observe(new double[] {10})).as("one value: no spread yet").containsExactly(0);
        double[] second = model.observe(new double[] {20});
        // mean 15, sample variance 50: (20 - 15) / sqrt(50)
        assertThat(second[0]).isCloseTo(5 / Math.sqrt(50), within(1e-12));
        assertThat(model.variances()[0]).isCloseTo(50, within(1e-12));
    }

    @Test
    void aWarmStartPredictsWithTheGivenWeights() {
        DirectionModel warm = DirectionModel.warm(new double[] {2.0}, -0.5, new double[] {0}, new double[] {1}, 100);
        assertThat(warm.probabilityUp(new double[] {1})).isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-12));
        assertThat(warm.variances()[0]).isCloseTo(100.0 / 99, within(1e-12));
        Scorecard miss = Scorecard.of(0.7, false);
        assertThat(miss.hit()).isFalse();
        assertThat(miss.logLoss()).isCloseTo(-Math.log(0.3), within(1e-12));
        assertThat(Scorecard.hit(Scorecard.of(0.2, false).packed())).isTrue();
    }
}
