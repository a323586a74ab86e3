package dev.tickflow.feed.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

class SourceThreadTickWriterTest {

    @Test
    void takesTheChannelsProducerSettingsOverTheSharedOnesAndLeavesItsOwnSerializers() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.outgoing.md-ticks.acks", "all",
                "mp.messaging.outgoing.md-ticks.enable.idempotence", "true",
                "mp.messaging.outgoing.md-ticks.linger.ms", "5",
                "mp.messaging.outgoing.md-ticks.value.serializer", "dev.tickflow.model.serde.TopicValueSerializer",
                // a SmallRye attribute, not a producer setting
                "mp.messaging.outgoing.md-ticks.topic", "md.ticks",
                "mp.messaging.outgoing.md-ticks-dlq.acks", "1"), "test", 100)).build();
        Map<String, Object> kafka = Map.of("bootstrap.servers", "broker:9093", "security.protocol", "SASL_SSL",
                "linger.ms", "50", "group.id", "market-feed");

        Map<String, Object> settings = SourceThreadTickWriter.settings(kafka, config);

        assertThat(settings)
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("linger.ms", "5")
                .containsEntry("client.id", "market-feed-source-threads")
                .containsEntry("max.block.ms", 5_000)
                .doesNotContainKeys("group.id", "topic", "value.serializer");
    }
}
