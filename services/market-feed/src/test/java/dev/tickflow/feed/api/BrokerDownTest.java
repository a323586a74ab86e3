package dev.tickflow.feed.api;

import static dev.tickflow.feed.FeedCaller.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.tickflow.feed.FeedCaller;
import dev.tickflow.feed.TestTicks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** With no broker reachable, sends never complete: the feed must push back instead of queueing without bound. */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    @TestHTTPResource("/ticks")
    URI ticks;

    /** Points the service at a closed port and allows only two sends in flight. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:9",
                    "tickflow.feed.max-in-flight", "2",
                    "mp.messaging.outgoing.md-ticks.max.block.ms", "5000",
                    "mp.messaging.outgoing.md-ticks-dlq.max.block.ms", "5000");
        }
    }

    @Test
    void pushAnswers503WithRetryAfterAndTheSimulatorSkipsTicks() {
        String venue = TestTicks.uniqueVenue();
        // takes both reservations and waits for acknowledgements that cannot come
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(ticks).header("Content-Type", "application/json")
                .header("Authorization", FeedCaller.bearer(FeedCaller.FEED_TOKEN))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "[" + TestTicks.json("PRA", "1", 1, venue) + "," + TestTicks.json("PRA", "2", 1, venue) + "]"))
                .build(), HttpResponse.BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response response = given().contentType(ContentType.JSON).body(TestTicks.json("PRA", "3", 1, venue)).post("/ticks");
            return response.statusCode() == 503 && "1".equals(response.header("Retry-After"))
                    && "https://tickflow.dev/problems/feed-busy".equals(response.path("type"));
        });

        given().contentType(ContentType.JSON).body("{\"ticksPerSecond\": 500}").post("/sources/simulator/start")
                .then().statusCode(200).body("running", equalTo(true));
        try {
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> given().get("/sources/simulator").then().extract().<Integer>path("status.skippedForBackpressure") > 0);
        } finally {
            given().post("/sources/simulator/stop");
        }
    }
}
