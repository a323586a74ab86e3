package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedPostgresql;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch layer's check on the real stream: the packaged market-stats aggregates ticks into bars (one tick late
 * within the grace, one beyond it), the packaged history stores ticks and bars, and recomputing the minutes from the
 * stored ticks finds no difference.
 */
class HistoryConsistencyIT {

    private static final String SYMBOL = "HCIT";
    /** A day no other test writes ticks for: the recomputation reads every stored tick of the partition around it. */
    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final String RANGE = "symbol=" + SYMBOL + "&from=2026-06-01T10:00:00Z&to=2026-06-01T10:04:00Z";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static BrokerProcess broker;
    private static TopicClient topics;
    private static ServiceProcess stats;
    private static ServiceProcess history;

    @BeforeAll
    static void start() throws Exception {
        Path work = TradingStack.freshDirectory("history-consistency");
        // a broker of its own: a partition's stream time here must come from this test's ticks alone
        broker = BrokerProcess.start(work.resolve("kafka"));
        topics = new TopicClient(broker.bootstrapServers());
        EmbeddedPostgresql postgres = EmbeddedPostgresql.get();
        stats = TradingStack.start("market-stats", work, broker.bootstrapServers(), Map.of());
        history = TradingStack.start("history", work, broker.bootstrapServers(), TradingStack.database(postgres));
        stats.awaitReady(TradingStack.START);
        history.awaitReady(TradingStack.START);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stats != null) {
            TradingStack.stopAll(stats, history);
        }
        if (topics != null) {
            topics.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBarsTheTopologyEmittedAgreeWithTheirRecomputationFromTheStoredTicks() throws Exception {
        Random random = new Random(7);
        long price = FixedPoint.parse("100");
        for (int second = 0; second < 240; second += 3) {
            price += (random.nextInt(5) - 2) * 10_000L;
            tick(second, price, 1 + random.nextInt(50));
            if (second == 63) {
                // stream time 10:01:03: a tick of 10:00:59 is late but within the 10 s grace, and counts
                tick(59, FixedPoint.parse("50"), 7);
            }
            if (second == 72) {
                // stream time 10:01:12: a tick of 10:00:30 is too late for its bar, closed at 10:01:10
                tick(30, FixedPoint.parse("150"), 9);
            }
        }
        // moves stream time past the last minute's end plus the grace, so every bar of the range is final
        tick(300, price, 1);

        List<Bar> emitted = topics.await(Topics.MD_BARS_1M, record -> SYMBOL.equals(record.key())
                && record.value().getWindowStartMicros() < EventTime.toMicros(START.plusSeconds(240)), 4, WAIT)
                .stream().map(record -> record.value()).toList();
        Bar first = emitted.stream().filter(bar -> bar.getWindowStartMicros() == EventTime.toMicros(START)).findFirst().orElseThrow();
        assertThat(first.getLow()).as("the tick within the grace is in its bar").isEqualTo(FixedPoint.parse("50"));
        assertThat(first.getHigh()).as("the tick beyond the grace is not").isLessThan(FixedPoint.parse("150"));

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            TradingStack.Reply stored = TradingStack.send(history, "GET", "/history/bars?" + RANGE, null, null);
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.body()).as("history has stored the four bars").hasSize(4);
        });
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            TradingStack.Reply report = TradingStack.send(history, "POST", "/history/recompute?" + RANGE, "ops-demo-token",
                    null);
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.body().get("windows").asInt()).isEqualTo(4);
            JsonNode differences = report.body().get("differences");
            assertThat(differences).as("the stream and its recomputation agree: " + differences).isEmpty();
        });
    }

    private static void tick(int second, long price, long quantity) {
        long time = EventTime.toMicros(START.plusSeconds(second));
        topics.send(Topics.MD_TICKS, SYMBOL, Tick.newBuilder().setSymbol(SYMBOL).setPrice(price).setQuantity(quantity)
                .setEventTimeMicros(time).setIngestTimeMicros(time).setSource(TickSource.PUSH).setSide(Side.BUY).setVenue("TEST")
                .setTradeId(null).build());
    }
}
