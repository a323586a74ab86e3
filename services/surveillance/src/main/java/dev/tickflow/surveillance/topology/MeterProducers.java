package dev.tickflow.surveillance.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/** The join's meters, and Kafka Streams' own (records processed, lag, restore, commit latency). */
public class MeterProducers {

    @Produces
    @Singleton
    FillTimingMeter fillTimingMeter(MeterRegistry registry) {
        return new FillTimingMeter(registry);
    }

    void bindStreamsMetrics(@Observes KafkaStreams streams, MeterRegistry registry) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }
}
