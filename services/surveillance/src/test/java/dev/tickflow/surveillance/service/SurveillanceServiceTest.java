package dev.tickflow.surveillance.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import dev.tickflow.model.AlertType;
import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The packaged topology on the real broker: a burst of failed logins from one address becomes one alert on alerts. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SurveillanceServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TopicClient TOPICS = TopicClient.embedded();

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void aBurstOfFailedLoginsIsOneAlertWithItsEvidence() {
        String address = "192.0.2." + (1 + (int) (Math.random() * 200));
        long now = EventTime.fromMillis(System.currentTimeMillis());
        for (int i = 0; i < 7; i++) {
            TOPICS.send(Topics.AUTH_EVENTS, address, new AuthEvent(UUID.randomUUID().toString(), null, AuthOutcome.FAILURE,
                    "no account has this token", address, "rest", now + i * 1_000_000L));
        }
        var alerts = TOPICS.await(Topics.ALERTS, record -> address.equals(record.key()), 1, WAIT);
        assertThat(alerts.getFirst().value().getType()).isEqualTo(AlertType.FAILED_LOGINS);
        assertThat(alerts.getFirst().value().getEvidence()).hasSize(6);
        assertThat(TOPICS.readAfter(Topics.ALERTS, record -> address.equals(record.key()), Duration.ofSeconds(2))).hasSize(1);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
