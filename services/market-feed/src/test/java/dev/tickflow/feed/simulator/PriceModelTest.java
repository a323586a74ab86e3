package dev.tickflow.feed.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import dev.tickflow.model.FixedPoint;
import org.junit.jupiter.api.Test;

class PriceModelTest {

    private static final long MINUTE_MICROS = 60_000_000L;
    private static final double TRADING_MINUTES_PER_YEAR = 252 * 6.5 * 60;

    @Test
    void pricesArePositiveMultiplesOfTheTickSize() {
        SimulatedInstrument penny = new SimulatedInstrument("P", "p", "s", "USD", FixedPoint.parse("0.05"),
                FixedPoint.parse("0.10"), 3.0);
        PriceModel model = new PriceModel(List.of(penny), 1, 0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 1; i <= 10_000; i++) {
            long price = model.next(0, i * MINUTE_MICROS, random);
            assertThat(price).isPositive();
            assertThat(price % FixedPoint.parse("0.05")).isZero();
        }
    }

    @Test
    void logReturnsHaveTheConfiguredVolatility() {
        double sigma = 0.4;
        SimulatedInstrument stock = new SimulatedInstrument("S", "s", "s", "USD", 1, FixedPoint.parse("1000"), sigma);
        PriceModel model = new PriceModel(List.of(stock), 1, 0);
        SplittableRandom random = new SplittableRandom(7);
        int steps = 20_000;
        double previous = FixedPoint.parse("1000");
        double sum = 0;
        double sumSquares = 0;
        for (int i = 1; i <= steps; i++) {
            long price = model.next(0, i * MINUTE_MICROS, random);
            double r = Math.log(price / previous);
            sum += r;
            sumSquares += r * r;
            previous = price;
        }
        double mean = sum / steps;
        double perMinute = Math.sqrt(sumSquares / steps - mean * mean);
        assertThat(perMinute * Math.sqrt(TRADING_MINUTES_PER_YEAR)).isCloseTo(sigma, within(0.02));
    }

    @Test
    void noTimeElapsedMeansNoMove() {
        SimulatedInstrument stock = new SimulatedInstrument("S", "s", "s", "USD", FixedPoint.parse("0.01"),
                FixedPoint.parse("50"), 0.3);
        PriceModel model = new PriceModel(List.of(stock), 1, 5);
        assertThat(model.next(0, 5, new SplittableRandom(3))).isEqualTo(FixedPoint.parse("50"));
    }
}
