package dev.tickflow.feed.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.feed.FeedCaller;
import dev.tickflow.feed.TestTicks;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class PushWebSocketTest {

    @TestHTTPResource("/ws/ticks")
    URI endpoint;

    @Test
    void eachMessageIsIngestedAndAnswered() throws Exception {
        String venue = TestTicks.uniqueVenue();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", FeedCaller.bearer(FeedCaller.FEED_TOKEN))
                .buildAsync(URI.create(endpoint.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        replies.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText(TestTicks.json("WSA", "42.42", 7, venue), true).get(10, TimeUnit.SECONDS);
            JsonNode ok = new ObjectMapper().readTree(replies.poll(30, TimeUnit.SECONDS));
            assertThat(ok.get("accepted").asInt()).isEqualTo(1);
            assertThat(ok.has("problem")).isFalse();

            socket.sendText("[" + TestTicks.json("WSA", "abc", 7, venue) + "]", true).get(10, TimeUnit.SECONDS);
            JsonNode refused = new ObjectMapper().readTree(replies.poll(30, TimeUnit.SECONDS));
            assertThat(refused.get("accepted").asInt()).isZero();
            assertThat(refused.at("/problem/status").asInt()).isEqualTo(400);
            assertThat(refused.at("/problem/errors/0/code").asText()).isEqualTo("price-invalid");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        try (TopicClient topics = TopicClient.embedded()) {
            assertThat(topics.await(Topics.MD_TICKS, record -> venue.equals(record.value().getVenue()), 1, Duration.ofSeconds(30)))
                    .singleElement()
                    .satisfies(record -> assertThat(record.value().getPrice()).isEqualTo(FixedPoint.parse("42.42")));
        }
    }
}
