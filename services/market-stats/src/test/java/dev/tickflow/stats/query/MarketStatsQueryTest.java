package dev.tickflow.stats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ticks in through the real broker; closed bars out on md.bars.1m; bars, quotes, indicators and movers over REST. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class MarketStatsQueryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
    private static TopicClient topics;

    @BeforeAll
    static void tradeAndCloseAMinute() {
        topics = TopicClient.embedded();
        trade("QSA", "100", 10, MINUTE.plusSeconds(5));
        trade("QSA", "103", 30, MINUTE.plusSeconds(20));
        trade("QSA", "101", 60, MINUTE.plusSeconds(40));
        trade("QSB", "50", 5, MINUTE.plusSeconds(10));
        trade("QSB", "48", 5, MINUTE.plusSeconds(50));
        // a later trade of each symbol moves its partition's stream time past the window and its grace
        trade("QSA", "104", 1, MINUTE.plusSeconds(130));
        trade("QSB", "47", 1, MINUTE.plusSeconds(130));
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aClosedMinuteBarIsPublishedOnceAndServed() {
        List<ConsumerRecord<String, Bar>> closed = topics.await(Topics.MD_BARS_1M,
                record -> "QSA".equals(record.key()) && record.value().getWindowStartMicros() == EventTime.toMicros(MINUTE), 1, WAIT);
        Bar bar = closed.getFirst().value();
        assertThat(bar.getOpen()).isEqualTo(FixedPoint.parse("100"));
        assertThat(bar.getClose()).isEqualTo(FixedPoint.parse("101"));
        assertThat(bar.getVolume()).isEqualTo(100);
        assertThat(bar.getVwap()).isEqualTo(FixedPoint.parse("101.5"));

        given().queryParam("interval", "1m").queryParam("from", MINUTE.toString())
                .get("/symbols/QSA/bars")
                .then().statusCode(200)
                .body("[0].start", equalTo(MINUTE.toString()))
                .body("[0].open", equalTo("100"))
                .body("[0].high", equalTo("103"))
                .body("[0].close", equalTo("101"))
                .body("[0].volume", equalTo(100))
                .body("[0].vwap", equalTo("101.5"))
                .body("[0].closed", equalTo(true));
    }

    @Test
    void theQuoteHasTheLatestTradeAndTheSession() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/symbols/qsa/quote")
                .then().statusCode(200)
                .body("symbol", equalTo("QSA"))
                .body("lastTrade.price", equalTo("104"))
                .body("session.open", equalTo("100"))
                .body("session.high", equalTo("104"))
                .body("session.volume", equalTo(101))
                .body("session.changePercent", equalTo("4.0000")));
    }

    @Test
    void symbolsListEverySymbolWithItsLastPrice() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/symbols")
                .then().statusCode(200)
                .body("symbol", hasItems("QSA", "QSB"))
                .body("find { it.symbol == 'QSB' }.last", equalTo("47")));
    }

    @Test
    void indicatorsFollowClosedBars() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/symbols/QSA/indicators")
                .then().statusCode(200)
                .body("barsSeen", equalTo(1))
                .body("close", equalTo("101"))
                .body("sma.20", org.hamcrest.Matchers.nullValue())
                .body("rsi.value", org.hamcrest.Matchers.nullValue())
                .body("sessionVwap", equalTo("101.5")));
    }

    @Test
    void moversRankTheSession() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/movers")
                .then().statusCode(200)
                .body("gainers.symbol", hasItems("QSA"))
                .body("losers.symbol", hasItems("QSB")));
    }

    @Test
    void unknownSymbolsAndBadIntervalsAreClientErrors() {
        given().get("/symbols/NOSUCH/quote").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("interval", "2m").get("/symbols/QSA/bars").then().statusCode(400)
                .body("detail", containsString("1m, 5m or 1h"));
    }

    @Test
    void anUnreadableTickIsDeadLetteredByTheStream() {
        topics.sendRaw(TopicNames.MD_TICKS, "QSZ".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> dead = topics.awaitRaw(TopicNames.MD_TICKS_DLQ,
                record -> "market-stats".equals(DeadLetters.headerValue(record.headers(), DeadLetters.SOURCE)), 1, WAIT).getFirst();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
        assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.REASON)).isEqualTo("bad-header");
    }

    @Test
    void healthIncludesTheStreamAndMetricsTheBars() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Kafka Streams")));
        topics.await(Topics.MD_BARS_1M, record -> "QSB".equals(record.key()), 1, WAIT);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("bars_emit_latency_seconds_bucket"))
                .body(containsString("kafka_stream_thread_process_total"));
    }

    private static void trade(String symbol, String price, long quantity, Instant time) {
        long micros = EventTime.toMicros(time);
        topics.send(Topics.MD_TICKS, symbol, Tick.newBuilder().setSymbol(symbol).setPrice(FixedPoint.parse(price))
                .setQuantity(quantity).setEventTimeMicros(micros).setIngestTimeMicros(micros).setSource(TickSource.PUSH)
                .setSide(null).setVenue(null).setTradeId(null).build());
    }

}
