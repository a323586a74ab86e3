package dev.tickflow.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.Severity;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.PostgresResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bars and executions from the real broker into the real database, idempotent under replay, served back. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class HistoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicClient TOPICS = TopicClient.embedded();
    private static final Instant START = Instant.parse("2026-11-20T14:30:00Z");

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void barsAreStoredOnceEvenWhenReplayedAndAggregatedOnRequest() {
        List<Bar> bars = List.of(bar(0, "100", "101", "99.5", "100.5", 10), bar(1, "100.5", "102", "100", "101.5", 30),
                bar(5, "101.5", "101.5", "98", "99", 20));
        for (int pass = 0; pass < 2; pass++) {
            bars.forEach(bar -> TOPICS.send(Topics.MD_BARS_1M, bar.getSymbol(), bar));
        }
        String range = "symbol=hst&from=2026-11-20T14:30:00Z&to=2026-11-20T14:40:00Z";
        await().atMost(WAIT).untilAsserted(() -> given().get("/history/bars?" + range).then().statusCode(200)
                .body("start", contains("2026-11-20T14:30:00Z", "2026-11-20T14:31:00Z", "2026-11-20T14:35:00Z")));
        given().get("/history/bars?interval=5m&" + range).then().statusCode(200)
                .body("start", contains("2026-11-20T14:30:00Z", "2026-11-20T14:35:00Z"))
                .body("[0].open", equalTo("100")).body("[0].high", equalTo("102")).body("[0].low", equalTo("99.5"))
                .body("[0].close", equalTo("101.5")).body("[0].volume", equalTo(40)).body("[0].trades", equalTo(8))
                // (10 x 100.25 + 30 x 101) / 40: the turnover-weighted price of both minutes
                .body("[0].vwap", equalTo("100.8125"));

        String csv = given().get("/history/bars.csv?" + range).then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.lines()).hasSize(4).first().isEqualTo("symbol,interval,start,open,high,low,close,volume,vwap,trades");
        assertThat(csv.lines().toList().get(1)).isEqualTo("HST,1m,2026-11-20T14:30:00Z,100,101,99.5,100.5,10,100.25,4");
    }

    @Test
    void aBarTheDatabaseRefusesIsParkedWithTheReasonAndTheOthersAreStored() {
        Bar refused = Bar.newBuilder(bar(0, "50", "50", "50", "50", 1)).setSymbol("SEVENTEEN-LETTERS").build();
        Bar before = Bar.newBuilder(bar(0, "60", "60", "60", "60", 1)).setSymbol("PRK").build();
        Bar after = Bar.newBuilder(bar(1, "61", "61", "61", "61", 1)).setSymbol("PRK").build();
        // one key, so one partition, in this order: the refused bar sits between two good ones
        TOPICS.send(Topics.MD_BARS_1M, "PRK", before);
        TOPICS.send(Topics.MD_BARS_1M, "PRK", refused);
        TOPICS.send(Topics.MD_BARS_1M, "PRK", after);

        await().atMost(WAIT).untilAsserted(() -> given().get("/history/bars?symbol=PRK&from=2026-11-20T14:30:00Z&to=2026-11-20T14:40:00Z")
                .then().statusCode(200).body("start", contains("2026-11-20T14:30:00Z", "2026-11-20T14:31:00Z")));
        var parked = TOPICS.awaitRaw(Topics.MD_BARS_1M.deadLetterTopic(), record -> "PRK".equals(key(record)), 1, WAIT);
        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(DeadLetters.headerValue(letter.headers(), DeadLetters.REASON)).isEqualTo("rejected-by-database");
            assertThat(DeadLetters.headerValue(letter.headers(), DeadLetters.DETAIL)).startsWith("SQLSTATE 22001");
            assertThat(Topics.MD_BARS_1M.valueType().decode(letter.value())).isEqualTo(refused);
        });
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "tickflow_history_parked_total{topic=\"md.bars.1m\"} 1.0"));
    }

    private static String key(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void badRequestsAreProblems() {
        given().get("/history/bars?symbol=X&interval=2m").then().statusCode(400).contentType("application/problem+json");
        given().get("/history/bars?interval=1m").then().statusCode(400);
        given().get("/history/bars?symbol=X&from=yesterday").then().statusCode(400);
    }

    @Test
    void anAccountSeesOnlyItsOwnExecutionsAndAReplayAddsNone() {
        ExecutionReport alice = execution("hx-1", "alice");
        ExecutionReport bob = execution("hx-2", "bob");
        for (int pass = 0; pass < 2; pass++) {
            TOPICS.send(Topics.EXECUTIONS, "alice", alice);
            TOPICS.send(Topics.EXECUTIONS, "bob", bob);
        }
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("alice-demo-token").get("/history/executions").then()
                .statusCode(200).body("executionId", contains("hx-1")).body("[0].lastPrice", equalTo("100.5")));
        // bob's report is on another partition: it may be stored in another batch
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("bob-demo-token").get("/history/executions").then()
                .statusCode(200).body("executionId", contains("hx-2")));
        given().auth().oauth2("bob-demo-token").get("/history/executions?account=alice").then().statusCode(403);
        given().auth().oauth2("ops-demo-token").get("/history/executions?account=alice").then().statusCode(200)
                .body("executionId", contains("hx-1"));
        given().get("/history/executions").then().statusCode(401);
    }

    @Test
    void alertsAreStoredOnceWithTheirEvidenceForAdministrators() {
        Alert alert = Alert.newBuilder().setAlertId("wash-HST-1").setType(AlertType.WASH_TRADE).setSeverity(Severity.WARNING)
                .setAccount("alice").setSymbol("HST").setSourceAddress(null).setDescription("alice traded with herself")
                .setEvidence(List.of(new Evidence("execution", "hx-9", EventTime.toMicros(START), "BUY 5 @ 100.5")))
                .setWindowStartMicros(EventTime.toMicros(START)).setWindowEndMicros(EventTime.toMicros(START) + 60_000_000)
                .setDetectedAtMicros(EventTime.toMicros(START) + 61_000_000).build();
        TOPICS.send(Topics.ALERTS, "alice", alert);
        TOPICS.send(Topics.ALERTS, "alice", alert);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("ops-demo-token").get("/history/alerts").then().statusCode(200)
                .body("alertId", contains("wash-HST-1")).body("[0].evidence[0].reference", equalTo("hx-9")));
        given().auth().oauth2("alice-demo-token").get("/history/alerts").then().statusCode(403);
    }

    /** A final bar whose turnover puts its average at the midpoint of open and close. */
    private static Bar bar(int minute, String open, String high, String low, String close, long volume) {
        long start = EventTime.toMicros(START.plus(Duration.ofMinutes(minute)));
        long vwap = (FixedPoint.parse(open) + FixedPoint.parse(close)) / 2;
        return Bar.newBuilder().setSymbol("HST").setIntervalSeconds(60).setWindowStartMicros(start).setWindowEndMicros(start + 60_000_000)
                .setOpen(FixedPoint.parse(open)).setHigh(FixedPoint.parse(high)).setLow(FixedPoint.parse(low))
                .setClose(FixedPoint.parse(close))
                .setVolume(volume).setTurnover(vwap * volume).setVwap(vwap).setTradeCount(4).setFirstEventTimeMicros(start)
                .setLastEventTimeMicros(start + 59_000_000).setClosed(true).setEnriched(true).setCurrency(null).setSector(null).build();
    }

    private static ExecutionReport execution(String id, String account) {
        return ExecutionReport.newBuilder().setExecutionId(id).setOrderId("o-" + id).setCommandId("c-" + id).setAccount(account)
                .setClientOrderId("k-" + id).setSymbol("HST").setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.DAY)
                .setExecType(ExecType.TRADE).setOrderStatus(OrderStatus.FILLED).setOrderQuantity(5).setLimitPrice(FixedPoint.parse("101"))
                .setLastQuantity(5).setLastPrice(FixedPoint.parse("100.5")).setCumulativeQuantity(5).setLeavesQuantity(0)
                .setAveragePrice(FixedPoint.parse("100.5")).setBookSequence(1).setTransactTimeMicros(EventTime.toMicros(START)).build();
    }
}
