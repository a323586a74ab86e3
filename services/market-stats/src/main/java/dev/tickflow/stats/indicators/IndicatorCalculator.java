package dev.tickflow.stats.indicators;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.Bar;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.stats.topology.StatsSettings.IndicatorSettings;

/**
 * Rolling indicators on closed 1-minute bars, by the textbook definitions as ta4j implements them (the tests check
 * every value against ta4j):
 * <ul>
 * <li>SMA(n): mean of the last n closes.</li>
 * <li>EMA(n): EMA<sub>0</sub> = close<sub>0</sub>; EMA<sub>t</sub> = EMA<sub>t-1</sub> + a (close<sub>t</sub> -
 * EMA<sub>t-1</sub>) with a = 2 / (n + 1).</li>
 * <li>RSI(n), Wilder: gains and losses of consecutive closes (0 for the first bar) smoothed with a = 1 / n from the first
 * bar on; RSI = 100 - 100 / (1 + avgGain / avgLoss), 100 when nothing was lost, 0 when nothing moved.</li>
 * <li>Bollinger(n, k): middle SMA(n); upper and lower at k population standard deviations of the same n closes.</li>
 * <li>Session VWAP: turnover / volume of the session's closed bars so far (session = trading day in the exchange zone).</li>
 * </ul>
 * An indicator is reported (not null) only once its window is full: SMA, EMA and Bollinger after n bars, RSI(n) after n
 * changes (n + 1 bars). A value from fewer bars would look like one from enough of them.
 * Arithmetic is decimal with 16 significant digits; prices come out rounded half-even to the micro-unit.
 */
public final class IndicatorCalculator {

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final IndicatorSettings settings;
    private final int keep;

    public IndicatorCalculator(IndicatorSettings settings) {
        this.settings = settings;
        this.keep = settings.longestWindow();
    }

    public IndicatorState initial(String symbol) {
        return IndicatorState.newBuilder().setSymbol(symbol).setBarCount(0).setLastBarStartMicros(Long.MIN_VALUE)
                .setLastBarEndMicros(0).setCloses(new ArrayList<>()).setEmas(new HashMap<>()).setAvgGain("0").setAvgLoss("0")
                .setSessionDate("").setSessionTurnover(0).setSessionVolume(0).build();
    }

    /** Folds one closed bar in; a bar not after the last one (a replay) changes nothing. */
    public IndicatorState update(IndicatorState state, Bar bar, String sessionDate) {
        if (bar.getWindowStartMicros() <= state.getLastBarStartMicros()) {
            return state;
        }
        List<Long> closes = new ArrayList<>(state.getCloses());
        BigDecimal close = FixedPoint.toBigDecimal(bar.getClose());
        Long previous = closes.isEmpty() ? null : closes.getLast();
        closes.add(bar.getClose());
        while (closes.size() > keep) {
            closes.removeFirst();
        }
        Map<String, String> emas = new HashMap<>(state.getEmas());
        for (int period : settings.emaPeriods()) {
            String key = Integer.toString(period);
            String before = emas.get(key);
            BigDecimal ema = before == null ? close : ema(new BigDecimal(before), close, period);
            emas.put(key, ema.toString());
        }
        BigDecimal gain = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        if (previous != null) {
            long change = bar.getClose() - previous;
            gain = change > 0 ? FixedPoint.toBigDecimal(change) : BigDecimal.ZERO;
            loss = change < 0 ? FixedPoint.toBigDecimal(-change) : BigDecimal.ZERO;
        }
        BigDecimal avgGain = state.getBarCount() == 0 ? gain : wilder(new BigDecimal(state.getAvgGain()), gain);
        BigDecimal avgLoss = state.getBarCount() == 0 ? loss : wilder(new BigDecimal(state.getAvgLoss()), loss);
        boolean sameSession = sessionDate.equals(state.getSessionDate());
        state.setCloses(closes);
        state.setEmas(emas);
        state.setAvgGain(avgGain.toString());
        state.setAvgLoss(avgLoss.toString());
        state.setSessionDate(sessionDate);
        state.setSessionTurnover(Math.addExact(sameSession ? state.getSessionTurnover() : 0, bar.getTurnover()));
        state.setSessionVolume(Math.addExact(sameSession ? state.getSessionVolume() : 0, bar.getVolume()));
        state.setBarCount(state.getBarCount() + 1);
        state.setLastBarStartMicros(bar.getWindowStartMicros());
        state.setLastBarEndMicros(bar.getWindowEndMicros());
        return state;
    }

    /** The current values, for people and screens; null for an indicator whose window is not full yet. */
    public IndicatorsView view(IndicatorState state) {
        List<Long> closes = state.getCloses();
        long bars = state.getBarCount();
        Map<Integer, String> sma = new java.util.TreeMap<>();
        for (int period : settings.smaPeriods()) {
            sma.put(period, closes.size() < period ? null : price(mean(closes, period)));
        }
        Map<Integer, String> ema = new java.util.TreeMap<>();
        for (int period : settings.emaPeriods()) {
            String value = state.getEmas().get(Integer.toString(period));
            ema.put(period, value == null || bars < period ? null : price(new BigDecimal(value)));
        }
        int bandPeriod = settings.bollingerPeriod();
        IndicatorsView.Bollinger bollinger;
        if (closes.size() < bandPeriod) {
            bollinger = new IndicatorsView.Bollinger(bandPeriod, settings.bollingerWidth(), null, null, null);
        } else {
            BigDecimal middle = mean(closes, bandPeriod);
            BigDecimal width = deviation(closes, bandPeriod, middle).multiply(BigDecimal.valueOf(settings.bollingerWidth()), PRECISION);
            bollinger = new IndicatorsView.Bollinger(bandPeriod, settings.bollingerWidth(), price(middle.subtract(width, PRECISION)),
                    price(middle), price(middle.add(width, PRECISION)));
        }
        String rsi = bars <= settings.rsiPeriod() ? null : rsi(state).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        String vwap = state.getSessionVolume() == 0 ? null
                : FixedPoint.format(FixedPoint.divideHalfEven(state.getSessionTurnover(), state.getSessionVolume()));
        return new IndicatorsView(state.getSymbol(), bars, state.getLastBarEndMicros(),
                closes.isEmpty() ? null : FixedPoint.format(closes.getLast()), sma, ema,
                new IndicatorsView.Rsi(settings.rsiPeriod(), rsi), bollinger, vwap, state.getSessionDate());
    }

    BigDecimal rsi(IndicatorState state) {
        BigDecimal avgGain = new BigDecimal(state.getAvgGain());
        BigDecimal avgLoss = new BigDecimal(state.getAvgLoss());
        if (avgLoss.signum() == 0) {
            return avgGain.signum() == 0 ? BigDecimal.ZERO : HUNDRED;
        }
        BigDecimal relativeStrength = avgGain.divide(avgLoss, PRECISION);
        return HUNDRED.subtract(HUNDRED.divide(BigDecimal.ONE.add(relativeStrength), PRECISION));
    }

    private static BigDecimal ema(BigDecimal previous, BigDecimal close, int period) {
        BigDecimal alpha = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(period + 1L), PRECISION);
        return previous.add(close.subtract(previous).multiply(alpha, PRECISION), PRECISION);
    }

    private BigDecimal wilder(BigDecimal average, BigDecimal value) {
        return average.add(value.subtract(average).divide(BigDecimal.valueOf(settings.rsiPeriod()), PRECISION), PRECISION);
    }

    static BigDecimal mean(List<Long> closes, int period) {
        int count = Math.min(period, closes.size());
        if (count == 0) {
            return BigDecimal.ZERO;
        }
        long sum = 0;
        for (int i = closes.size() - count; i < closes.size(); i++) {
            sum = Math.addExact(sum, closes.get(i));
        }
        return FixedPoint.toBigDecimal(sum).divide(BigDecimal.valueOf(count), PRECISION);
    }

    private static BigDecimal deviation(List<Long> closes, int period, BigDecimal mean) {
        int count = Math.min(period, closes.size());
        if (count == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal squares = BigDecimal.ZERO;
        for (int i = closes.size() - count; i < closes.size(); i++) {
            BigDecimal difference = FixedPoint.toBigDecimal(closes.get(i)).subtract(mean);
            squares = squares.add(difference.multiply(difference, PRECISION), PRECISION);
        }
        return squares.divide(BigDecimal.valueOf(count), PRECISION).sqrt(PRECISION);
    }

    private static String price(BigDecimal units) {
        return FixedPoint.format(FixedPoint.round(units));
    }
}
