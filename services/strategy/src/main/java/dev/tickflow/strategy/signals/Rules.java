package dev.tickflow.strategy.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three rules on closed bars. Each rule has a current verdict (which recommendations weigh every bar) and fires a
 * signal only when its verdict changes to up or down, so a long trend is one signal, not one per minute.
 */
public final class Rules {

    /** A rule's verdict changed: direction +1 (up) or -1 (down), a 0..1 strength and the inputs it saw. */
    public record Fired(String rule, int direction, double strength, Map<String, String> inputs) {
    }

    /** The rules' verdicts after a bar, and what fired. */
    public record Verdicts(Boolean fastAboveSlow, int momentum, int band, List<Fired> fired) {
    }

    private final int fast;
    private final int slow;
    private final int momentumBars;
    private final double momentumThreshold;
    private final int bandPeriod;
    private final double bandWidth;

    public Rules(int fast, int slow, int momentumBars, double momentumThreshold, int bandPeriod, double bandWidth) {
        this.fast = fast;
        this.slow = slow;
        this.momentumBars = momentumBars;
        this.momentumThreshold = momentumThreshold;
        this.bandPeriod = bandPeriod;
        this.bandWidth = bandWidth;
    }

    /** The longest look-back any rule needs, in closes. */
    public int history() {
        return Math.max(Math.max(slow, bandPeriod), momentumBars + 1);
    }

    /**
     * @param closes closes up to and including the bar, oldest first
     * @param previousAbove the crossover's verdict before this bar (null before it had one)
     */
    public Verdicts evaluate(double[] closes, Boolean previousAbove, int previousMomentum, int previousBand) {
        List<Fired> fired = new ArrayList<>();
        Boolean above = previousAbove;
        if (closes.length >= slow) {
            double fastAverage = mean(closes, fast);
            double slowAverage = mean(closes, slow);
            above = fastAverage > slowAverage;
            if (previousAbove != null && previousAbove != above) {
                double gap = (fastAverage - slowAverage) / slowAverage;
                fired.add(new Fired("ma-crossover", above ? 1 : -1, Math.min(1, Math.abs(gap) * 1_000),
                        inputs("fast", fastAverage, "slow", slowAverage, "fastPeriod", fast, "slowPeriod", slow)));
            }
        }
        int momentum = previousMomentum;
        if (closes.length > momentumBars) {
            double change = closes[closes.length - 1] / closes[closes.length - 1 - momentumBars] - 1;
            momentum = change >= momentumThreshold ? 1 : change <= -momentumThreshold ? -1 : 0;
            if (momentum != 0 && momentum != previousMomentum) {
                fired.add(new Fired("momentum", momentum, Math.min(1, Math.abs(change) / (momentumThreshold * 3)),
                        inputs("return", change, "bars", momentumBars, "threshold", momentumThreshold)));
            }
        }
        int band = previousBand;
        if (closes.length >= bandPeriod) {
            double middle = mean(closes, bandPeriod);
            double deviation = deviation(closes, bandPeriod, middle);
            double close = closes[closes.length - 1];
            double upper = middle + bandWidth * deviation;
            double lower = middle - bandWidth * deviation;
            band = deviation > 0 && close > upper ? 1 : deviation > 0 && close < lower ? -1 : 0;
            if (band != 0 && band != previousBand) {
                // outside the band the rule expects a return toward the middle: above the upper band is a DOWN signal
                double beyond = band > 0 ? close - upper : lower - close;
                fired.add(new Fired("mean-reversion", -band, Math.min(1, beyond / deviation),
                        inputs("close", close, "lower", lower, "middle", middle, "upper", upper)));
            }
        }
        return new Verdicts(above, momentum, band, fired);
    }

    static double mean(double[] closes, int bars) {
        double sum = 0;
        for (int i = closes.length - bars; i < closes.length; i++) {
            sum += closes[i];
        }
        return sum / bars;
    }

    static double deviation(double[] closes, int bars, double mean) {
        double sum = 0;
        for (int i = closes.length - bars; i < closes.length; i++) {
            sum += (closes[i] - mean) * (closes[i] - mean);
        }
        return Math.sqrt(sum / bars);
    }

    private static Map<String, String> inputs(Object... pairs) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            inputs.put((String) pairs[i], value instanceof Double number ? String.format(java.util.Locale.ROOT, "%.6f", number)
                    : String.valueOf(value));
        }
        return inputs;
    }
}
