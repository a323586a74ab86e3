package dev.tickflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void theSameBrokerServesTheWholeJvm() {
        assertThat(EmbeddedKafka.get()).isSameAs(EmbeddedKafka.get());
        assertThat(EmbeddedKafka.get().bootstrapServers()).matches("localhost:\\d+|127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void everyCatalogueTopicExistsWithItsPartitionsAndPolicy() throws Exception {
        try (Admin admin = Admin.create(EmbeddedKafka.get().clientProperties())) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.all().stream().map(TopicSpec::name).toList());
            Map<String, TopicDescription> described = admin.describeTopics(List.of("md.ticks", "md.movers")).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(described.get("md.ticks").partitions()).hasSize(Topics.MD_TICKS.partitions());
            assertThat(described.get("md.movers").partitions()).hasSize(1);
            ConfigResource instruments = new ConfigResource(ConfigResource.Type.TOPIC, "ref.instruments");
            Config config = admin.describeConfigs(List.of(instruments)).all().get(30, TimeUnit.SECONDS).get(instruments);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void aTickWrittenIsReadBackThroughTheBroker() {
        Tick tick = Tick.newBuilder().setSymbol("TSTK").setPrice(FixedPoint.parse("10.5")).setQuantity(7)
                .setEventTimeMicros(1).setIngestTimeMicros(2).setSource(TickSource.PUSH).build();
        try (TopicClient client = TopicClient.embedded()) {
            client.send(Topics.MD_TICKS, "TSTK", tick);
            List<ConsumerRecord<String, Tick>> read = client.await(Topics.MD_TICKS, r -> "TSTK".equals(r.key()), 1,
                    Duration.ofSeconds(30));
            assertThat(read.getFirst().value()).isEqualTo(tick);
        }
    }
}
