package dev.tickflow.web.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.RecommendedAction;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import dev.tickflow.testsupport.WebSocketRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Real WebSocket clients on the real broker: each hears what it follows and nothing else. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class MarketSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicClient TOPICS = TopicClient.embedded();

    @TestHTTPResource("/ws/market")
    URI market;

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void clientsHearOnlyTheSymbolsAndStreamsTheyFollow() throws Exception {
        URI uri = URI.create(market.toString().replaceFirst("^http", "ws"));
        try (WebSocketRecorder apple = new WebSocketRecorder(uri, "alice-demo-token");
                WebSocketRecorder micro = new WebSocketRecorder(uri, "alice-demo-token")) {
            apple.send("{\"action\":\"subscribe\",\"symbols\":[\"aapl\"],\"streams\":[\"ticks\"]}");
            apple.next(text -> text.contains("\"subscriptions\"") && text.contains("AAPL"), WAIT);
            micro.send("{\"action\":\"subscribe\",\"symbols\":[\"MSFT\"],\"streams\":[\"ticks\",\"bars\"]}");
            micro.next(text -> text.contains("\"subscriptions\"") && text.contains("MSFT"), WAIT);

            // the consumers start from the latest offset: keep publishing until each client has heard its symbol
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean heard = false;
            while (!heard && System.nanoTime() < deadline) {
                tick("MSFT", "410.5");
                tick("AAPL", "190.25");
                Thread.sleep(200);
                heard = apple.all().stream().anyMatch(text -> text.contains("\"type\":\"tick\""))
                        && micro.all().stream().anyMatch(text -> text.contains("\"type\":\"tick\""));
            }
            assertThat(heard).as("both clients heard ticks").isTrue();
            assertThat(apple.all()).filteredOn(text -> text.contains("\"type\":\"tick\"")).allMatch(text -> text.contains("\"AAPL\""))
                    .noneMatch(text -> text.contains("MSFT"));
            assertThat(micro.all()).filteredOn(text -> text.contains("\"type\":\"tick\"")).allMatch(text -> text.contains("\"MSFT\""));
            assertThat(apple.next(text -> text.contains("\"type\":\"tick\""), WAIT)).contains("\"price\":190.25");

            apple.send("{\"action\":\"subscribe\",\"streams\":[\"gossip\"]}");
            assertThat(apple.next(text -> text.contains("\"error\""), WAIT)).contains("streams are");
        }
    }

    @Test
    void followersOfASymbolHearTheStrategysRecommendations() throws Exception {
        URI uri = URI.create(market.toString().replaceFirst("^http", "ws"));
        try (WebSocketRecorder client = new WebSocketRecorder(uri, "alice-demo-token")) {
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"NVDA\"],\"streams\":[\"signals\"]}");
            client.next(text -> text.contains("\"subscriptions\""), WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && client.all().stream().noneMatch(text -> text.contains("\"recommendation\""))) {
                TOPICS.send(Topics.RECOMMENDATIONS, "NVDA", new Recommendation("NVDA", RecommendedAction.BUY, 0.6, 0.58,
                        List.of("moving averages: fast above slow"), 1L, 2L));
                TOPICS.send(Topics.RECOMMENDATIONS, "AMD", new Recommendation("AMD", RecommendedAction.SELL, 0.6, 0.4, List.of(), 1L, 2L));
                Thread.sleep(200);
            }
            assertThat(client.next(text -> text.contains("\"recommendation\""), WAIT)).contains("\"NVDA\"", "\"BUY\"",
                    "fast above slow");
            assertThat(client.all()).noneMatch(text -> text.contains("\"AMD\""));
        }
    }

    private static void tick(String symbol, String price) {
        long now = EventTime.fromMillis(System.currentTimeMillis());
        TOPICS.send(Topics.MD_TICKS, symbol, Tick.newBuilder().setSymbol(symbol).setPrice(FixedPoint.parse(price)).setQuantity(10)
                .setEventTimeMicros(now).setIngestTimeMicros(now).setSource(TickSource.PUSH).setSide(Side.BUY).setVenue("TEST")
                .setTradeId(null).build());
    }
}
