package dev.tickflow.surveillance.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.FixedPoint;
import org.junit.jupiter.api.Test;

/**
 * An hour of the simulator's prices through the real surveillance topology: its twenty instruments (from market-feed's
 * own instruments.csv, with their tick sizes, prices and volatilities), moved as its price model moves them (geometric
 * Brownian motion stepped by the time between ticks, rounded to the tick), one tick a second each.
 */
class SimulatedPricesTest {

    private static final Path INSTRUMENTS = Path.of("../market-feed/src/main/resources/simulator/instruments.csv");
    /** As the simulator quotes volatilities: per trading year of 252 sessions of 6.5 hours. */
    private static final double TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;
    /** Slower than the simulator's fifty a second per symbol: each step is longer, so its moves are larger (harder). */
    private static final int TICKS_PER_SECOND = 1;
    private static final int SECONDS = 3600;

    private record Instrument(String symbol, long tickSize, double price, double sigma) {
    }

    @Test
    void anHourOfOrdinaryPricesRaisesAtMostAHandfulOfAlertsAndATwoPercentJumpExactlyOne() throws IOException {
        List<Instrument> instruments = Files.readAllLines(INSTRUMENTS).stream().skip(1).map(line -> line.split(","))
                .map(fields -> new Instrument(fields[0], FixedPoint.parse(fields[4]), Double.parseDouble(fields[5]),
                        Double.parseDouble(fields[6])))
                .toList();
        assertThat(instruments).hasSize(20);
        double[] price = instruments.stream().mapToDouble(Instrument::price).toArray();
        SplittableRandom random = new SplittableRandom(20261203);
        double dt = 1.0 / TICKS_PER_SECOND / TRADING_SECONDS_PER_YEAR;
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (int step = 0; step < SECONDS * TICKS_PER_SECOND; step++) {
                double seconds = (double) step / TICKS_PER_SECOND;
                for (int i = 0; i < price.length; i++) {
                    Instrument instrument = instruments.get(i);
                    double sigma = instrument.sigma();
                    price[i] *= Math.exp(-0.5 * sigma * sigma * dt + sigma * Math.sqrt(dt) * random.nextGaussian());
                    long onTheGrid = Math.max(1, Math.round(price[i] * 1_000_000 / instrument.tickSize())) * instrument.tickSize();
                    fixture.tick(instrument.symbol(), FixedPoint.format(onTheGrid), seconds);
                }
            }
            List<Alert> ordinary = anomalies(fixture);
            assertThat(ordinary).as("an hour of the simulator's prices: %s", ordinary).hasSizeLessThanOrEqualTo(5);

            // INTC jumps 2% for one tick and comes back on the next
            int index = instruments.indexOf(instruments.stream().filter(i -> i.symbol().equals("INTC")).findFirst().orElseThrow());
            long intc = Math.round(price[index] * 1_000_000 / 10_000) * 10_000;
            long jumped = Math.round(intc * 1.02 / 10_000) * 10_000;
            fixture.tick("INTC", FixedPoint.format(jumped), SECONDS + 0.1);
            fixture.tick("INTC", FixedPoint.format(intc), SECONDS + 0.2);
            fixture.tick("INTC", FixedPoint.format(intc), SECONDS + 0.3);
            assertThat(anomalies(fixture)).singleElement().satisfies(alert -> {
                assertThat(alert.getSymbol()).isEqualTo("INTC");
                assertThat(alert.getDescription()).startsWith("INTC moved 2.0").contains("ticks");
            });
        }
    }

    private static List<Alert> anomalies(SurveillanceFixture fixture) {
        return fixture.alerts.readValuesToList().stream().filter(alert -> alert.getType() == AlertType.PRICE_ANOMALY).toList();
    }
}
