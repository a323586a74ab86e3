package dev.tickflow.stats.query;

import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import io.quarkus.kafka.streams.runtime.KafkaStreamsProducer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/** Interactive-query routing for this service's stores. */
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
}
