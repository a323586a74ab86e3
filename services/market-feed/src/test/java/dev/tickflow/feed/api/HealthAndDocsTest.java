package dev.tickflow.feed.api;

import static dev.tickflow.feed.FeedCaller.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.tickflow.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class HealthAndDocsTest {

    @Test
    void readyWhenTheBrokerIsReachable() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theApiIsDescribed() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/ticks"))
                .body(containsString("/sources/{name}/start"));
    }

    @Test
    void sourcesAreListedWithTheirState() {
        given().get("/sources").then().statusCode(200)
                .body("name", hasItems("simulator", "file-replay", "http-poll", "push"));
        given().get("/sources/nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSimulatorRetuneOutsideItsBoundsIsABadRequest() {
        given().contentType("application/json").body("{\"ticksPerSecond\": -5}").patch("/sources/simulator")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
