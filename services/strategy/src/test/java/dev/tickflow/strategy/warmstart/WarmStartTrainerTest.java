package dev.tickflow.strategy.warmstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.strategy.features.FeatureCalculator;
import org.junit.jupiter.api.Test;

/** Batch training on replayed bars: it finds a pattern that is there, and its examples never look ahead. */
class WarmStartTrainerTest {

    private static final Instant OPEN = Instant.parse("2026-11-20T14:30:00Z");
    private final WarmStartTrainer trainer = new WarmStartTrainer(22, 21, ZoneId.of("America/New_York"));

    private static List<Bar> bars(String symbol, double... closes) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            Instant start = OPEN.plusSeconds(60L * i);
            long price = FixedPoint.parse(String.valueOf(closes[i]));
            bars.add(Bar.newBuilder().setSymbol(symbol).setIntervalSeconds(60).setWindowStartMicros(EventTime.toMicros(start))
                    .setWindowEndMicros(EventTime.toMicros(start.plusSeconds(60))).setOpen(price).setHigh(price).setLow(price)
                    .setClose(price).setVolume(100).setTurnover(FixedPoint.notional(price, 100)).setVwap(price).setTradeCount(1)
                    .setFirstEventTimeMicros(0).setLastEventTimeMicros(0).setClosed(true).setEnriched(false).setCurrency(null)
                    .setSector(null).build());
        }
        return bars;
    }

    @Test
    void learnsThatAZigZagTurnsEveryBarAndSaysSoOnALaterPeriod() {
        double[] zigzag = new double[200];
        for (int i = 0; i < zigzag.length; i++) {
            zigzag[i] = 100 + (i % 2) + i * 0.001;
        }
        WarmStartTrainer.Result result = trainer.train(List.of(bars("ZIG", zigzag), bars("ZAG", zigzag)), 5, 0.05, 0.0001, 0.2);
        assertThat(result.examples()).as("from bar 21 to the one before last, per symbol").isEqualTo(2 * (200 - 21));
        assertThat(result.heldOut()).isEqualTo(result.examples() - result.trainedOn()).isBetween(70L, 74L);
        assertThat(result.heldOutHitRate()).isGreaterThan(0.95);
        assertThat(result.heldOutBaselineRate()).isBetween(0.4, 0.6);
        assertThat(result.weights()[FeatureCalculator.NAMES.indexOf("return_1")]).as("an up bar is followed by a down bar")
                .isNegative();
    }

    @Test
    void theHeldOutPeriodIsTheLatestAndItsScoreIsWhatTheEarlierTrainingEarns() {
        // a seeded random walk: training on the earlier period alone and on everything predict the later one differently
        double[] closes = new double[200];
        java.util.Random random = new java.util.Random(11);
        closes[0] = 100;
        for (int i = 1; i < closes.length; i++) {
            closes[i] = Math.round((closes[i - 1] + (random.nextInt(5) - 2) * 0.1) * 100) / 100.0;
        }
        WarmStartTrainer.Result result = trainer.train(List.of(bars("TRN", closes)), 5, 0.05, 0.0001, 0.2);
        long examples = 200 - 21;
        assertThat(result.examples()).isEqualTo(examples);
        long trained = Math.round(examples * 0.8);
        assertThat(result.trainedOn()).isEqualTo(trained);
        // example k is bar 20 + k, which ends at the open + 21 + k minutes
        assertThat(result.heldOutFromMicros()).isEqualTo(EventTime.toMicros(OPEN.plusSeconds(60 * (21 + trained))));
        List<WarmStartTrainer.Example> held = trainer.examples(bars("TRN", closes));
        assertThat(result.heldOutBaselineRate()).as("the always-up guess on the held-out bars")
                .isEqualTo(held.subList((int) trained, held.size()).stream().filter(WarmStartTrainer.Example::up).count()
                        / (double) (examples - trained));

        List<WarmStartTrainer.Example> examplesInOrder = trainer.examples(bars("TRN", closes));
        List<WarmStartTrainer.Example> later = examplesInOrder.subList((int) trained, examplesInOrder.size());
        double earlierOnly = WarmStartTrainer.score(WarmStartTrainer.fit(examplesInOrder.subList(0, (int) trained), 5, 0.05, 0.0001),
                later)[0];
        double withTheFuture = WarmStartTrainer.score(WarmStartTrainer.fit(examplesInOrder, 5, 0.05, 0.0001), later)[0];
        assertThat(withTheFuture).as("the two differ, so the next line tells them apart").isNotEqualTo(earlierOnly);
        assertThat(result.heldOutHitRate()).as("the report is what training on the earlier period alone earns").isEqualTo(earlierOnly);
    }

    @Test
    void anExampleSeesOnlyBarsUpToItsOwn() {
        List<Bar> calm = bars("S", 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1,
                100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1);
        List<Bar> changedFuture = new ArrayList<>(calm.subList(0, 22));
        changedFuture.addAll(bars("S", 50, 60).stream().toList());
        var first = trainer.examples(calm);
        var second = trainer.examples(changedFuture);
        assertThat(second.get(0).features()).as("the features of bar 20, the first example, do not depend on bars 22 and 23")
                .containsExactly(first.get(0).features());
        assertThat(first.get(0).up()).as("bar 20 closes at 100, bar 21 at 100.1").isTrue();
    }
}
