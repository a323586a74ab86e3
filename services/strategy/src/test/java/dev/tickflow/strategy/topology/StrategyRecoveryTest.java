package dev.tickflow.strategy.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import dev.tickflow.model.Recommendation;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.TopicClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The model survives a restart that loses the local state: the topology runs on the real broker, stops after 25 bars,
 * its state directory is deleted, and the restarted instance (rebuilding its store from the changelog) recommends for
 * the next 15 bars exactly what an instance that never stopped recommends.
 */
class StrategyRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SYMBOL = "RECOV";

    @Test
    void aRestartedInstanceRecommendsAsIfItHadNeverStopped() throws Exception {
        List<Recommendation> continuous;
        try (StrategyFixture fixture = new StrategyFixture()) {
            for (int minute = 0; minute < 40; minute++) {
                fixture.bar(SYMBOL, minute, StrategyTopologyTest.close(minute), 1_000 + minute * 10L);
            }
            continuous = fixture.recommendations.readValuesToList();
        }

        Path stateDir = Files.createTempDirectory("strategy-recovery");
        try (TopicClient topics = new TopicClient(EmbeddedKafka.get().bootstrapServers())) {
            KafkaStreams first = start(stateDir);
            send(topics, 0, 25);
            topics.await(Topics.RECOMMENDATIONS, record -> SYMBOL.equals(record.key()), 25, WAIT);
            first.close(Duration.ofSeconds(30));
            deleteRecursively(stateDir);

            KafkaStreams restarted = start(stateDir);
            try {
                send(topics, 25, 40);
                List<Recommendation> all = topics.await(Topics.RECOMMENDATIONS, record -> SYMBOL.equals(record.key()), 40, WAIT)
                        .stream().map(ConsumerRecord::value).toList();
                assertThat(all.subList(25, 40)).isEqualTo(continuous.subList(25, 40));
            } finally {
                restarted.close(Duration.ofSeconds(30));
            }
        }
    }

    private static KafkaStreams start(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "strategy-recovery-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.get().bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // the restarted instance takes over when the stopped one's session ends: keep that short
        config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6_000);
        config.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_500);
        KafkaStreams streams = new KafkaStreams(TopologyProducer.build(StrategySettings.defaults(),
                new StrategyMeters(new SimpleMeterRegistry()), StrategyFixture.CLOCK), config);
        streams.start();
        return streams;
    }

    private static void send(TopicClient topics, int from, int to) {
        for (int minute = from; minute < to; minute++) {
            topics.send(Topics.MD_BARS_1M, SYMBOL, StrategyFixture.closedBar(SYMBOL, minute, StrategyTopologyTest.close(minute),
                    1_000 + minute * 10L));
        }
    }

    private static void deleteRecursively(Path directory) throws Exception {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
