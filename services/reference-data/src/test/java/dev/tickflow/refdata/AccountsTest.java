package dev.tickflow.refdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.function.Predicate;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.TokenHash;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.refdata.outbox.OutboxRelay;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.PostgresResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts and limits: stored with the token's hash only, published through the outbox, and followed by the services
 * (this one included, through the shared account feed): a new account's token works, a suspended one stops working.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class AccountsTest {

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
    void aNewAccountIsPublishedWithItsTokenHashAndItsTokenThenWorksUntilSuspended() {
        String token = "carol-secret-token-1";
        given().auth().oauth2(OPS).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Carol\",\"token\":\"%s\",\"ownerGroup\":\"carol-fund\"}".formatted(token))
                .put("/accounts/carol").then().statusCode(201).body("accountId", equalTo("carol")).body("status", equalTo("ACTIVE"))
                .body("$", not(hasKey("tokenHash"))).body("$", not(hasKey("token")));
        relay.relay(true);
        Account published = published(Topics.REF_ACCOUNTS, "carol", account -> true);
        assertThat(published.getTokenHash()).isEqualTo(TokenHash.of(token));
        assertThat(published.toString()).doesNotContain(token);
        assertThat(published.getOwnerGroup()).isEqualTo("carol-fund");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/accounts/carol").then().statusCode(200));
        given().auth().oauth2(token).get("/accounts/alice").then().statusCode(403);

        given().auth().oauth2(OPS).contentType(ContentType.JSON).body("{\"displayName\":\"Carol\",\"status\":\"SUSPENDED\"}")
                .put("/accounts/carol").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        relay.relay(true);
        assertThat(published(Topics.REF_ACCOUNTS, "carol", account -> account.getStatus() == AccountStatus.SUSPENDED).getOwnerGroup())
                .as("what was not changed stays").isEqualTo("carol-fund");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/accounts/carol").then().statusCode(401));
    }

    @Test
    void limitsArePublishedForRiskAndAnAccountReadsItsOwn() {
        given().auth().oauth2(OPS).contentType(ContentType.JSON)
                .body("{\"maxOrderQuantity\":500,\"maxOrderNotional\":\"25000.50\",\"maxPositionQuantity\":2000,\"maxOpenOrders\":20,"
                        + "\"maxOrdersPerSecond\":5,\"priceCollarBps\":300}")
                .put("/accounts/bob/limits").then().statusCode(200).body("maxOrderNotional", equalTo("25000.5"));
        relay.relay(true);
        RiskLimits limits = published(Topics.REF_LIMITS, "bob", published -> published.getMaxOpenOrders() == 20);
        assertThat(limits.getMaxOrderNotional()).isEqualTo(FixedPoint.parse("25000.50"));
        assertThat(limits.getMaxOrdersPerSecond()).isEqualTo(5);
        given().auth().oauth2("bob-demo-token").get("/accounts/bob/limits").then().statusCode(200).body("maxOpenOrders", equalTo(20));
        given().auth().oauth2("alice-demo-token").get("/accounts/bob/limits").then().statusCode(403);
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body("{\"maxOrderQuantity\":0}").put("/accounts/bob/limits")
                .then().statusCode(400).body("errors.field", hasItems("maxOrderQuantity", "maxOrderNotional", "priceCollarBps"));
        given().auth().oauth2(OPS).contentType(ContentType.JSON)
                .body("{\"maxOrderQuantity\":1,\"maxOrderNotional\":1,\"maxPositionQuantity\":1,\"maxOpenOrders\":1,"
                        + "\"maxOrdersPerSecond\":1,\"priceCollarBps\":1}")
                .put("/accounts/nobody/limits").then().statusCode(404);
    }

    @Test
    void accountsAreAdministeredByAdministratorsOnly() {
        given().auth().oauth2("alice-demo-token").get("/accounts").then().statusCode(403);
        given().auth().oauth2(OPS).get("/accounts").then().statusCode(200).body("accountId", hasItems("alice", "bob", "ops"));
        given().auth().oauth2("alice-demo-token").get("/accounts/alice").then().statusCode(200)
                .body("displayName", equalTo("Alice (demo)"));
        given().auth().oauth2("alice-demo-token").contentType(ContentType.JSON)
                .body("{\"displayName\":\"Mallory\",\"token\":\"mallory-token-12345\"}").put("/accounts/mallory").then().statusCode(403);
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body("{\"displayName\":\"No Token\"}")
                .put("/accounts/dave").then().statusCode(400).body("errors.field", hasItems("token"));
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body("{\"displayName\":\"Copycat\",\"token\":\"alice-demo-token\"}")
                .put("/accounts/copycat").then().statusCode(409);
        given().get("/accounts/alice").then().statusCode(401);
    }

    /** The first record of the key on the topic that satisfies the condition. */
    private static <V extends SpecificRecord> V published(TopicSpec<V> topic, String key, Predicate<V> condition) {
        return TOPICS.await(topic, record -> key.equals(record.key()) && record.value() != null && condition.test(record.value()),
                1, WAIT).getFirst().value();
    }
}
