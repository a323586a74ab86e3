package dev.tickflow.feed.poll;

import static dev.tickflow.feed.FeedCaller.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against a stub quote server that this test starts: one symbol fails once first, one answers without a price. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class HttpPollTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private HttpServer quotes;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void startQuoteServer() throws IOException {
        quotes = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        quotes.createContext("/quote", this::answer);
        quotes.start();
    }

    @AfterEach
    void stopQuoteServer() {
        given().post("/sources/http-poll/stop");
        quotes.stop(0);
    }

    @Test
    void quotesArePolledRetriedAfterAServerErrorAndAnswersWithoutAPriceAreDeadLettered() {
        String url = "http://127.0.0.1:" + quotes.getAddress().getPort() + "/quote?symbol={symbol}";
        given().contentType(ContentType.JSON)
                .body("{\"url\": \"" + url + "\", \"symbols\": [\"POLA\", \"POLB\"], \"pricePath\": \"data.last\","
                        + " \"quantityPath\": \"/data/size\"}")
                .post("/sources/http-poll/start")
                .then().statusCode(200).body("running", equalTo(true));

        try (TopicClient topics = TopicClient.embedded()) {
            ConsumerRecord<String, Tick> polled = topics.await(Topics.MD_TICKS,
                    record -> "POLA".equals(record.key()) && record.value().getSource() == TickSource.HTTP_POLL, 1, WAIT).getFirst();
            assertThat(polled.value().getPrice()).isEqualTo(FixedPoint.parse("123.45"));
            assertThat(polled.value().getQuantity()).isEqualTo(7);
            assertThat(requests.get("POLA").get()).as("the first answer was a 503, so it was asked again").isGreaterThanOrEqualTo(2);

            ConsumerRecord<byte[], byte[]> dead = topics.awaitRaw(TopicNames.MD_TICKS_DLQ,
                    record -> "market-feed/http-poll".equals(DeadLetters.headerValue(record.headers(), DeadLetters.SOURCE)), 1, WAIT)
                    .getFirst();
            assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.REASON)).isEqualTo("price-missing");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"data\":{\"size\":3}}");
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String symbol = exchange.getRequestURI().getQuery().replace("symbol=", "");
        int count = requests.computeIfAbsent(symbol, key -> new AtomicInteger()).incrementAndGet();
        if ("POLA".equals(symbol) && count == 1) {
            respond(exchange, 503, "{\"error\":\"try again\"}");
        } else if ("POLA".equals(symbol)) {
            respond(exchange, 200, "{\"data\":{\"last\":123.45,\"size\":7}}");
        } else {
            respond(exchange, 200, "{\"data\":{\"size\":3}}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
