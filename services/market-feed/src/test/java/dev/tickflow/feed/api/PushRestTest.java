package dev.tickflow.feed.api;

import static dev.tickflow.feed.FeedCaller.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.tickflow.feed.TestTicks;
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
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class PushRestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicClient topics;

    @BeforeAll
    static void connect() {
        topics = TopicClient.embedded();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aValidBatchIsPublishedKeyedBySymbolWithExactPrices() {
        String venue = TestTicks.uniqueVenue();
        given().contentType(ContentType.JSON)
                .body("[" + TestTicks.json("PRA", "101.25", 100, venue) + "," + TestTicks.json("PRB", "0.000001", 3, venue) + "]")
                .post("/ticks")
                .then().statusCode(202).body("accepted", equalTo(2));

        List<ConsumerRecord<String, Tick>> published = topics.await(Topics.MD_TICKS,
                record -> venue.equals(record.value().getVenue()), 2, WAIT);
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("PRA", "PRB");
        assertThat(published).allSatisfy(record -> {
            assertThat(record.value().getSymbol()).isEqualTo(record.key());
            assertThat(record.value().getSource()).isEqualTo(TickSource.PUSH);
        });
        assertThat(published).extracting(record -> record.value().getPrice())
                .containsExactlyInAnyOrder(FixedPoint.parse("101.25"), 1L);
    }

    @Test
    void invalidTicksAreDeadLetteredWithTheirReasonsWhileValidOnesFlow() {
        String venue = TestTicks.uniqueVenue();
        String body = "[" + TestTicks.json("PRA", "99.5", 10, venue) + "," + TestTicks.json("PRA", "-1", 10, venue) + ","
                + TestTicks.json("NOSUCH", "1", 0, venue) + "]";
        given().contentType(ContentType.JSON).body(body)
                .post("/ticks")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://tickflow.dev/problems/invalid-ticks"))
                .body("accepted", equalTo(1))
                .body("errors.code", hasItem("price-not-positive"))
                .body("errors.code", hasItem("symbol-unknown"))
                .body("errors.code", hasItem("quantity-not-positive"))
                .body("errors.find { it.code == 'price-not-positive' }.location", equalTo("[1]"));

        assertThat(topics.await(Topics.MD_TICKS, record -> venue.equals(record.value().getVenue()), 1, WAIT))
                .singleElement().satisfies(record -> assertThat(record.value().getPrice()).isEqualTo(FixedPoint.parse("99.5")));
        List<ConsumerRecord<byte[], byte[]>> dead = topics.awaitRaw(TopicNames.MD_TICKS_DLQ,
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(venue), 2, WAIT);
        assertThat(dead).extracting(record -> DeadLetters.headerValue(record.headers(), DeadLetters.REASON))
                .containsExactlyInAnyOrder("price-not-positive", "symbol-unknown");
        assertThat(dead).allSatisfy(record -> {
            assertThat(DeadLetters.headerValue(record.headers(), DeadLetters.SOURCE)).isEqualTo("market-feed/push-rest");
            assertThat(DeadLetters.headerValue(record.headers(), DeadLetters.DETAIL)).isNotBlank();
        });
        assertThat(topics.readAfter(Topics.MD_TICKS, record -> venue.equals(record.value().getVenue()), Duration.ofSeconds(1)))
                .as("nothing invalid reaches md.ticks").hasSize(1);
    }

    @Test
    void malformedJsonIsDeadLetteredWithItsExactBytes() {
        String body = "{\"symbol\": \"PRA\", \"price\": 1, " + TestTicks.uniqueVenue();
        given().contentType(ContentType.JSON).body(body)
                .post("/ticks")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("malformed"));
        List<ConsumerRecord<byte[], byte[]>> dead = topics.awaitRaw(TopicNames.MD_TICKS_DLQ,
                record -> new String(record.value(), StandardCharsets.UTF_8).equals(body), 1, WAIT);
        assertThat(DeadLetters.headerValue(dead.getFirst().headers(), DeadLetters.REASON)).isEqualTo("malformed");
    }

    @Test
    void anOversizePayloadIsRefusedWholeAndKept() {
        String venue = TestTicks.uniqueVenue();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            body.append(i == 0 ? "" : ",").append(TestTicks.json("PRA", "1", 1, venue));
        }
        body.append(']');
        given().contentType(ContentType.JSON).body(body.toString())
                .post("/ticks")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("payload-too-large"));
        assertThat(topics.awaitRaw(TopicNames.MD_TICKS_DLQ,
                record -> new String(record.value(), StandardCharsets.UTF_8).equals(body.toString()), 1, WAIT)).hasSize(1);
        assertThat(topics.readAfter(Topics.MD_TICKS, record -> venue.equals(record.value().getVenue()), Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void acceptedAndRefusedTicksAndProduceLatencyAreMetered() {
        String venue = TestTicks.uniqueVenue();
        given().contentType(ContentType.JSON).body(TestTicks.json("PRB", "5", 5, venue)).post("/ticks").then().statusCode(202);
        given().contentType(ContentType.JSON).body(TestTicks.json("PRB", "0", 5, venue)).post("/ticks").then().statusCode(400);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ticks_accepted_total{source=\"push-rest\"}"))
                .body(containsString("ticks_rejected_total{reason=\"price-not-positive\",source=\"push-rest\"}"))
                .body(containsString("ticks_produce_latency_seconds_bucket"));
    }

}
