package dev.tickflow.stats.topology;

import static dev.tickflow.stats.topology.TopologyFixture.price;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickflow.model.DailyStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** New York is UTC-5 in November: its midnight is 05:00 UTC. */
class DailyStatsTest {

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aSessionTracksOpenHighLowLastAndVolume() {
        fixture.trade("AAPL", "100", 10, "2026-11-20T15:00:00Z");
        fixture.trade("AAPL", "110", 20, "2026-11-20T16:00:00Z");
        fixture.trade("AAPL", "95", 30, "2026-11-20T17:00:00Z");
        fixture.trade("AAPL", "105", 40, "2026-11-20T18:00:00Z");
        DailyStats stats = fixture.daily.readKeyValuesToMap().get("AAPL");
        assertThat(stats.getTradingDate()).isEqualTo("2026-11-20");
        assertThat(stats.getOpen()).isEqualTo(price("100"));
        assertThat(stats.getHigh()).isEqualTo(price("110"));
        assertThat(stats.getLow()).isEqualTo(price("95"));
        assertThat(stats.getLast()).isEqualTo(price("105"));
        assertThat(stats.getVolume()).isEqualTo(100);
        assertThat(stats.getPreviousClose()).isNull();
        assertThat(stats.getChangePpm()).as("+5% against the open on the first session").isEqualTo(50_000);
    }

    @Test
    void theSessionRollsOverAtMidnightInTheExchangeZone() {
        fixture.trade("AAPL", "100", 10, "2026-11-20T15:00:00Z");
        fixture.trade("AAPL", "120", 10, "2026-11-21T04:59:59Z");
        assertThat(fixture.daily.readKeyValuesToMap().get("AAPL").getTradingDate())
                .as("23:59:59 in New York is still the 20th").isEqualTo("2026-11-20");

        fixture.trade("AAPL", "126", 5, "2026-11-21T05:00:00Z");
        DailyStats next = fixture.daily.readKeyValuesToMap().get("AAPL");
        assertThat(next.getTradingDate()).isEqualTo("2026-11-21");
        assertThat(next.getPreviousClose()).isEqualTo(price("120"));
        assertThat(next.getOpen()).isEqualTo(price("126"));
        assertThat(next.getVolume()).isEqualTo(5);
        assertThat(next.getChangePpm()).as("+5% against yesterday's close").isEqualTo(50_000);
    }

    @Test
    void aTradeOfAnEarlierSessionDoesNotReopenIt() {
        fixture.trade("AAPL", "100", 10, "2026-11-21T15:00:00Z");
        fixture.trade("AAPL", "50", 10, "2026-11-20T20:00:00Z");
        DailyStats stats = fixture.daily.readKeyValuesToMap().get("AAPL");
        assertThat(stats.getTradingDate()).isEqualTo("2026-11-21");
        assertThat(stats.getLow()).isEqualTo(price("100"));
        assertThat(stats.getVolume()).isEqualTo(10);
        assertThat(fixture.metrics.lateTicks("daily")).isEqualTo(1);
    }

    @Test
    void anOutOfOrderTradeDoesNotMoveTheLastPrice() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:00Z");
        fixture.trade("AAPL", "101", 1, "2026-11-20T15:10:00Z");
        fixture.trade("AAPL", "99", 1, "2026-11-20T15:05:00Z");
        fixture.trade("AAPL", "98", 1, "2026-11-20T14:30:00Z");
        DailyStats stats = fixture.daily.readKeyValuesToMap().get("AAPL");
        assertThat(stats.getLast()).isEqualTo(price("101"));
        assertThat(stats.getOpen()).as("the earliest trade of the day is the open").isEqualTo(price("98"));
        assertThat(stats.getLow()).isEqualTo(price("98"));
    }

    @Test
    void aTradeThatWouldOverflowTheSessionIsDeadLetteredAndTheSessionStaysAsItWas() {
        fixture.trade("TINY", "0.000001", 4_600_000_000_000_000_000L, "2026-11-20T15:00:00Z");
        // fits its own bar, but not the session's volume: refused before it can become the session's last trade
        fixture.trade("TINY", "0.000001", 4_700_000_000_000_000_000L, "2026-11-20T16:00:00Z");
        fixture.trade("TINY", "0.000001", 1, "2026-11-20T15:30:00Z");

        assertThat(fixture.deadLetters.readRecordsToList()).hasSize(1);
        DailyStats stats = fixture.daily.readKeyValuesToMap().get("TINY");
        assertThat(stats.getTradeCount()).isEqualTo(2);
        assertThat(stats.getVolume()).isEqualTo(4_600_000_000_000_000_001L);
        assertThat(stats.getLastQuantity()).as("the 15:30 trade is the latest the session took").isEqualTo(1);
        assertThat(stats.getLastEventTimeMicros()).isEqualTo(TopologyFixture.micros("2026-11-20T15:30:00Z"));

        fixture.trade("TINY", "0.000001", 1, "2026-11-20T16:02:00Z");
        assertThat(fixture.bars1m.readValuesToList()).extracting(bar -> bar.getWindowStartMicros())
                .as("nor did the refused trade make a bar of its own").containsExactly(TopologyFixture.micros("2026-11-20T15:00:00Z"));
    }
}
