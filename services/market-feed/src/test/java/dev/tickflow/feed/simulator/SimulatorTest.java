package dev.tickflow.feed.simulator;

import static dev.tickflow.feed.FeedCaller.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SimulatorTest {

    @Inject
    InstrumentUniverse universe;

    @Test
    void simulatedTicksCoverTheUniverseOnTickSizeWithOutOfOrderAndLateOnes() {
        given().contentType(ContentType.JSON).body("{\"ticksPerSecond\": 3000}")
                .post("/sources/simulator/start")
                .then().statusCode(200).body("running", equalTo(true));
        List<ConsumerRecord<String, Tick>> ticks;
        try (TopicClient topics = TopicClient.embedded()) {
            ticks = topics.await(Topics.MD_TICKS, record -> record.value().getSource() == TickSource.SIMULATOR, 6_000,
                    Duration.ofSeconds(60));
        } finally {
            given().post("/sources/simulator/stop").then().statusCode(200).body("running", equalTo(false));
        }

        Set<String> universeSymbols = universe.instruments().stream().map(SimulatedInstrument::symbol).collect(Collectors.toSet());
        assertThat(universeSymbols).hasSize(20);
        assertThat(ticks).extracting(ConsumerRecord::key).containsAll(universeSymbols);
        assertThat(ticks).allSatisfy(record -> {
            Tick tick = record.value();
            assertThat(tick.getSymbol()).isEqualTo(record.key());
            assertThat(tick.getPrice()).isPositive();
            assertThat(tick.getPrice() % FixedPoint.parse("0.01")).isZero();
            assertThat(tick.getQuantity()).isPositive();
            assertThat(tick.getEventTimeMicros()).isLessThanOrEqualTo(tick.getIngestTimeMicros());
        });
        long late = ticks.stream()
                .filter(record -> record.value().getIngestTimeMicros() - record.value().getEventTimeMicros() >= 15_000_000L)
                .count();
        assertThat(late).as("ticks stamped beyond a 10 s grace").isPositive();
        assertThat(outOfOrderWithinPartitions(ticks)).as("ticks older than their predecessor on the partition").isPositive();
    }

    private static long outOfOrderWithinPartitions(List<ConsumerRecord<String, Tick>> ticks) {
        Map<Integer, Long> latest = new HashMap<>();
        long outOfOrder = 0;
        for (ConsumerRecord<String, Tick> record : ticks) {
            long eventTime = record.value().getEventTimeMicros();
            Long previous = latest.get(record.partition());
            if (previous != null && eventTime < previous) {
                outOfOrder++;
            }
            latest.merge(record.partition(), eventTime, Math::max);
        }
        return outOfOrder;
    }
}
