package dev.tickflow.strategy.model;

/**
 * How a prediction did once its outcome is known: hit or miss, its log loss, and whether always guessing "up" (the
 * baseline) would have been right.
 */
public record Scorecard(boolean hit, boolean up, double logLoss) {

    private static final double CLIP = 1e-6;

    public static Scorecard of(double probabilityUp, boolean up) {
        double p = Math.min(1 - CLIP, Math.max(CLIP, probabilityUp));
        return new Scorecard(probabilityUp >= 0.5 == up, up, -(up ? Math.log(p) : Math.log(1 - p)));
    }

    /** The outcome packed for the rolling window: bit 0 the model was right, bit 1 the bar went up. */
    public int packed() {
        return (hit ? 1 : 0) | (up ? 2 : 0);
    }

    public static boolean hit(int packed) {
        return (packed & 1) != 0;
    }

    public static boolean up(int packed) {
        return (packed & 2) != 0;
    }
}
