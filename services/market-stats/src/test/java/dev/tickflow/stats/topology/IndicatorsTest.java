package dev.tickflow.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.tickflow.stats.indicators.IndicatorCalculator;
import dev.tickflow.stats.indicators.IndicatorState;
import dev.tickflow.stats.indicators.IndicatorsView;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNum;

/** Every indicator, after every closed bar, against ta4j computing the same closes independently. */
class IndicatorsTest {

    private static final double PRICE_TOLERANCE = 1.1e-6;
    private final TopologyFixture fixture = new TopologyFixture();
    private final IndicatorCalculator calculator = new IndicatorCalculator(StatsSettings.defaults().indicators());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void indicatorsOnClosedMinuteBarsMatchTa4j() {
        SplittableRandom random = new SplittableRandom(11);
        List<BigDecimal> closes = new ArrayList<>();
        List<Long> quantities = new ArrayList<>();
        BigDecimal price = new BigDecimal("100.00");
        Instant start = Instant.parse("2026-11-20T15:00:30Z");
        for (int minute = 0; minute < 70; minute++) {
            price = price.add(BigDecimal.valueOf(random.nextInt(-50, 51), 2));
            long quantity = 1 + random.nextInt(500);
            closes.add(price);
            quantities.add(quantity);
            fixture.trade("AAPL", price.toPlainString(), quantity, start.plusSeconds(60L * minute));
            if (minute > 0) {
                assertMatchesTa4j(closes.subList(0, minute), quantities.subList(0, minute));
            }
        }
    }

    @Test
    void aFlatMarketHasAnRsiOfZeroAndBandsOnThePrice() {
        for (int minute = 0; minute < 22; minute++) {
            fixture.trade("FLAT", "50", 1, Instant.parse("2026-11-20T15:00:30Z").plusSeconds(60L * minute));
        }
        IndicatorsView view = calculator.view(state("FLAT"));
        assertThat(view.rsi().value()).isEqualTo("0.0000");
        assertThat(view.bollinger().lower()).isEqualTo("50");
        assertThat(view.bollinger().upper()).isEqualTo("50");
        assertThat(view.sessionVwap()).isEqualTo("50");
    }

    private void assertMatchesTa4j(List<BigDecimal> closes, List<Long> quantities) {
        IndicatorsView view = calculator.view(state("AAPL"));
        int last = closes.size() - 1;
        assertThat(view.barsSeen()).isEqualTo(closes.size());
        BarSeries series = new BaseBarSeriesBuilder().withName("AAPL").build();
        for (int i = 0; i < closes.size(); i++) {
            String close = closes.get(i).toPlainString();
            series.addBar(Instant.parse("2026-11-20T15:01:00Z").plusSeconds(60L * i).atZone(ZoneOffset.UTC), close, close, close,
                    close, Long.toString(quantities.get(i)));
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        String context = "after " + closes.size() + " bars";
        int bars = closes.size();
        for (int period : List.of(20, 50)) {
            if (bars < period) {
                assertThat(view.sma().get(period)).as(context + " SMA" + period + ": the window is not full").isNull();
            } else {
                assertPrice(view.sma().get(period), new SMAIndicator(close, period).getValue(last).doubleValue(),
                        context + " SMA" + period);
            }
        }
        for (int period : List.of(12, 26)) {
            if (bars < period) {
                assertThat(view.ema().get(period)).as(context + " EMA" + period + ": still warming up").isNull();
            } else {
                assertPrice(view.ema().get(period), new EMAIndicator(close, period).getValue(last).doubleValue(),
                        context + " EMA" + period);
            }
        }
        if (bars <= 14) {
            assertThat(view.rsi().value()).as(context + " RSI14: fewer than 14 changes").isNull();
        } else {
            assertThat(Double.parseDouble(view.rsi().value())).as(context + " RSI14")
                    .isCloseTo(new RSIIndicator(close, 14).getValue(last).doubleValue(), within(1e-4));
        }
        if (bars < 20) {
            assertThat(view.bollinger().middle()).as(context + " Bollinger: the window is not full").isNull();
            assertThat(view.bollinger().upper()).isNull();
        } else {
            assertBollinger(view, close, last, context);
        }
        BigDecimal turnover = BigDecimal.ZERO;
        long volume = 0;
        for (int i = 0; i < closes.size(); i++) {
            turnover = turnover.add(closes.get(i).multiply(BigDecimal.valueOf(quantities.get(i))));
            volume += quantities.get(i);
        }
        assertThat(new BigDecimal(view.sessionVwap())).as(context + " session VWAP")
                .isEqualByComparingTo(turnover.divide(BigDecimal.valueOf(volume), 6, RoundingMode.HALF_EVEN));
    }

    private static void assertBollinger(IndicatorsView view, ClosePriceIndicator close, int last, String context) {
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, 20);
        assertPrice(view.bollinger().middle(), middle.getValue(last).doubleValue(), context + " Bollinger middle");
        assertPrice(view.bollinger().upper(),
                new BollingerBandsUpperIndicator(middle, deviation, DecimalNum.valueOf(2)).getValue(last).doubleValue(),
                context + " Bollinger upper");
        assertPrice(view.bollinger().lower(),
                new BollingerBandsLowerIndicator(middle, deviation, DecimalNum.valueOf(2)).getValue(last).doubleValue(),
                context + " Bollinger lower");
    }

    private IndicatorState state(String symbol) {
        KeyValueStore<String, IndicatorState> store = fixture.driver.getKeyValueStore(StoreNames.INDICATORS);
        return store.get(symbol);
    }

    private static void assertPrice(String actual, double expected, String what) {
        assertThat(Double.parseDouble(actual)).as(what).isCloseTo(expected, within(PRICE_TOLERANCE));
    }
}
