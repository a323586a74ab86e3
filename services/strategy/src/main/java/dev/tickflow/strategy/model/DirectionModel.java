package dev.tickflow.strategy.model;

/**
 * Logistic regression predicting whether the next bar closes higher, trained one outcome at a time by stochastic
 * gradient descent with an L2 penalty. Features are standardized with running means and variances (Welford) that are
 * updated when a vector is first seen, at prediction time, so a prediction only ever uses what was known then. The
 * caller predicts first and learns from that prediction's vector once the outcome is known, never the other way round.
 */
public final class DirectionModel {

    private static final double EPSILON = 1e-12;

    private final double[] weights;
    private double bias;
    private final double[] means;
    private final double[] m2;
    private long seen;
    private long learned;

    public DirectionModel(double[] weights, double bias, double[] means, double[] m2, long seen, long learned) {
        this.weights = weights;
        this.bias = bias;
        this.means = means;
        this.m2 = m2;
        this.seen = seen;
        this.learned = learned;
    }

    public static DirectionModel untrained(int features) {
        return new DirectionModel(new double[features], 0, new double[features], new double[features], 0, 0);
    }

    /**
     * Starts from weights trained elsewhere (in batch, on stored bars), with the standardization they were trained
     * under; {@code confidence} is how many observations that standardization counts for as it keeps adapting.
     */
    public static DirectionModel warm(double[] weights, double bias, double[] means, double[] variances, long confidence) {
        double[] m2 = new double[variances.length];
        for (int i = 0; i < variances.length; i++) {
            m2[i] = variances[i] * confidence;
        }
        return new DirectionModel(weights.clone(), bias, means.clone(), m2, confidence, 0);
    }

    /** Takes in a new feature vector (updating the standardization) and returns it standardized. */
    public double[] observe(double[] features) {
        seen++;
        double[] standardized = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            double delta = features[i] - means[i];
            means[i] += delta / seen;
            m2[i] += delta * (features[i] - means[i]);
            double variance = seen > 1 ? m2[i] / (seen - 1) : 0;
            standardized[i] = variance > EPSILON ? (features[i] - means[i]) / Math.sqrt(variance) : 0;
        }
        return standardized;
    }

    /** A vector standardized with the current means and variances, leaving them as they are (for batch training). */
    public double[] standardize(double[] features) {
        double[] variances = variances();
        double[] standardized = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            standardized[i] = variances[i] > EPSILON ? (features[i] - means[i]) / Math.sqrt(variances[i]) : 0;
        }
        return standardized;
    }

    /** The probability that the next bar closes higher, for a standardized vector. */
    public double probabilityUp(double[] standardized) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * standardized[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** One gradient step on a standardized vector whose outcome is now known ({@code up}: the next bar closed higher). */
    public void learn(double[] standardized, boolean up, double learningRate, double l2) {
        double error = (up ? 1 : 0) - probabilityUp(standardized);
        for (int i = 0; i < weights.length; i++) {
            weights[i] += learningRate * (error * standardized[i] - l2 * weights[i]);
        }
        bias += learningRate * error;
        learned++;
    }

    public double[] weights() {
        return weights;
    }

    public double bias() {
        return bias;
    }

    public double[] means() {
        return means;
    }

    public double[] m2() {
        return m2;
    }

    /** The running variances the standardization uses now. */
    public double[] variances() {
        double[] variances = new double[m2.length];
        for (int i = 0; i < m2.length; i++) {
            variances[i] = seen > 1 ? m2[i] / (seen - 1) : 0;
        }
        return variances;
    }

    public long seen() {
        return seen;
    }

    public long learned() {
        return learned;
    }
}
