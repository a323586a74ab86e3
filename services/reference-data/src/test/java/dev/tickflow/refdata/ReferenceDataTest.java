package dev.tickflow.refdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.refdata.outbox.OutboxRelay;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.PostgresResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class ReferenceDataTest {

    private static final String OPS = "ops-demo-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicClient TOPICS = TopicClient.embedded();

    @Inject
    OutboxRelay relay;

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void theSeededInstrumentsArePublished() {
        relay.relay(true);
        // at least once: another test class may have re-published the whole snapshot
        Instrument apple = TOPICS.await(Topics.REF_INSTRUMENTS, record -> "AAPL".equals(record.key()), 1, WAIT).getFirst().value();
        assertThat(apple.getTickSize()).isEqualTo(FixedPoint.parse("0.01"));
        assertThat(apple.getTradable()).isTrue();
        given().get("/instruments?prefix=A").then().statusCode(200).body("symbol", contains("AAPL", "AMD", "AMZN"));
        given().get("/instruments?name=mastercard").then().statusCode(200).body("symbol", contains("MA"));
        given().get("/instruments?prefix=A&size=2&page=1").then().statusCode(200).body("symbol", contains("AMZN"));
    }

    @Test
    void anAdministratorsChangesReachTheTopicInOrderWithTheLatestStateLast() {
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(body("Order Test Co", "0.05", 10, true))
                .put("/instruments/zzo").then().statusCode(201).body("symbol", equalTo("ZZO")).body("tickSize", equalTo("0.05"));
        relay.relay(true);
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(body("Order Test Co", "0.05", 10, false))
                .put("/instruments/ZZO").then().statusCode(200).body("tradable", equalTo(false));
        relay.relay(true);
        List<ConsumerRecord<String, Instrument>> records = published("ZZO", 2);
        assertThat(records).extracting(record -> record.value().getTradable()).containsExactly(true, false);
        given().get("/instruments/ZZO").then().statusCode(200).body("tradable", equalTo(false)).body("lotSize", equalTo(10));
    }

    @Test
    void aCrashBetweenPublishingAndMarkingRepublishesAndLosesNothing() {
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(body("Crash Co", "0.01", 1, true))
                .put("/instruments/ZZC").then().statusCode(201);
        assertThat(relay.relay(false)).as("published, then the relay dies before marking").isPositive();
        published("ZZC", 1);
        assertThat(relay.relay(true)).as("the restarted relay publishes the unmarked rows again").isPositive();
        published("ZZC", 2);
        assertThat(relay.relay(true)).as("nothing left").isZero();
    }

    @Test
    void aDeletedInstrumentBecomesATombstone() {
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(body("Gone Co", "0.01", 1, true))
                .put("/instruments/ZZD").then().statusCode(201);
        given().auth().oauth2(OPS).delete("/instruments/ZZD").then().statusCode(204);
        relay.relay(true);
        List<ConsumerRecord<String, Instrument>> records = published("ZZD", 2);
        assertThat(records.getLast().value()).as("the state when published: gone").isNull();
        given().get("/instruments/ZZD").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidInstrumentsAreRefusedWithEveryReason() {
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body("{\"name\":\"\",\"currency\":\"usd\",\"tickSize\":-1,\"lotSize\":0}")
                .put("/instruments/ZZV").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "currency", "tickSize", "lotSize"));
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(body("Bad Symbol", "0.01", 1, true))
                .put("/instruments/not a symbol").then().statusCode(400);
        given().get("/instruments?size=0").then().statusCode(400);
    }

    @Test
    void onlyAnAdministratorChangesReferenceData() {
        given().contentType(ContentType.JSON).body(body("Nobody Co", "0.01", 1, true)).put("/instruments/ZZA").then().statusCode(401);
        given().auth().oauth2("alice-demo-token").contentType(ContentType.JSON).body(body("Alice Co", "0.01", 1, true))
                .put("/instruments/ZZA").then().statusCode(403);
        given().auth().oauth2("alice-demo-token").delete("/instruments/AAPL").then().statusCode(403);
        given().get("/instruments/ZZA").then().statusCode(404);
    }

    private static String body(String name, String tickSize, long lotSize, boolean tradable) {
        return "{\"name\":\"%s\",\"currency\":\"USD\",\"tickSize\":%s,\"lotSize\":%d,\"sector\":\"Test\",\"tradable\":%s}"
                .formatted(name, tickSize, lotSize, tradable);
    }

    private static List<ConsumerRecord<String, Instrument>> published(String symbol, int count) {
        TOPICS.await(Topics.REF_INSTRUMENTS, record -> symbol.equals(record.key()), count, WAIT);
        List<ConsumerRecord<String, Instrument>> records = TOPICS.readAfter(Topics.REF_INSTRUMENTS,
                record -> symbol.equals(record.key()), Duration.ZERO);
        assertThat(records).as("records of %s on ref.instruments", symbol).hasSize(count);
        return records;
    }
}
