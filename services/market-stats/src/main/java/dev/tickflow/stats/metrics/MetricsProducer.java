package dev.tickflow.stats.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/** Wires the topology's meters and Kafka Streams' own (records processed, lag, restore, commit latency) into the registry. */
public class MetricsProducer {

    @Produces
    @Singleton
    StatsMetrics statsMetrics(MeterRegistry registry) {
        return new StatsMetrics(registry);
    }

    void bindStreamsMetrics(@Observes KafkaStreams streams, MeterRegistry registry) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }
}
