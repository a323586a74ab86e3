package dev.tickflow.feed.replay;

import static dev.tickflow.feed.FeedCaller.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class FileReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theBundledSampleReplaysEveryGoodLineAndDeadLettersTheBadOne() {
        start("{\"file\": \"sample-ticks.csv\", \"speed\": \"max\"}");
        awaitState("FINISHED");
        given().get("/sources/file-replay").then()
                .body("status.linesRead", equalTo(121))
                .body("status.accepted", equalTo(120))
                .body("status.refused", equalTo(1));
        try (TopicClient topics = TopicClient.embedded()) {
            ConsumerRecord<byte[], byte[]> dead = topics.awaitRaw(TopicNames.MD_TICKS_DLQ,
                    record -> "market-feed/file-replay".equals(DeadLetters.headerValue(record.headers(), DeadLetters.SOURCE)),
                    1, WAIT).getFirst();
            assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.REASON)).isEqualTo("price-not-positive");
            assertThat(DeadLetters.headerValue(dead.headers(), DeadLetters.DETAIL)).startsWith("line 42:");
            assertThat(new String(dead.value())).startsWith("AAPL,").contains(",-1.00,");
            List<ConsumerRecord<String, Tick>> replayed = topics.await(Topics.MD_TICKS,
                    record -> record.value().getSource() == TickSource.FILE_REPLAY && "XNAS".equals(record.value().getVenue()),
                    120, WAIT);
            assertThat(replayed).extracting(record -> record.value().getEventTimeMicros())
                    .contains(Instant.parse("2026-11-20T14:30:00.359Z").toEpochMilli() * 1_000);
        }
    }

    @Test
    void aJsonLinesFileFromTheReplayDirectoryKeepsItsPacingWhenRebased() throws IOException {
        String venue = TestTicks.uniqueVenue();
        Path file = Path.of("target/replay").resolve(venue + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                line("RPA", "10.5", "2026-11-20T10:00:00.000Z", venue),
                line("RPB", "20.25", "2026-11-20T10:00:00.400Z", venue),
                line("RPA", "10.75", "2026-11-20T10:00:00.800Z", venue)) + "\n");

        start("{\"file\": \"" + file.getFileName() + "\", \"speed\": \"1\", \"rebaseTime\": true}");
        awaitState("FINISHED");
        try (TopicClient topics = TopicClient.embedded()) {
            List<Tick> replayed = topics.await(Topics.MD_TICKS, record -> venue.equals(record.value().getVenue()), 3, WAIT)
                    .stream().map(ConsumerRecord::value).sorted(Comparator.comparing(Tick::getEventTimeMicros)).toList();
            assertThat(replayed).extracting(Tick::getPrice).containsExactly(FixedPoint.parse("10.5"), FixedPoint.parse("20.25"),
                    FixedPoint.parse("10.75"));
            assertThat(replayed.getFirst().getEventTimeMicros())
                    .as("rebased to replay time").isGreaterThan(Instant.parse("2026-11-21T00:00:00Z").toEpochMilli() * 1_000);
            long span = replayed.getLast().getEventTimeMicros() - replayed.getFirst().getEventTimeMicros();
            assertThat(span).as("800 ms of file time replayed at 1x").isGreaterThanOrEqualTo(700_000L);
        }
    }

    @Test
    void filesOutsideTheReplayDirectoryAndBadSpeedsAreRefused() {
        given().contentType(ContentType.JSON).body("{\"file\": \"../../pom.xml.csv\"}")
                .post("/sources/file-replay/start")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"file\": \"sample-ticks.csv\", \"speed\": \"fast\"}")
                .post("/sources/file-replay/start")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("speed"));
        given().contentType(ContentType.JSON).body("{\"file\": \"nothing-here.csv\"}")
                .post("/sources/file-replay/start")
                .then().statusCode(400);
    }

    private static void start(String body) {
        given().contentType(ContentType.JSON).body(body).post("/sources/file-replay/start").then().statusCode(200);
    }

    private static void awaitState(String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(
                () -> state.equals(given().get("/sources/file-replay").then().extract().path("status.state")));
    }

    private static String line(String symbol, String price, String timestamp, String venue) {
        return "{\"symbol\":\"" + symbol + "\",\"price\":\"" + price + "\",\"quantity\":10,\"timestamp\":\"" + timestamp
                + "\",\"venue\":\"" + venue + "\"}";
    }
}
