package dev.tickflow.strategy.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.FixedPoint;

/**
 * A symbol's features at a closed bar, from that bar and the ones before it only: whatever comes later cannot change
 * them (the model never sees the future). Returns, volatility and ratios are scores, computed in double; no money is
 * computed here.
 */
public final class FeatureCalculator {

    /** The feature names, in the order of the model's vectors. */
    public static final List<String> NAMES = List.of("return_1", "return_5", "return_15", "volatility_20", "volume_ratio_20",
            "rsi_14", "vwap_distance", "book_imbalance");
    /** Closes needed for the longest look-back (15-bar return, 20 one-bar returns). */
    public static final int HISTORY = 21;

    private FeatureCalculator() {
    }

    /**
     * @param closes the closes up to and including the current bar, oldest first
     * @param volumes the volumes aligned with {@code closes}
     * @param sessionVwap the session's volume-weighted average price up to this bar, NaN if unknown
     * @param bidQuantity quantity on the book's published bid levels, 0 if none
     * @param askQuantity quantity on the ask levels
     */
    public static double[] compute(double[] closes, long[] volumes, double sessionVwap, long bidQuantity, long askQuantity) {
        int last = closes.length - 1;
        double close = closes[last];
        double[] values = new double[NAMES.size()];
        values[0] = change(closes, 1);
        values[1] = change(closes, 5);
        values[2] = change(closes, 15);
        values[3] = volatility(closes, 20);
        values[4] = volumeRatio(volumes, 20);
        values[5] = rsi(closes, 14);
        values[6] = Double.isNaN(sessionVwap) || sessionVwap <= 0 ? 0 : close / sessionVwap - 1;
        long depth = bidQuantity + askQuantity;
        values[7] = depth == 0 ? 0 : (double) (bidQuantity - askQuantity) / depth;
        return values;
    }

    /**
     * The same from the state's exact values: closes and the session's turnover in fixed point, the book's quantities.
     */
    public static double[] compute(List<Long> closes, List<Long> volumes, long sessionTurnover, long sessionVolume, long bidQuantity,
            long askQuantity) {
        double[] prices = new double[closes.size()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = FixedPoint.toBigDecimal(closes.get(i)).doubleValue();
        }
        long[] quantities = volumes.stream().mapToLong(Long::longValue).toArray();
        double vwap = sessionVolume == 0 ? Double.NaN : FixedPoint.toBigDecimal(sessionTurnover).doubleValue() / sessionVolume;
        return compute(prices, quantities, vwap, bidQuantity, askQuantity);
    }

    public static Map<String, Double> named(double[] values) {
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            named.put(NAMES.get(i), values[i]);
        }
        return named;
    }

    /** The return over {@code bars} bars; 0 until there are that many. */
    static double change(double[] closes, int bars) {
        int last = closes.length - 1;
        return last < bars || closes[last - bars] == 0 ? 0 : closes[last] / closes[last - bars] - 1;
    }

    /** The standard deviation of the latest one-bar returns (at most {@code bars} of them). */
    static double volatility(double[] closes, int bars) {
        int count = Math.min(bars, closes.length - 1);
        if (count < 2) {
            return 0;
        }
        double sum = 0;
        double sumSquares = 0;
        for (int i = closes.length - count; i < closes.length; i++) {
            double change = closes[i] / closes[i - 1] - 1;
            sum += change;
            sumSquares += change * change;
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
    }

    /** The current bar's volume over the mean of the (at most {@code bars}) bars before it; 1 without history. */
    static double volumeRatio(long[] volumes, int bars) {
        int count = Math.min(bars, volumes.length - 1);
        if (count < 1) {
            return 1;
        }
        double sum = 0;
        for (int i = volumes.length - 1 - count; i < volumes.length - 1; i++) {
            sum += volumes[i];
        }
        return sum == 0 ? 1 : volumes[volumes.length - 1] / (sum / count);
    }

    /** Relative strength over the latest {@code bars} changes (simple averages), scaled 0 to 1; 0.5 without history. */
    static double rsi(double[] closes, int bars) {
        int count = Math.min(bars, closes.length - 1);
        if (count < 1) {
            return 0.5;
        }
        double gains = 0;
        double losses = 0;
        for (int i = closes.length - count; i < closes.length; i++) {
            double change = closes[i] - closes[i - 1];
            if (change > 0) {
                gains += change;
            } else {
                losses -= change;
            }
        }
        return gains + losses == 0 ? 0.5 : gains / (gains + losses);
    }
}
