package dev.tickflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import org.junit.jupiter.api.Test;

class TopicManifestTest {

    private static final Path TOPICS = Manifests.directory().resolve("kafka/topics.yaml");

    @Test
    void theClusterHasExactlyTheCataloguesTopics() throws IOException {
        String expected = StrimziTopics.render(Topics.all());
        if (Boolean.getBoolean("tickflow.deploy.write")) {
            Files.writeString(TOPICS, expected);
        }
        assertThat(Files.readString(TOPICS))
                .as("deploy/kafka/topics.yaml is generated from the catalogue; regenerate it with -Dtickflow.deploy.write=true")
                .isEqualTo(expected);
    }

    @Test
    void everyTopicIsReplicatedSoOneBrokerCanFail() {
        Map<String, JsonNode> topics = Manifests.read(TOPICS).stream()
                .collect(Collectors.toMap(topic -> topic.path("spec").path("topicName").asText(), topic -> topic));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
        for (TopicSpec<?> spec : Topics.all()) {
            JsonNode topic = topics.get(spec.name());
            assertThat(topic.path("spec").path("partitions").asInt()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(topic.path("spec").path("replicas").asInt()).as(spec.name()).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asText()).as(spec.name()).isEqualTo("2");
            assertThat(topic.path("spec").path("config").path("cleanup.policy").asText()).as(spec.name())
                    .isEqualTo(spec.cleanupPolicy().configValue());
        }
    }
}
