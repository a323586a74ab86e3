package dev.tickflow.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.stats.topology.BarMath;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged service while ticks stream in, and a new instance on the same state directory: every closed
 * 1-minute bar is on md.bars.1m exactly once and equal to the ticks it covers, as if nothing had happened. The ticks are
 * three days old and of symbols of their own, in an application of its own, so other tests neither see nor disturb them.
 */
class KilledInstanceIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int SYMBOLS = 8;
    private static final int MINUTES = 6;
    private static final int TICKS_PER_MINUTE = 120;
    private static final int TICKS_PER_SECOND = 800;
    private final String applicationId = "market-stats-killed-" + UUID.randomUUID().toString().substring(0, 8);
    private final String suffix = applicationId.substring(applicationId.length() - 4).toUpperCase(java.util.Locale.ROOT);
    private final Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.DAYS);
    private final String bootstrap = EmbeddedKafka.get().bootstrapServers();
    private final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @Test
    void closedBarsAreExactOnceAfterAKillMidStream() throws Exception {
        List<Tick> ticks = ticks();
        Path stateDir = Files.createTempDirectory(applicationId);
        int port = PackagedInstance.freePort();
        long before = TickPositions.startAtTheEnd(bootstrap, applicationId);
        Process first = started(port, stateDir, "first");
        try (TopicClient topics = new TopicClient(bootstrap)) {
            long interval = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
            long start = System.nanoTime();
            for (int sent = 0; sent < ticks.size(); sent++) {
                if (sent == ticks.size() / 3) {
                    // mid-stream: the instance has committed some of what it read, and holds a transaction open
                    await().atMost(WAIT).until(() -> committedTicks() > before);
                    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                LockSupport.parkNanos(start + sent * interval - System.nanoTime());
                Tick tick = ticks.get(sent);
                topics.send(Topics.MD_TICKS, tick.getSymbol(), tick);
            }
        }
        started(port, stateDir, "second");

        Map<String, List<Bar>> expected = expectedBars(ticks);
        try (TopicClient topics = new TopicClient(bootstrap)) {
            Predicate<ConsumerRecord<String, Bar>> ours = record -> record.key().endsWith(suffix);
            topics.await(Topics.MD_BARS_1M, ours, expected.size(), WAIT);
            List<ConsumerRecord<String, Bar>> closed = topics.readAfter(Topics.MD_BARS_1M, ours, Duration.ofSeconds(2));
            Map<String, List<Bar>> actual = new HashMap<>();
            for (ConsumerRecord<String, Bar> record : closed) {
                actual.computeIfAbsent(key(record.key(), record.value().getWindowStartMicros()), unused -> new ArrayList<>())
                        .add(record.value());
            }
            assertThat(actual.keySet()).as("every closed minute of every symbol").isEqualTo(expected.keySet());
            actual.forEach((key, bars) -> {
                assertThat(bars).as("%s emitted once", key).hasSize(1);
                Bar bar = bars.getFirst();
                Bar want = expected.get(key).getFirst();
                assertThat(bar.getTradeCount()).as("%s trades", key).isEqualTo(want.getTradeCount());
                assertThat(bar.getVolume()).as("%s volume", key).isEqualTo(want.getVolume());
                assertThat(bar.getTurnover()).as("%s turnover", key).isEqualTo(want.getTurnover());
                assertThat(List.of(bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose())).as("%s OHLC", key)
                        .isEqualTo(List.of(want.getOpen(), want.getHigh(), want.getLow(), want.getClose()));
            });
        }
    }

    private Process started(int port, Path stateDir, String name) throws Exception {
        Process process = PackagedInstance.start(port, bootstrap, stateDir, Path.of("target").resolve("killed-instance-" + name + ".log"),
                List.of("-Dquarkus.kafka-streams.application-id=" + applicationId));
        instances.add(process);
        PackagedInstance.awaitReady(port, WAIT);
        return process;
    }

    /**
     * {@link #MINUTES} minutes of trades of every symbol in event-time order, then one trade per symbol ten minutes later
     * that moves every partition's stream time past the last of those minutes and its grace.
     */
    private List<Tick> ticks() {
        SplittableRandom random = new SplittableRandom(7);
        List<Tick> ticks = new ArrayList<>();
        long millisBetween = 60_000 / TICKS_PER_MINUTE;
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int i = 0; i < TICKS_PER_MINUTE; i++) {
                for (int s = 0; s < SYMBOLS; s++) {
                    Instant at = firstMinute.plusMillis(minute * 60_000L + i * millisBetween);
                    ticks.add(tick(symbol(s), 100_000_000L + random.nextInt(-2_000, 2_000) * 1_000L, 1 + random.nextInt(100), at));
                }
            }
        }
        for (int s = 0; s < SYMBOLS; s++) {
            ticks.add(tick(symbol(s), 100_000_000L, 1, firstMinute.plus(MINUTES + 10, ChronoUnit.MINUTES)));
        }
        return ticks;
    }

    /** The bars the ticks make when nothing is lost or repeated: every minute but the closing trades'. */
    private Map<String, List<Bar>> expectedBars(List<Tick> ticks) {
        Map<String, List<Bar>> bars = new HashMap<>();
        for (Tick tick : ticks.subList(0, ticks.size() - SYMBOLS)) {
            long start = Math.floorDiv(tick.getEventTimeMicros(), 60_000_000L) * 60_000_000L;
            Bar bar = bars.computeIfAbsent(key(tick.getSymbol(), start), unused -> List.of(BarMath.empty())).getFirst();
            BarMath.addTick(tick.getSymbol(), tick, null, bar);
        }
        return bars;
    }

    private long committedTicks() throws Exception {
        return TickPositions.committed(bootstrap, applicationId);
    }

    private String symbol(int index) {
        return "KI" + index + suffix;
    }

    private static String key(String symbol, long windowStartMicros) {
        return symbol + "@" + EventTime.toInstant(windowStartMicros);
    }

    private static Tick tick(String symbol, long price, long quantity, Instant at) {
        long micros = EventTime.toMicros(at);
        return Tick.newBuilder().setSymbol(symbol).setPrice(price).setQuantity(quantity).setEventTimeMicros(micros)
                .setIngestTimeMicros(micros).setSource(TickSource.PUSH).setSide(null).setVenue(null).setTradeId(null).build();
    }
}
