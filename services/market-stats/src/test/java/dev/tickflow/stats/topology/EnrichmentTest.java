package dev.tickflow.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.tickflow.model.Bar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichmentTest {

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void ticksBeforeTheInstrumentIsKnownAreAggregatedUnenrichedAndLaterOnesEnriched() {
        fixture.trade("NEWCO", "10", 5, "2026-11-20T15:00:10Z");
        fixture.instrument("NEWCO", "EUR", "Utilities");
        fixture.trade("NEWCO", "11", 5, "2026-11-20T15:00:20Z");
        fixture.trade("NEWCO", "12", 5, "2026-11-20T15:01:10Z");
        fixture.trade("NEWCO", "13", 5, "2026-11-20T15:03:00Z");

        List<Bar> closed = fixture.bars1m.readValuesToList();
        assertThat(closed).hasSize(2);
        Bar mixed = closed.get(0);
        assertThat(mixed.getTradeCount()).as("the unenriched tick is counted, not dropped").isEqualTo(2);
        assertThat(mixed.getEnriched()).as("one of its ticks came before the reference data").isFalse();
        assertThat(mixed.getCurrency()).isEqualTo("EUR");
        Bar known = closed.get(1);
        assertThat(known.getEnriched()).isTrue();
        assertThat(known.getCurrency()).isEqualTo("EUR");
        assertThat(known.getSector()).isEqualTo("Utilities");
    }

    @Test
    void aBarOfAnUnknownInstrumentHasNoReferenceData() {
        fixture.trade("GHOST", "1", 1, "2026-11-20T15:00:10Z");
        fixture.trade("GHOST", "1", 1, "2026-11-20T15:02:00Z");
        Bar bar = fixture.bars1m.readValuesToList().getFirst();
        assertThat(bar.getEnriched()).isFalse();
        assertThat(bar.getCurrency()).isNull();
    }
}
