package dev.tickflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.model.SampleRecords;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void fixedPointFieldsAreExactDecimals() throws Exception {
        JsonNode tick = mapper.readTree(RecordJson.toJson(SampleRecords.tick()));
        assertThat(tick.get("price").decimalValue()).isEqualByComparingTo("190.25");
        assertThat(tick.get("quantity").longValue()).isEqualTo(100);
        assertThat(tick.get("side").asText()).isEqualTo("BUY");
        assertThat(tick.get("venue").asText()).isEqualTo("XNAS");
    }

    @Test
    void recordsInsideAUnionAreTaggedWithTheirType() throws Exception {
        JsonNode order = mapper.readTree(RecordJson.toJson(SampleRecords.newOrder()));
        JsonNode command = order.get("command");
        assertThat(command.get("@type").asText()).isEqualTo("NewOrder");
        assertThat(command.get("limitPrice").decimalValue()).isEqualByComparingTo("191.5");
        assertThat(order.get("acceptedAtMicros").isNull()).isTrue();
    }

    @Test
    void everyTypeRendersAsValidJson() throws Exception {
        for (SpecificRecord record : SampleRecords.everyType()) {
            JsonNode json = mapper.readTree(RecordJson.toJson(record));
            assertThat(json.size()).as(record.getSchema().getName()).isEqualTo(record.getSchema().getFields().size());
        }
    }

    @Test
    void quotesInStringsAreEscaped() throws Exception {
        SpecificRecord account = SampleRecords.everyType().stream()
                .filter(r -> r.getSchema().getName().equals("Account")).findFirst().orElseThrow();
        assertThat(mapper.readTree(RecordJson.toJson(account)).get("displayName").asText()).isEqualTo("Alice \"A\" Trader");
    }
}
