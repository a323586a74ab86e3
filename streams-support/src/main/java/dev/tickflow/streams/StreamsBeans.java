package dev.tickflow.streams;

import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.kafka.streams.runtime.KafkaStreamsProducer;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What every Kafka Streams service needs alike: routing of interactive queries to the instance that owns a key, and
 * Kafka Streams' own metrics (records processed, lag, restores, commit latency) in the Prometheus registry.
 */
public class StreamsBeans {

    @Produces
    @Singleton
    InteractiveQueries interactiveQueries(KafkaStreams streams, KafkaStreamsProducer producer) {
        return new InteractiveQueries(streams, InteractiveQueries.advertised(producer.getStreamsConfig()));
    }

    @Produces
    @Singleton
    QueryForwarder queryForwarder() {
        return new QueryForwarder();
    }

    void bindStreamsMetrics(@Observes KafkaStreams streams, MeterRegistry registry) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }
}
