package dev.tickflow.strategy.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tickflow.model.RecommendedAction;

/**
 * BUY, SELL or HOLD from the rules' verdicts and the model. Each rule votes a quarter (crossover: trend, momentum:
 * trend, Bollinger: against the excursion); the model adds half of (2p - 1) once it has learned enough outcomes to be
 * worth hearing. The score's size is the confidence.
 */
public final class Recommender {

    /** What to do, how sure, and why. */
    public record Recommendation(RecommendedAction action, double confidence, List<String> reasons) {
    }

    private static final double RULE_WEIGHT = 0.25;
    private static final double MODEL_WEIGHT = 0.5;

    private final double threshold;
    private final long minLearned;

    public Recommender(double threshold, long minLearned) {
        this.threshold = threshold;
        this.minLearned = minLearned;
    }

    /**
     * @param probabilityUp the model's estimate, or null when it does not predict yet
     * @param learned outcomes the model has learned from
     * @param hitRate its live hit rate, and {@code baselineRate} the always-up guess's over the same outcomes
     */
    public Recommendation recommend(Rules.Verdicts verdicts, Double probabilityUp, long learned, double hitRate, double baselineRate) {
        List<String> reasons = new ArrayList<>();
        double score = 0;
        if (verdicts.fastAboveSlow() != null) {
            score += RULE_WEIGHT * (verdicts.fastAboveSlow() ? 1 : -1);
            reasons.add("moving averages: fast " + (verdicts.fastAboveSlow() ? "above" : "below") + " slow");
        }
        if (verdicts.momentum() != 0) {
            score += RULE_WEIGHT * verdicts.momentum();
            reasons.add("momentum " + (verdicts.momentum() > 0 ? "up" : "down"));
        }
        if (verdicts.band() != 0) {
            score -= RULE_WEIGHT * verdicts.band();
            reasons.add("price " + (verdicts.band() > 0 ? "above the upper" : "below the lower") + " Bollinger band");
        }
        if (probabilityUp != null && learned >= minLearned) {
            score += MODEL_WEIGHT * (2 * probabilityUp - 1);
            reasons.add(String.format(Locale.ROOT, "model: %.0f%% up (hit rate %.1f%% vs %.1f%% always-up, %d outcomes)",
                    probabilityUp * 100, hitRate * 100, baselineRate * 100, learned));
        } else if (probabilityUp != null) {
            reasons.add("model still learning (" + learned + " of " + minLearned + " outcomes)");
        }
        RecommendedAction action = score >= threshold ? RecommendedAction.BUY : score <= -threshold ? RecommendedAction.SELL
                : RecommendedAction.HOLD;
        return new Recommendation(action, Math.min(1, Math.abs(score)), reasons);
    }
}
