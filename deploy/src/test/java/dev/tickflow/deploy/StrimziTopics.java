package dev.tickflow.deploy;

import java.util.List;
import java.util.Map;

import dev.tickflow.model.topic.TopicSpec;

/** The topic catalogue as Strimzi KafkaTopic resources: deploy/kafka/topics.yaml is this text, never edited by hand. */
final class StrimziTopics {

    static final String CLUSTER = "tickflow";
    static final int REPLICAS = 3;

    private StrimziTopics() {
    }

    static String render(List<TopicSpec<?>> topics) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Generated from the topic catalogue (shared-model Topics) by TopicManifestTest; do not edit.\n")
                .append("# Regenerate: ./mvnw -pl deploy test -Dtest=TopicManifestTest -Dtickflow.deploy.write=true\n");
        for (TopicSpec<?> topic : topics) {
            yaml.append("---\n")
                    .append("# ").append(topic.description()).append('\n')
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(REPLICAS).append('\n')
                    .append("  config:\n");
            for (Map.Entry<String, String> config : topic.configs(REPLICAS).entrySet()) {
                yaml.append("    ").append(config.getKey()).append(": \"").append(config.getValue()).append("\"\n");
            }
        }
        return yaml.toString();
    }
}
