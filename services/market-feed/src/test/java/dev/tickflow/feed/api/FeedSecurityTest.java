package dev.tickflow.feed.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.tickflow.feed.FeedCaller;
import dev.tickflow.feed.TestTicks;
import dev.tickflow.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Only a caller with the feed or admin role may publish ticks or touch the sources, and the poller only asks the hosts
 * it is allowed to (the test profile allows 127.0.0.1).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class FeedSecurityTest {

    @TestHTTPResource("/ws/ticks")
    URI socket;

    @Test
    void pushingTicksNeedsTheFeedRole() {
        String tick = TestTicks.json("PRA", "10", 1, TestTicks.uniqueVenue());
        RestAssured.given().contentType(ContentType.JSON).body(tick).post("/ticks")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        as(FeedCaller.TRADER_TOKEN).contentType(ContentType.JSON).body(tick).post("/ticks")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        as("not-a-token").contentType(ContentType.JSON).body(tick).post("/ticks").then().statusCode(401);
        as(FeedCaller.ADMIN_TOKEN).contentType(ContentType.JSON).body(tick).post("/ticks").then().statusCode(202);
        FeedCaller.given().contentType(ContentType.JSON).body(tick).post("/ticks").then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void sourcesAreControlledOnlyByTheFeedRole() {
        RestAssured.given().post("/sources/simulator/stop").then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().get("/sources").then().statusCode(401);
        as(FeedCaller.TRADER_TOKEN).contentType(ContentType.JSON).body("{}").post("/sources/simulator/start")
                .then().statusCode(403).contentType("application/problem+json");
        as(FeedCaller.TRADER_TOKEN).contentType(ContentType.JSON).body("{\"url\": \"http://127.0.0.1:1/q?s={symbol}\"}")
                .patch("/sources/http-poll").then().statusCode(403);
        FeedCaller.given().get("/sources/simulator").then().statusCode(200).body("running", equalTo(false));
    }

    @Test
    void theTickSocketRefusesAnUpgradeWithoutTheFeedRole() throws Exception {
        URI ws = URI.create(socket.toString().replaceFirst("^http", "ws"));
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder(), ws)).isEqualTo(401);
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", FeedCaller.bearer(FeedCaller.TRADER_TOKEN)), ws)).isEqualTo(403);
        WebSocket open = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(ws + "?access_token=" + FeedCaller.FEED_TOKEN), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        open.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePollerIsRefusedAHostOffTheAllowList() {
        for (String url : new String[] {"http://10.0.0.5:8080/quote?s={symbol}", "http://metadata.google.internal/computeMetadata/v1/",
                "http://127.0.0.1@169.254.169.254/latest/meta-data/", "http://127.0.0.1.example.org/q?s={symbol}"}) {
            FeedCaller.given().contentType(ContentType.JSON).body("{\"url\": \"" + url + "\", \"symbols\": [\"POLA\"]}")
                    .patch("/sources/http-poll")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("tickflow.feed.poll.allowed-hosts"));
            FeedCaller.given().contentType(ContentType.JSON).body("{\"url\": \"" + url + "\", \"symbols\": [\"POLA\"]}")
                    .post("/sources/http-poll/start").then().statusCode(400);
        }
        FeedCaller.given().get("/sources/http-poll").then().statusCode(200).body("running", equalTo(false))
                .body("status.url", org.hamcrest.Matchers.not(containsString("10.0.0.5")));
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", FeedCaller.bearer(token));
    }

    private static int handshakeStatus(WebSocket.Builder builder, URI ws) throws Exception {
        Throwable refused = catchThrowable(() -> builder.buildAsync(ws, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }
}
