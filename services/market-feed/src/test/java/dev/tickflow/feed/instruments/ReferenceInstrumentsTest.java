package dev.tickflow.feed.instruments;

import static dev.tickflow.feed.FeedCaller.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.tickflow.feed.TestTicks;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class ReferenceInstrumentsTest {

    @Test
    void anInstrumentPublishedOnRefInstrumentsBecomesTradableAndATombstoneRemovesIt() {
        assertThat(push("ZZNEW")).isEqualTo(400);
        try (TopicClient topics = TopicClient.embedded()) {
            topics.send(Topics.REF_INSTRUMENTS, "ZZNEW", Instrument.newBuilder().setSymbol("ZZNEW").setName("New listing")
                    .setCurrency("USD").setTickSize(FixedPoint.parse("0.01")).setLotSize(1).setSector(null).setTradable(true)
                    .setUpdatedAtMicros(0).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> push("ZZNEW") == 202);
            topics.send(Topics.REF_INSTRUMENTS, "ZZNEW", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> push("ZZNEW") == 400);
        }
    }

    @Test
    void anUnreadableInstrumentRecordIsDeadLetteredAndTheListenerGoesOn() {
        try (TopicClient topics = TopicClient.embedded()) {
            String garbage = "not avro " + java.util.UUID.randomUUID();
            topics.sendRaw(Topics.REF_INSTRUMENTS.name(), "ZZBAD".getBytes(StandardCharsets.UTF_8),
                    garbage.getBytes(StandardCharsets.UTF_8));
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> ours = record ->
                    record.value() != null && garbage.equals(new String(record.value(), StandardCharsets.UTF_8));
            assertThat(topics.awaitRaw(Topics.REF_INSTRUMENTS.deadLetterTopic(), ours, 1, Duration.ofSeconds(30))).singleElement()
                    .satisfies(letter -> assertThat(DeadLetters.headerValue(letter.headers(), DeadLetters.REASON)).isNotBlank());
            topics.send(Topics.REF_INSTRUMENTS, "ZZAFTER", Instrument.newBuilder().setSymbol("ZZAFTER").setName("After")
                    .setCurrency("USD").setTickSize(1).setLotSize(1).setSector(null).setTradable(true).setUpdatedAtMicros(0).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> push("ZZAFTER") == 202);
            assertThat(topics.readRaw(Topics.REF_INSTRUMENTS.deadLetterTopic(), ours)).as("dead-lettered once, not again by the channel")
                    .hasSize(1);
        }
    }

    private static int push(String symbol) {
        return given().contentType(ContentType.JSON).body(TestTicks.json(symbol, "1", 1, TestTicks.uniqueVenue()))
                .post("/ticks").then().extract().statusCode();
    }
}
