package dev.tickflow.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.web.backend.Backend;
import org.junit.jupiter.api.Test;

/** The chart's bars: history's older minutes and market-stats' recent ones, one bar a minute, oldest first. */
class MarketResourceTest {

    private final MarketResource resource = new MarketResource(null, new ObjectMapper());

    private static String bar(String start, String close) {
        return "{\"start\":\"" + start + "\",\"close\":\"" + close + "\"}";
    }

    @Test
    void recentBarsWinWhereBothSourcesHaveAMinute() {
        Backend.Answer history = new Backend.Answer(200, "[" + bar("2026-11-20T14:31:00Z", "10") + "," + bar("2026-11-20T14:30:00Z", "9")
                + "]");
        Backend.Answer stats = new Backend.Answer(200, "[" + bar("2026-11-20T14:31:00.000Z", "10.5") + ","
                + bar("2026-11-20T14:32:00Z", "11") + "]");
        JsonNode merged = resource.merge(history, stats);
        assertThat(merged).hasSize(3);
        assertThat(merged.get(0).path("close").asText()).isEqualTo("9");
        assertThat(merged.get(1).path("close").asText()).as("market-stats holds the newest revision of a minute").isEqualTo("10.5");
        assertThat(merged.get(2).path("close").asText()).isEqualTo("11");
    }

    @Test
    void aMissingOrUnreadableSourceAddsNothing() {
        Backend.Answer history = new Backend.Answer(503, "[]");
        Backend.Answer stats = new Backend.Answer(200, "[" + bar("2026-11-20T14:32:00Z", "11") + "]");
        assertThat(resource.merge(history, stats)).hasSize(1);
        assertThat(resource.merge(new Backend.Answer(200, "not json"), stats)).hasSize(1);
    }
}
