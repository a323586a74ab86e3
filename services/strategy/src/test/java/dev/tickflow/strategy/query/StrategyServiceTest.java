package dev.tickflow.strategy.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The packaged topology on the real broker: closed bars in, recommendations out, the stores served over REST. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class StrategyServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TopicClient TOPICS = TopicClient.embedded();

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void closedBarsBecomeFeaturesSignalsAndRecommendationsServedOverRest() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(45));
        for (int minute = 0; minute < 40; minute++) {
            bar("QSTR", start.plus(Duration.ofMinutes(minute)), 100 + (minute % 4 == 0 ? 0.3 : minute * 0.02));
        }
        var recommendations = TOPICS.await(Topics.RECOMMENDATIONS, record -> "QSTR".equals(record.key()), 40, WAIT);
        assertThat(recommendations.getLast().value().getProbabilityUp()).isNotNull();
        TOPICS.await(Topics.STRATEGY_FEATURES, record -> "QSTR".equals(record.key()), 40, WAIT);

        await().atMost(WAIT).untilAsserted(() -> given().get("/features/qstr").then().statusCode(200)
                .body("symbol", equalTo("QSTR")).body("features", hasKey("rsi_14")).body("features", hasKey("book_imbalance")));
        given().get("/recommendations").then().statusCode(200).body("symbol", hasItem("QSTR"));
        given().get("/recommendations/QSTR").then().statusCode(200).body("action", notNullValue());
        given().get("/model/QSTR").then().statusCode(200).body("predictions", equalTo(19)).body("learned", equalTo(19))
                .body("weights", hasKey("return_1")).body("baselineHitRate", notNullValue());
        given().get("/model").then().statusCode(200).body("predictions", equalTo(19));
        given().get("/features/NOPE").then().statusCode(404);

        // the batch side: replay the bars, train, publish the starting weights
        given().post("/model/warm-start").then().statusCode(401);
        given().header("Authorization", "Bearer alice-demo-token").post("/model/warm-start").then().statusCode(403);
        given().header("Authorization", "Bearer ops-demo-token").post("/model/warm-start").then().statusCode(200)
                // other tests of this JVM share the broker: at least this test's bars and examples
                .body("bars", greaterThanOrEqualTo(40)).body("examples", greaterThanOrEqualTo(19)).body("weights", hasKey("rsi_14"))
                .body("heldOut", greaterThanOrEqualTo(4)).body("heldOutHitRate", notNullValue())
                .body("heldOutAlwaysUpRate", notNullValue()).body("heldOutFrom", notNullValue());
        var weights = TOPICS.await(Topics.STRATEGY_MODEL_WEIGHTS, record -> "*".equals(record.key()), 1, WAIT);
        assertThat(weights.getFirst().value().getTrainedOnBars()).isGreaterThanOrEqualTo(19);
        assertThat(weights.getFirst().value().getSource()).contains("md.bars.1m");
    }

    private static void bar(String symbol, Instant start, double close) {
        long price = FixedPoint.parse(String.format(java.util.Locale.ROOT, "%.2f", close));
        TOPICS.send(Topics.MD_BARS_1M, symbol, Bar.newBuilder().setSymbol(symbol).setIntervalSeconds(60)
                .setWindowStartMicros(EventTime.toMicros(start)).setWindowEndMicros(EventTime.toMicros(start.plusSeconds(60)))
                .setOpen(price).setHigh(price).setLow(price).setClose(price).setVolume(100).setTurnover(FixedPoint.notional(price, 100))
                .setVwap(price).setTradeCount(1).setFirstEventTimeMicros(EventTime.toMicros(start))
                .setLastEventTimeMicros(EventTime.toMicros(start)).setClosed(true).setEnriched(false).setCurrency(null).setSector(null)
                .build());
    }
}
