package dev.tickflow.streams;

import java.util.concurrent.atomic.AtomicLong;

import dev.tickflow.support.streams.DecodingGlobalStore;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import io.micrometer.core.instrument.FunctionCounter;
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
        // the topology is built by now, so every decoding global store has registered its count
        DecodingGlobalStore.undecodable().forEach((store, count) -> FunctionCounter.builder("tickflow.tables.undecodable", count,
                AtomicLong::get).tag("store", store).description("Reference-data records that could not be read (the previous value stays)")
                .register(registry));
    }
}
