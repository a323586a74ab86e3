package dev.tickflow.stats.indicators;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A symbol's indicators as of its latest closed 1-minute bar. Prices are exact decimal strings; an indicator whose
 * window is longer than the bars seen so far is null ({@code barsSeen} tells how far the warm-up has come).
 *
 * @param sma period to value
 * @param ema period to value
 */
@RegisterForReflection
public record IndicatorsView(String symbol, long barsSeen, long asOfMicros, String close, Map<Integer, String> sma,
        Map<Integer, String> ema, Rsi rsi, Bollinger bollinger, String sessionVwap, String sessionDate) {

    /** Relative strength index, 0 to 100. */
    @RegisterForReflection
    public record Rsi(int period, String value) {
    }

    /** Bands at {@code width} standard deviations around the middle. */
    @RegisterForReflection
    public record Bollinger(int period, int width, String lower, String middle, String upper) {
    }
}
