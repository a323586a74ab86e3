package dev.tickflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path root;

    @Test
    void aNewStateDirectoryGetsTheLocalPartitionLimitAndKeepsIt() throws IOException {
        StackSettings first = resolve(Map.of());
        assertThat(first.partitions()).isEqualTo(SingleNodeBrokerConfig.PARTITION_LIMIT);
        first.save();
        makeTopics();

        assertThat(resolve(Map.of()).partitions()).isEqualTo(SingleNodeBrokerConfig.PARTITION_LIMIT);
    }

    @Test
    void anotherLimitOnExistingTopicsIsRefusedBecauseNewTopicsWouldNotBeCoPartitionedWithThem() throws IOException {
        resolve(Map.of()).save();
        makeTopics();

        assertThatThrownBy(() -> resolve(Map.of(), "--partitions=6")).isInstanceOf(LauncherException.class)
                .hasMessageContaining("fresh --state-dir");
        assertThatThrownBy(() -> resolve(Map.of("TICKFLOW_PARTITIONS", "3"))).isInstanceOf(LauncherException.class);
    }

    @Test
    void aStateDirectoryFromBeforeTheLimitKeepsTheCataloguesCounts() throws IOException {
        makeTopics();

        assertThat(resolve(Map.of()).partitions()).isEqualTo(Topics.mostPartitions());
    }

    @Test
    void aLimitMayBeChosenForNewTopicsOnly() {
        List<String> remaining = new ArrayList<>();
        StackSettings settings = StackSettings.resolve(root, List.of("--partitions=3", "up"), Map.of(), remaining);

        assertThat(settings.partitions()).isEqualTo(3);
        assertThat(remaining).containsExactly("up");
        assertThatThrownBy(() -> resolve(Map.of(), "--partitions=0")).isInstanceOf(LauncherException.class);
    }

    private StackSettings resolve(Map<String, String> env, String... flags) {
        return StackSettings.resolve(root, List.of(flags), env, new ArrayList<>());
    }

    private void makeTopics() throws IOException {
        Files.createDirectories(root.resolve(".tickflow").resolve("kafka").resolve("data"));
    }
}
