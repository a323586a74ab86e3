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
    private final WarmStartTrainer trainer = new WarmStartTrainer(22, 16, ZoneId.of("America/New_York"));

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
    void learnsThatAZigZagTurnsEveryBar() {
        double[] zigzag = new double[200];
        for (int i = 0; i < zigzag.length; i++) {
            zigzag[i] = 100 + (i % 2) + i * 0.001;
        }
        WarmStartTrainer.Result result = trainer.train(List.of(bars("ZIG", zigzag), bars("ZAG", zigzag)), 5, 0.05, 0.0001);
        assertThat(result.examples()).as("from bar 16 to the one before last, per symbol").isEqualTo(2 * (200 - 16));
        assertThat(result.hitRate()).isGreaterThan(0.95);
        assertThat(result.baselineRate()).isBetween(0.45, 0.55);
        assertThat(result.weights()[FeatureCalculator.NAMES.indexOf("return_1")]).as("an up bar is followed by a down bar")
                .isNegative();
    }

    @Test
    void anExampleSeesOnlyBarsUpToItsOwn() {
        List<Bar> calm = bars("S", 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1,
                100, 100.1, 100);
        List<Bar> changedFuture = new ArrayList<>(calm.subList(0, 17));
        changedFuture.addAll(bars("S", 50, 60).stream().toList());
        var first = trainer.examples(calm);
        var second = trainer.examples(changedFuture);
        assertThat(second.get(0).features()).as("the features of bar 16 do not depend on bars 17 and 18")
                .containsExactly(first.get(0).features());
        assertThat(first.get(0).up()).isFalse();
    }
}
