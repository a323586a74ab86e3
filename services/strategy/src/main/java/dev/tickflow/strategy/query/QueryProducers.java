package dev.tickflow.strategy.query;

import dev.tickflow.strategy.topology.StrategyMeters;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.kafka.streams.runtime.KafkaStreamsProducer;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/** Interactive-query routing for the strategy's stores, and its meters. */
public class QueryProducers {

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

    @Produces
    @Singleton
    StrategyMeters strategyMeters(MeterRegistry registry) {
        return new StrategyMeters(registry);
    }

    void bindStreamsMetrics(@Observes KafkaStreams streams, MeterRegistry registry) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }
}
