package dev.tickflow.feed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTickReaderTest {

    private final JsonTickReader reader = new JsonTickReader(new ObjectMapper());

    @Test
    void numbersAreReadAsExactDecimals() {
        List<RawTick> ticks = read("{\"symbol\":\"AAPL\",\"price\":190.1,\"quantity\":100,\"timestamp\":1795357800123}");
        assertThat(ticks).singleElement().satisfies(tick -> {
            assertThat(tick.price()).isEqualTo("190.1");
            assertThat(tick.quantity()).isEqualTo("100");
            assertThat(tick.timestamp()).isEqualTo("1795357800123");
            assertThat(tick.location()).isNull();
        });
    }

    @Test
    void aBatchKeepsEachElementsOwnBytesAndPosition() {
        List<RawTick> ticks = read("[{\"symbol\":\"A\",\"price\":\"1\"}, 42, {\"symbol\":\"B\",\"price\":\"2\"}]");
        assertThat(ticks).hasSize(3);
        assertThat(ticks.get(0).location()).isEqualTo("[0]");
        assertThat(new String(ticks.get(2).original(), StandardCharsets.UTF_8)).contains("\"B\"").doesNotContain("\"A\"");
        assertThat(ticks.get(1).formatViolations()).extracting(Violation::code).containsExactly("malformed");
    }

    @Test
    void somethingThatIsNotJsonIsOneMalformedTickWithTheWholePayload() {
        byte[] payload = "symbol=AAPL&price=1".getBytes(StandardCharsets.UTF_8);
        List<RawTick> ticks = reader.read(payload, 10);
        assertThat(ticks).singleElement().satisfies(tick -> {
            assertThat(tick.original()).isEqualTo(payload);
            assertThat(tick.formatViolations()).extracting(Violation::code).containsExactly("malformed");
        });
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() {
        assertThat(reader.read("[{},{},{}]".getBytes(StandardCharsets.UTF_8), 2)).singleElement()
                .satisfies(tick -> assertThat(tick.formatViolations()).extracting(Violation::code).containsExactly("batch-too-large"));
    }

    @Test
    void objectsWhereValuesBelongAreFormatViolations() {
        List<RawTick> ticks = read("{\"symbol\":{\"x\":1},\"price\":true,\"quantity\":1}");
        assertThat(ticks.getFirst().formatViolations()).extracting(Violation::code).containsExactly("symbol-invalid", "price-invalid");
    }

    private List<RawTick> read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), 100);
    }
}
