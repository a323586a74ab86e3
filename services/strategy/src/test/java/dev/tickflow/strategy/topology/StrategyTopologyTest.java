package dev.tickflow.strategy.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.tickflow.model.Features;
import dev.tickflow.model.ModelWeights;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.Signal;
import dev.tickflow.model.SignalDirection;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.state.SymbolState;
import org.junit.jupiter.api.Test;

/** The strategy topology on closed bars: features, signals, the model's predict-then-learn loop, recovery, warm start. */
class StrategyTopologyTest {

    /** A zig-zag that drifts up then down: enough movement for every feature, rule and outcome. */
    static String close(int minute) {
        double trend = minute < 30 ? minute * 0.05 : (60 - minute) * 0.05;
        double wiggle = minute % 3 == 0 ? 0.07 : minute % 3 == 1 ? -0.04 : 0.02;
        return String.format(Locale.ROOT, "%.2f", 100 + trend + wiggle);
    }

    private static void feed(StrategyFixture fixture, int fromMinute, int toMinute) {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            fixture.bar("AAPL", minute, close(minute), 1_000 + minute * 10L);
        }
    }

    @Test
    void everyClosedBarGivesFeaturesAndARecommendation() {
        try (StrategyFixture fixture = new StrategyFixture()) {
            fixture.book("AAPL", 300, 100);
            feed(fixture, 0, 40);
            List<Features> features = fixture.features.readValuesToList();
            List<Recommendation> recommendations = fixture.recommendations.readValuesToList();
            assertThat(features).hasSize(40);
            assertThat(recommendations).hasSize(40);
            Features last = features.get(39);
            assertThat(last.getValues()).containsOnlyKeys(FeatureCalculator.NAMES);
            assertThat(last.getValues().get("book_imbalance")).isCloseTo(0.5, within(1e-12));
            assertThat(last.getValues().get("return_1")).isCloseTo(Double.parseDouble(close(39)) / Double.parseDouble(close(38)) - 1,
                    within(1e-9));
            assertThat(recommendations.get(19).getProbabilityUp()).as("no prediction before 21 bars, the features' look-back").isNull();
            assertThat(recommendations.get(20).getProbabilityUp()).isNotNull();
            assertThat(recommendations.get(39).getProbabilityUp()).isNotNull();
            assertThat(recommendations.get(39).getReasons()).isNotEmpty();

            SymbolState state = fixture.state("AAPL");
            assertThat(state.getPredictions()).as("bars 20..39 were predicted; 19 of them have an outcome").isEqualTo(19);
            assertThat(state.getLearned()).isEqualTo(19);
            assertThat(state.getHits() + 0.0).isEqualTo(fixture.counter("tickflow.strategy.model.hits"));
            assertThat(fixture.counter("tickflow.strategy.model.predictions")).isEqualTo(19);
            long ups = 0;
            for (int minute = 20; minute < 39; minute++) {
                ups += Double.parseDouble(close(minute + 1)) > Double.parseDouble(close(minute)) ? 1 : 0;
            }
            assertThat(state.getBaselineHits()).as("the always-up baseline counts the bars that closed higher").isEqualTo(ups);
        }
    }

    @Test
    void rulesFireSignalsWithTheirInputs() {
        try (StrategyFixture fixture = new StrategyFixture()) {
            feed(fixture, 0, 60);
            List<Signal> signals = fixture.signals.readValuesToList();
            assertThat(signals).extracting(Signal::getRule).contains("ma-crossover", "momentum");
            assertThat(signals).filteredOn(signal -> signal.getRule().equals("ma-crossover"))
                    .extracting(Signal::getDirection).contains(SignalDirection.DOWN);
            assertThat(signals).allSatisfy(signal -> {
                assertThat(signal.getSymbol()).isEqualTo("AAPL");
                assertThat(signal.getInputs()).isNotEmpty();
                assertThat(signal.getStrength()).isBetween(0.0, 1.0);
            });
        }
    }

    @Test
    void whatComesLaterNeverChangesWhatWasComputedBefore() {
        List<Features> seenAlone;
        List<Recommendation> recommendedAlone;
        try (StrategyFixture fixture = new StrategyFixture()) {
            feed(fixture, 0, 30);
            seenAlone = fixture.features.readValuesToList();
            recommendedAlone = fixture.recommendations.readValuesToList();
        }
        try (StrategyFixture fixture = new StrategyFixture()) {
            feed(fixture, 0, 30);
            // a very different future: a crash
            for (int minute = 30; minute < 45; minute++) {
                fixture.bar("AAPL", minute, String.valueOf(90 - minute * 0.5), 50_000);
            }
            assertThat(fixture.features.readValuesToList().subList(0, 30)).isEqualTo(seenAlone);
            assertThat(fixture.recommendations.readValuesToList().subList(0, 30)).isEqualTo(recommendedAlone);
        }
    }

    @Test
    void aPredictionIsScoredAgainstTheNextBarOnly() {
        try (StrategyFixture fixture = new StrategyFixture()) {
            feed(fixture, 0, 22);
            SymbolState before = fixture.state("AAPL");
            assertThat(before.getPredictions()).isEqualTo(1);
            double probability = fixture.recommendations.readValuesToList().get(21).getProbabilityUp();
            assertThat(before.getPendingProbability()).isEqualTo(probability);
            fixture.bar("AAPL", 22, "150.00", 1_000);
            SymbolState after = fixture.state("AAPL");
            assertThat(after.getPredictions()).isEqualTo(2);
            assertThat(after.getHits() - before.getHits()).as("bar 22 closed higher: a hit only if the model said up")
                    .isEqualTo(probability >= 0.5 ? 1 : 0);
        }
    }

    @Test
    void aReplayedBarChangesNothing() {
        try (StrategyFixture fixture = new StrategyFixture()) {
            feed(fixture, 0, 20);
            SymbolState before = fixture.state("AAPL");
            fixture.bar("AAPL", 19, close(19), 1_190);
            fixture.bar("AAPL", 5, close(5), 1_050);
            assertThat(fixture.state("AAPL")).isEqualTo(before);
            assertThat(fixture.recommendations.readValuesToList()).hasSize(20);
        }
    }

    @Test
    void aSymbolsFirstModelStartsFromPublishedWeights() {
        try (StrategyFixture fixture = new StrategyFixture()) {
            int size = FeatureCalculator.NAMES.size();
            List<Double> zeros = Collections.nCopies(size, 0.0);
            List<Double> ones = Collections.nCopies(size, 1.0);
            fixture.weights.pipeInput("*", new ModelWeights("*", FeatureCalculator.NAMES, zeros, 2.0, zeros, ones, 5_000L,
                    "history-batch", 0L));
            feed(fixture, 0, 21);
            Recommendation first = fixture.recommendations.readValuesToList().get(20);
            assertThat(first.getProbabilityUp()).as("bias 2, zero weights: sigmoid(2)").isCloseTo(1 / (1 + Math.exp(-2)), within(1e-9));
            assertThat(fixture.state("AAPL").getWarmStart()).contains("history-batch");
        }
    }

    @Test
    void aBarsBookImbalanceIsTheBookAtItsEndNotTheBookWhenTheBarArrives() {
        try (StrategyFixture fixture = new StrategyFixture()) {
            feed(fixture, 0, 39);
            fixture.book("AAPL", 300, 100, 60 * 39 + 30);
            // in the seconds between the bar's end and its arrival, the book turns
            fixture.book("AAPL", 100, 300, 60 * 40 + 4);
            fixture.bar("AAPL", 39, close(39), 1_390);
            fixture.bar("AAPL", 40, close(40), 1_400);
            List<Features> features = fixture.features.readValuesToList();
            assertThat(features.get(39).getValues().get("book_imbalance")).as("as the book stood at 14:30 + 40 min")
                    .isCloseTo(0.5, within(1e-12));
            assertThat(features.get(40).getValues().get("book_imbalance")).as("the turned book is the next bar's")
                    .isCloseTo(-0.5, within(1e-12));
        }
    }

    @Test
    void noFeatureDependsOnABookUpdateAfterItsBarsEnd() {
        List<Features> alone;
        try (StrategyFixture fixture = new StrategyFixture()) {
            for (int minute = 0; minute < 30; minute++) {
                fixture.book("AAPL", 100 + minute * 7, 200, 60 * minute + 30);
                fixture.bar("AAPL", minute, close(minute), 1_000 + minute * 10L);
            }
            alone = fixture.features.readValuesToList();
        }
        try (StrategyFixture fixture = new StrategyFixture()) {
            for (int minute = 0; minute < 30; minute++) {
                fixture.book("AAPL", 100 + minute * 7, 200, 60 * minute + 30);
                // a wild book within the grace, after the bar's end and before the bar arrives
                fixture.book("AAPL", 1, 5_000 + minute, 60 * minute + 60 + 3);
                fixture.bar("AAPL", minute, close(minute), 1_000 + minute * 10L);
            }
            assertThat(fixture.features.readValuesToList()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("computedAtMicros")
                    .isEqualTo(alone);
        }
    }
}
