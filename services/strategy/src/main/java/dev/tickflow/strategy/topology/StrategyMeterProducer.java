package dev.tickflow.strategy.topology;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The model's and the rules' meters, one set for the whole topology. */
public class StrategyMeterProducer {

    @Produces
    @Singleton
    StrategyMeters strategyMeters(MeterRegistry registry) {
        return new StrategyMeters(registry);
    }
}
