package dev.tickflow.strategy.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.EventTime;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.state.SymbolState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the REST API answers. Scores and probabilities are doubles: none of them is money. */
public final class Views {

    private Views() {
    }

    /** GET /features/{symbol}: the features of the symbol's latest closed bar (what the model saw). */
    @RegisterForReflection
    public record FeaturesView(String symbol, String asOf, Map<String, Double> features) {

        static FeaturesView of(SymbolState state) {
            Map<String, Double> ordered = new LinkedHashMap<>();
            for (String name : FeatureCalculator.NAMES) {
                if (state.getLastFeatures().containsKey(name)) {
                    ordered.put(name, state.getLastFeatures().get(name));
                }
            }
            return new FeaturesView(state.getSymbol(), instant(state.getLastBarEndMicros()), ordered);
        }
    }

    /** A symbol's latest recommendation. */
    @RegisterForReflection
    public record RecommendationView(String symbol, String action, double confidence, Double probabilityUp, List<String> reasons,
            String asOf) {

        static RecommendationView of(SymbolState state) {
            return new RecommendationView(state.getSymbol(), state.getLastAction(), state.getLastConfidence(),
                    state.getLastProbability(), List.copyOf(state.getLastReasons()), instant(state.getLastBarEndMicros()));
        }
    }

    /**
     * A symbol's model and how it does live: over its whole life and over the recent window, beside the always-up
     * baseline on the same outcomes.
     */
    @RegisterForReflection
    public record ModelView(String symbol, long bars, long learned, long predictions, Double hitRate, Double baselineHitRate,
            Double meanLogLoss, int windowOutcomes, Double windowHitRate, Double windowBaselineHitRate, Map<String, Double> weights,
            double bias, String warmStart) {

        static ModelView of(SymbolState state) {
            long predictions = state.getPredictions();
            int window = state.getRecent().size();
            long windowHits = state.getRecent().stream().filter(packed -> (packed & 1) != 0).count();
            long windowUps = state.getRecent().stream().filter(packed -> (packed & 2) != 0).count();
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int i = 0; i < FeatureCalculator.NAMES.size() && i < state.getWeights().size(); i++) {
                weights.put(FeatureCalculator.NAMES.get(i), state.getWeights().get(i));
            }
            return new ModelView(state.getSymbol(), state.getBarCount(), state.getLearned(), predictions,
                    ratio(state.getHits(), predictions), ratio(state.getBaselineHits(), predictions),
                    predictions == 0 ? null : state.getLogLossSum() / predictions, window, ratio(windowHits, window),
                    ratio(windowUps, window), weights, state.getBias(), state.getWarmStart());
        }
    }

    /** GET /model: every symbol together. */
    @RegisterForReflection
    public record ModelSummary(long predictions, Double hitRate, Double baselineHitRate, Double meanLogLoss, List<ModelView> symbols) {

        static ModelSummary of(List<ModelView> symbols) {
            long predictions = 0;
            double hits = 0;
            double ups = 0;
            double loss = 0;
            for (ModelView model : symbols) {
                predictions += model.predictions();
                if (model.predictions() > 0) {
                    hits += model.hitRate() * model.predictions();
                    ups += model.baselineHitRate() * model.predictions();
                    loss += model.meanLogLoss() * model.predictions();
                }
            }
            return new ModelSummary(predictions, predictions == 0 ? null : hits / predictions,
                    predictions == 0 ? null : ups / predictions, predictions == 0 ? null : loss / predictions, symbols);
        }
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static String instant(long micros) {
        return micros == 0 ? null : EventTime.toInstant(micros).toString();
    }
}
