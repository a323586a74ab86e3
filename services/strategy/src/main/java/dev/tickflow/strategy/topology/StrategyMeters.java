package dev.tickflow.strategy.topology;

import dev.tickflow.strategy.model.Scorecard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The model's live scorecard as metrics, across symbols: predictions scored, hits, what always guessing "up" would
 * have hit, and log loss. Hit rate = hits / predictions; compare with baseline hits / predictions.
 */
public final class StrategyMeters {

    private final MeterRegistry registry;
    private final Counter predictions;
    private final Counter hits;
    private final Counter baselineHits;
    private final Counter logLoss;

    public StrategyMeters(MeterRegistry registry) {
        this.registry = registry;
        this.predictions = registry.counter("tickflow.strategy.model.predictions");
        this.hits = registry.counter("tickflow.strategy.model.hits");
        this.baselineHits = registry.counter("tickflow.strategy.model.baseline.hits");
        this.logLoss = registry.counter("tickflow.strategy.model.log.loss");
    }

    void outcome(Scorecard score) {
        predictions.increment();
        if (score.hit()) {
            hits.increment();
        }
        if (score.up()) {
            baselineHits.increment();
        }
        logLoss.increment(score.logLoss());
    }

    void signal(String rule) {
        registry.counter("tickflow.strategy.signals", "rule", rule).increment();
    }
}
