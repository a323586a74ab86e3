package dev.tickflow.strategy.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tickflow.model.RecommendedAction;
import org.junit.jupiter.api.Test;

/** Each rule fires on a sequence made to trigger it, once, and stays silent on a close sequence that must not. */
class RulesTest {

    private final Rules rules = new Rules(3, 6, 4, 0.01, 6, 2);

    /** Runs closes through the rules bar by bar, carrying the verdicts, and returns what fired. */
    private List<Rules.Fired> run(double... closes) {
        List<Rules.Fired> fired = new ArrayList<>();
        Boolean above = null;
        int momentum = 0;
        int band = 0;
        for (int i = 1; i <= closes.length; i++) {
            Rules.Verdicts verdicts = rules.evaluate(Arrays.copyOf(closes, i), above, momentum, band);
            above = verdicts.fastAboveSlow();
            momentum = verdicts.momentum();
            band = verdicts.band();
            fired.addAll(verdicts.fired());
        }
        return fired;
    }

    @Test
    void movingAverageCrossoverFiresWhenTheFastAverageCrossesTheSlow() {
        // falling, then rising: the 3-bar average crosses above the 6-bar average once
        List<Rules.Fired> fired = run(100, 99.9, 99.8, 99.7, 99.6, 99.5, 99.4, 99.6, 99.9, 100.2, 100.4);
        assertThat(fired).filteredOn(signal -> signal.rule().equals("ma-crossover")).singleElement()
                .satisfies(signal -> {
                    assertThat(signal.direction()).isEqualTo(1);
                    assertThat(signal.inputs()).containsKeys("fast", "slow");
                    assertThat(signal.strength()).isBetween(0.0, 1.0);
                });
    }

    @Test
    void noCrossoverWhileTheTrendHolds() {
        assertThat(run(100, 99.9, 99.8, 99.7, 99.6, 99.5, 99.4, 99.35, 99.3, 99.28))
                .noneMatch(signal -> signal.rule().equals("ma-crossover"));
    }

    @Test
    void momentumFiresOnceWhenTheReturnPassesTheThreshold() {
        // +1.2% over 4 bars, then the trend goes on: one signal, not one per bar
        List<Rules.Fired> fired = run(100, 100.2, 100.5, 100.8, 101.2, 101.5, 101.9);
        assertThat(fired).filteredOn(signal -> signal.rule().equals("momentum")).singleElement()
                .satisfies(signal -> assertThat(signal.direction()).isEqualTo(1));
    }

    @Test
    void noMomentumJustBelowTheThreshold() {
        // +0.9% over 4 bars
        assertThat(run(100, 100.2, 100.4, 100.6, 100.9, 100.9)).noneMatch(signal -> signal.rule().equals("momentum"));
    }

    @Test
    void meanReversionFiresDownAboveTheUpperBand() {
        List<Rules.Fired> fired = run(100, 100.1, 99.9, 100.1, 99.9, 100, 101.5);
        assertThat(fired).filteredOn(signal -> signal.rule().equals("mean-reversion")).singleElement()
                .satisfies(signal -> {
                    assertThat(signal.direction()).as("above the band, expect a way back down").isEqualTo(-1);
                    assertThat(signal.inputs()).containsKeys("upper", "lower", "middle");
                });
    }

    @Test
    void noMeanReversionInsideTheBands() {
        assertThat(run(100, 100.1, 99.9, 100.1, 99.9, 100, 100.12)).noneMatch(signal -> signal.rule().equals("mean-reversion"));
    }

    @Test
    void recommendationsWeighRulesAndALearnedModel() {
        Recommender recommender = new Recommender(0.25, 30);
        Rules.Verdicts upTrend = new Rules.Verdicts(true, 1, 0, List.of());
        assertThat(recommender.recommend(upTrend, null, 0, Double.NaN, Double.NaN).action()).isEqualTo(RecommendedAction.BUY);
        Rules.Verdicts mixed = new Rules.Verdicts(true, 0, 1, List.of());
        Recommender.Recommendation hold = recommender.recommend(mixed, 0.9, 10, 0.5, 0.5);
        assertThat(hold.action()).as("the model has not learned enough to count").isEqualTo(RecommendedAction.HOLD);
        assertThat(hold.reasons()).anyMatch(reason -> reason.contains("still learning"));
        Recommender.Recommendation sell = recommender.recommend(mixed, 0.1, 100, 0.56, 0.5);
        assertThat(sell.action()).isEqualTo(RecommendedAction.SELL);
        assertThat(sell.confidence()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
    }
}
