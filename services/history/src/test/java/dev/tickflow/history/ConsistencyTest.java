package dev.tickflow.history;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.PostgresResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The recomputation agrees with bars built by the stream's rules (a late tick beyond the grace left out) and finds a
 * bar that was corrupted afterwards.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class ConsistencyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicClient TOPICS = TopicClient.embedded();
    private static final Instant START = Instant.parse("2026-11-20T14:30:00Z");
    private static final String RANGE = "symbol=HRC&from=2026-11-20T14:30:00Z&to=2026-11-20T14:35:00Z";

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void cleanBarsShowNoDifferenceAndACorruptedOneIsReported() {
        tick(5, "100", 10);
        tick(20, "101", 5);
        tick(50, "99", 5);
        tick(70, "102", 1);
        tick(100, "103", 2);
        tick(135, "104", 1);
        // stream time is now 14:32:15, past 14:31:00 + 10 s: this tick of 14:30 is too late for its bar
        tick(30, "200", 1);
        bar(0, "100", "101", "99", "99", 20, 100 * 10 + 101 * 5 + 99 * 5, 3);
        bar(1, "102", "103", "102", "103", 3, 102 + 103 * 2, 2);
        bar(2, "104", "104", "104", "104", 1, 104, 1);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("ops-demo-token").post("/history/recompute?" + RANGE).then()
                .statusCode(200).body("windows", equalTo(3)).body("differences", empty()));

        bar(1, "102", "105", "102", "103", 3, 102 + 103 * 2, 2);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("ops-demo-token").post("/history/recompute?" + RANGE).then()
                .statusCode(200).body("differences.field", contains("high")).body("differences[0].recomputed", equalTo("103"))
                .body("differences[0].streamed", equalTo("105")).body("differences[0].windowStart", equalTo("2026-11-20T14:31:00Z")));
        given().get("/history/consistency").then().statusCode(200).body("differences.field", contains("high"));
        given().auth().oauth2("alice-demo-token").post("/history/recompute?" + RANGE).then().statusCode(403);
    }

    private static void tick(int second, String price, long quantity) {
        long time = EventTime.toMicros(START.plusSeconds(second));
        TOPICS.send(Topics.MD_TICKS, "HRC", Tick.newBuilder().setSymbol("HRC").setPrice(FixedPoint.parse(price)).setQuantity(quantity)
                .setEventTimeMicros(time).setIngestTimeMicros(time).setSource(TickSource.PUSH).setSide(Side.BUY).setVenue("TEST")
                .setTradeId(null).build());
    }

    /** A bar as the stream would emit it; turnover in whole currency units times quantity, scaled here. */
    private static void bar(int minute, String open, String high, String low, String close, long volume, long turnoverUnits, long trades) {
        long start = EventTime.toMicros(START.plus(Duration.ofMinutes(minute)));
        long turnover = turnoverUnits * 1_000_000L;
        TOPICS.send(Topics.MD_BARS_1M, "HRC", Bar.newBuilder().setSymbol("HRC").setIntervalSeconds(60).setWindowStartMicros(start)
                .setWindowEndMicros(start + 60_000_000).setOpen(FixedPoint.parse(open)).setHigh(FixedPoint.parse(high))
                .setLow(FixedPoint.parse(low)).setClose(FixedPoint.parse(close)).setVolume(volume).setTurnover(turnover)
                .setVwap(FixedPoint.divideHalfEven(turnover, volume)).setTradeCount(trades).setFirstEventTimeMicros(start)
                .setLastEventTimeMicros(start).setClosed(true).setEnriched(false).setCurrency(null).setSector(null).build());
    }
}
