package dev.tickflow.feed.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.feed.ingest.JsonTickReader;
import dev.tickflow.feed.ingest.RawTick;
import dev.tickflow.feed.ingest.Violation;
import org.junit.jupiter.api.Test;

class TickFileFormatTest {

    private final JsonTickReader json = new JsonTickReader(new ObjectMapper());

    @Test
    void csvColumnsAreFoundByTheirHeaderNameInAnyOrder() {
        TickFileFormat csv = TickFileFormat.forFile("day.csv", json);
        assertThat(csv.header("price,quantity,venue,symbol,timestamp")).isTrue();
        RawTick tick = csv.parse("190.25,100,\"X, NAS\",AAPL,2026-11-20T14:30:00Z", 2);
        assertThat(tick.symbol()).isEqualTo("AAPL");
        assertThat(tick.price()).isEqualTo("190.25");
        assertThat(tick.venue()).isEqualTo("X, NAS");
        assertThat(tick.side()).isNull();
        assertThat(tick.location()).isEqualTo("line 2");
    }

    @Test
    void aCsvHeaderWithoutARequiredColumnIsRefused() {
        assertThatThrownBy(() -> TickFileFormat.forFile("day.csv", json).header("symbol,price,quantity"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
    }

    @Test
    void aBrokenJsonLineIsMalformedNotFatal() {
        TickFileFormat lines = TickFileFormat.forFile("day.jsonl", json);
        assertThat(lines.header("{\"symbol\":\"AAPL\"}")).isFalse();
        assertThat(lines.parse("{\"symbol\":", 3).formatViolations()).extracting(Violation::code).containsExactly("malformed");
        assertThat(lines.parse("{\"symbol\":\"AAPL\",\"price\":1}", 4).symbol()).isEqualTo("AAPL");
    }

    @Test
    void unknownExtensionsAreRefused() {
        assertThatThrownBy(() -> TickFileFormat.forFile("day.xlsx", json)).isInstanceOf(IllegalArgumentException.class);
    }
}
