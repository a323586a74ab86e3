package dev.tickflow.support.metrics;

import dev.tickflow.model.serde.TopicValueDeserializer;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.support.auth.AccountFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code tickflow.records.undecodable{topic,reader}}: records this service could not read and dead-lettered (or, met
 * while catching up, only counted), by the reader that met them: its messaging channels' deserializer, or the account
 * feed that every service runs.
 */
@ApplicationScoped
public class UndecodableMetrics {

    /** Held, since a function counter keeps only a weak reference to what it reads. */
    private AccountFeed feed;

    void bind(@Observes StartupEvent event, MeterRegistry registry, AccountFeed accounts) {
        feed = accounts;
        for (TopicSpec<?> topic : Topics.all()) {
            if (topic.valueType() == null) {
                continue;
            }
            FunctionCounter.builder("tickflow.records.undecodable", topic.name(), TopicValueDeserializer::undecodable)
                    .tag("topic", topic.name()).tag("reader", "channel")
                    .description("Records that could not be read, dead-lettered with the reason").register(registry);
        }
        FunctionCounter.builder("tickflow.records.undecodable", feed, AccountFeed::undecodable)
                .tag("topic", Topics.REF_ACCOUNTS.name()).tag("reader", "account-feed")
                .description("Records that could not be read, dead-lettered with the reason").register(registry);
    }
}
