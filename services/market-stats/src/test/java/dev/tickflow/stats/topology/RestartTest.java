package dev.tickflow.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.stats.TickPositions;
import dev.tickflow.stats.metrics.StatsMetrics;
import dev.tickflow.support.streams.DeadLetterDeserializationHandler;
import dev.tickflow.support.streams.DeadLetterProcessingHandler;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.TopicClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production topology on the real broker. Stopped and started again on an empty state directory, so that the
 * second instance has only what the changelogs hold: a bar left open by the first is closed by the second, once, when a
 * tick of another symbol moves the partition's stream time past it; the sessions are published again after the restart;
 * and a bar closed before a restart is not closed again after it.
 *
 * <p>The application starts at the end of md.ticks (its group's offsets are set before it starts), so ticks of other
 * tests are not its input; its own ticks are two days old, so for every other reader of md.ticks they are too late to
 * change anything.
 */
class RestartTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration LIVE_INTERVAL = Duration.ofMillis(100);
    private final String bootstrap = EmbeddedKafka.get().bootstrapServers();
    private final String applicationId = "stats-restart-" + UUID.randomUUID();
    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.DAYS);
    private final TopicClient topics = TopicClient.embedded();
    private KafkaStreams running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close(Duration.ofSeconds(30));
        }
        topics.close();
    }

    @Test
    void anOpenBarAndTheSessionsOutliveARestartAndEveryBarClosesOnce() throws Exception {
        List<String> symbols = twoSymbolsOfOnePartition();
        String quiet = symbols.get(0);
        String busy = symbols.get(1);
        TickPositions.startAtTheEnd(bootstrap, applicationId);

        running = started();
        trade(quiet, "10", 3, 1);
        trade(quiet, "12", 4, 20);
        trade(busy, "5", 1, 30);
        topics.await(Topics.MD_DAILY_STATS, session(quiet, 2), 1, WAIT);
        restart();

        List<ConsumerRecord<String, DailyStats>> published = topics.await(Topics.MD_DAILY_STATS, session(quiet, 2), 2, WAIT);
        assertThat(published).as("the quiet symbol's session is published again after the restart, with no new trade").hasSize(2);
        // 75 s is past the first minute's end and its 10 s grace: the quiet symbol's bar, held only by the changelog, closes
        trade(busy, "6", 1, 75);
        Bar closed = topics.await(Topics.MD_BARS_1M, bar(quiet, 0), 1, WAIT).getFirst().value();
        assertThat(closed.getTradeCount()).isEqualTo(2);
        assertThat(closed.getVolume()).isEqualTo(7);
        assertThat(closed.getOpen()).isEqualTo(FixedPoint.parse("10"));
        assertThat(closed.getClose()).isEqualTo(FixedPoint.parse("12"));
        assertThat(closed.getClosed()).isTrue();

        restart();
        trade(busy, "7", 1, 200);
        // the busy symbol's second minute closing shows the restarted instance has processed past every earlier minute
        topics.await(Topics.MD_BARS_1M, bar(busy, 60), 1, WAIT);
        assertThat(topics.readAfter(Topics.MD_BARS_1M, bar(quiet, 0), Duration.ofSeconds(1)))
                .as("the quiet symbol's bar, closed before the restart, is not closed again").hasSize(1);
        assertThat(topics.readAfter(Topics.MD_BARS_1M, bar(busy, 0), Duration.ZERO)).hasSize(1);
    }

    /**
     * Idle, the application commits nothing: a wall-clock timer left running would make Kafka Streams commit the task
     * (a transaction under exactly-once) every commit interval with no input at all.
     */
    @Test
    void anIdleInputCostsNoCommitsAndATickStartsThemAgain() throws Exception {
        String symbol = twoSymbolsOfOnePartition().getFirst();
        TickPositions.startAtTheEnd(bootstrap, applicationId);
        running = started();
        trade(symbol, "10", 3, 1);
        topics.await(Topics.MD_DAILY_STATS, session(symbol, 1), 1, WAIT);

        // the last change is published within an interval, its commit follows, and then the count stays still
        long[] previous = {-1};
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = commits();
            boolean still = now == previous[0];
            previous[0] = now;
            return still;
        });
        long idle = commits();
        Thread.sleep(2_000);
        assertThat(commits()).as("commits over two idle seconds, twenty commit intervals").isEqualTo(idle);

        trade(symbol, "11", 1, 2);
        topics.await(Topics.MD_DAILY_STATS, session(symbol, 2), 1, WAIT);
        await().atMost(WAIT).until(() -> commits() > idle);
    }

    private long commits() {
        return running.metrics().values().stream()
                .filter(metric -> metric.metricName().name().equals("commit-total")
                        && metric.metricName().group().equals("stream-thread-metrics"))
                .mapToLong(metric -> ((Number) metric.metricValue()).longValue())
                .sum();
    }

    /** Stops the running instance and starts another with an empty state directory: it restores from the changelogs. */
    private void restart() throws Exception {
        running.close(Duration.ofSeconds(30));
        running = started();
    }

    private KafkaStreams started() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId).toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        StatsSettings defaults = StatsSettings.defaults();
        StatsSettings settings = new StatsSettings(defaults.grace(), LIVE_INTERVAL, ZoneId.of("America/New_York"),
                defaults.moversSize(), defaults.moversInterval(), defaults.indicators(), defaults.retention1m(),
                defaults.retention5m(), defaults.retention1h());
        KafkaStreams streams = new KafkaStreams(TopologyProducer.build(settings, new StatsMetrics(new SimpleMeterRegistry())), config);
        streams.start();
        await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    /** Two new symbols whose ticks share a partition, and so a stream time. */
    private static List<String> twoSymbolsOfOnePartition() {
        String suffix = UUID.randomUUID().toString().substring(0, 4).toUpperCase(java.util.Locale.ROOT);
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; ; i++) {
            String symbol = "RS" + i + suffix;
            int partition = Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % Topics.MD_TICKS.partitions();
            String other = byPartition.putIfAbsent(partition, symbol);
            if (other != null) {
                return List.of(other, symbol);
            }
        }
    }

    private void trade(String symbol, String price, long quantity, int secondsIntoTheMinute) {
        long micros = EventTime.toMicros(minute.plusSeconds(secondsIntoTheMinute));
        topics.send(Topics.MD_TICKS, symbol, Tick.newBuilder().setSymbol(symbol).setPrice(FixedPoint.parse(price))
                .setQuantity(quantity).setEventTimeMicros(micros).setIngestTimeMicros(micros).setSource(TickSource.PUSH)
                .setSide(null).setVenue(null).setTradeId(null).build());
    }

    private static Predicate<ConsumerRecord<String, DailyStats>> session(String symbol, long trades) {
        return record -> record.key().equals(symbol) && record.value().getTradeCount() == trades;
    }

    private Predicate<ConsumerRecord<String, Bar>> bar(String symbol, int startSecond) {
        long start = EventTime.toMicros(minute.plusSeconds(startSecond));
        return record -> record.key().equals(symbol) && record.value().getWindowStartMicros() == start;
    }
}
