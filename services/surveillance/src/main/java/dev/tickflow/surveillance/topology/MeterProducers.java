package dev.tickflow.surveillance.topology;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The order-execution join's meters (Kafka Streams' own come from streams-support). */
public class MeterProducers {

    @Produces
    @Singleton
    FillTimingMeter fillTimingMeter(MeterRegistry registry) {
        return new FillTimingMeter(registry);
    }
}
