package dev.tickflow.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.support.streams.DecodingGlobalStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoisonRecordTest {

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anUnreadableTickIsDeadLetteredWithItsReasonAndProcessingGoesOn() {
        byte[] poison = "{\"symbol\":\"AAPL\",\"price\":1}".getBytes(StandardCharsets.UTF_8);
        fixture.rawTicks.pipeInput("AAPL", poison);
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:10Z");
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:02:00Z");

        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().value()).isEqualTo(poison);
        assertThat(DeadLetters.headerValue(dead.getFirst().headers(), DeadLetters.REASON)).isEqualTo("bad-header");
        assertThat(DeadLetters.headerValue(dead.getFirst().headers(), DeadLetters.ORIGINAL_TOPIC)).isEqualTo(TopicNames.MD_TICKS);
        assertThat(DeadLetters.headerValue(dead.getFirst().headers(), DeadLetters.SOURCE)).isEqualTo("market-stats");
        assertThat(fixture.bars1m.readValuesToList()).as("the good ticks still make their bar").hasSize(1);
    }

    @Test
    void anUnreadableInstrumentLeavesThePreviousOneAndTheApplicationRunsOn() {
        long before = DecodingGlobalStore.undecodable().get(StoreNames.INSTRUMENTS).get();
        fixture.instrument("POIS", "EUR", "Utilities");
        // garbage of an earlier day (an instance that saw it live dead-lettered it then): counted, not written again
        fixture.rawInstruments.pipeInput("POIS", "not an instrument".getBytes(StandardCharsets.UTF_8),
                java.time.Instant.parse("2026-11-19T10:00:00Z"));
        fixture.rawInstruments.pipeInput("POIS", new byte[0], java.time.Instant.parse("2026-11-19T10:00:01Z"));
        fixture.trade("POIS", "10", 5, "2026-11-20T15:00:10Z");
        fixture.trade("POIS", "11", 5, "2026-11-20T15:02:00Z");

        Bar bar = fixture.bars1m.readValuesToList().getFirst();
        assertThat(bar.getEnriched()).as("the instrument before the garbage still applies").isTrue();
        assertThat(bar.getCurrency()).isEqualTo("EUR");
        assertThat(DecodingGlobalStore.undecodable().get(StoreNames.INSTRUMENTS).get() - before).isEqualTo(2);
    }
}
