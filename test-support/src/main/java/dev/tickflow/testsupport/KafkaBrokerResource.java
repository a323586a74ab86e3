package dev.tickflow.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the JVM's embedded broker. Every test class in a module gets the same broker, so
 * Quarkus does not restart between classes for a different address; {@link #stop()} leaves the broker running for
 * the next class.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // Kafka Streams services point quarkus.kafka-streams.bootstrap-servers at ${kafka.bootstrap.servers}.
        return Map.of("kafka.bootstrap.servers", EmbeddedKafka.get().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of the module; stopped when the JVM exits
    }
}
