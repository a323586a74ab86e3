package dev.tickflow.strategy.topology;

import java.time.ZoneId;

import dev.tickflow.strategy.StrategyConfig;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.signals.Recommender;
import dev.tickflow.strategy.signals.Rules;

/** The topology's settings as plain values, so that tests build it without Quarkus. */
public record StrategySettings(Rules rules, Recommender recommender, double learningRate, double l2, int minBars,
        int accuracyWindow, ZoneId exchangeZone) {

    public StrategySettings {
        if (minBars < FeatureCalculator.HISTORY) {
            throw new IllegalArgumentException("tickflow.strategy.min-bars is " + minBars + ": the features look back "
                    + FeatureCalculator.HISTORY + " bars, and a prediction from fewer would learn from features still warming up");
        }
    }

    /** How many bars of history a symbol keeps: the longest look-back of any feature or rule, and one more. */
    public int history() {
        return Math.max(FeatureCalculator.HISTORY, rules.history()) + 1;
    }

    public static StrategySettings from(StrategyConfig config) {
        return new StrategySettings(new Rules(config.fastPeriod(), config.slowPeriod(), config.momentumBars(),
                config.momentumThreshold(), config.bandPeriod(), config.bandWidth()),
                new Recommender(config.actionThreshold(), config.minLearned()), config.learningRate(), config.l2(),
                config.minBars(), config.accuracyWindow(), config.exchangeZone());
    }

    public static StrategySettings defaults() {
        return new StrategySettings(new Rules(5, 20, 10, 0.002, 20, 2), new Recommender(0.25, 30), 0.05, 0.0001,
                FeatureCalculator.HISTORY, 200, ZoneId.of("America/New_York"));
    }
}
