package dev.tickflow.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.tickflow.model.MoverEntry;
import dev.tickflow.model.Movers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MoversTest {

    private final TopologyFixture fixture = new TopologyFixture(new StatsSettings(Duration.ofSeconds(10), Duration.ofMillis(500),
            java.time.ZoneId.of("America/New_York"), 3, Duration.ofSeconds(1), StatsSettings.defaults().indicators(),
            Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void gainersAndLosersAreRankedWithTiesBrokenBySymbol() {
        move("AAA", "100", "110");   // +10%
        move("BBB", "50", "55");     // +10%, tie with AAA
        move("CCC", "10", "12");     // +20%
        move("DDD", "200", "202");   // +1%
        move("EEE", "100", "90");    // -10%
        move("FFF", "100", "80");    // -20%
        move("GGG", "100", "100");   // unchanged: neither list
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(2));

        Movers movers = fixture.movers.readValuesToList().getLast();
        assertThat(movers.getTradingDate()).isEqualTo("2026-11-20");
        assertThat(movers.getGainers()).extracting(MoverEntry::getSymbol).containsExactly("CCC", "AAA", "BBB");
        assertThat(movers.getGainers()).extracting(MoverEntry::getChangePpm).containsExactly(200_000L, 100_000L, 100_000L);
        assertThat(movers.getLosers()).extracting(MoverEntry::getSymbol).containsExactly("FFF", "EEE");
    }

    @Test
    void tiesInTruncatedPpmAreOrderedByTheExactChange() {
        // +1/3 and +1/3 + a hair: both 333,333 ppm once truncated
        move("XXA", "3", "4");
        move("XXB", "2.999999", "3.999999");
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<MoverEntry> gainers = fixture.movers.readValuesToList().getLast().getGainers();
        assertThat(gainers).extracting(MoverEntry::getChangePpm).containsExactly(333_333L, 333_333L);
        assertThat(gainers).extracting(MoverEntry::getSymbol).containsExactly("XXB", "XXA");
    }

    @Test
    void onlyTheLatestSessionIsRankedAndNothingIsPublishedWithoutChange() {
        move("OLD", "100", "200");
        fixture.trade("NEW", "100", 1, "2026-11-21T15:00:00Z");
        fixture.trade("NEW", "101", 1, "2026-11-21T15:01:00Z");
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(2));
        Movers movers = fixture.movers.readValuesToList().getLast();
        assertThat(movers.getTradingDate()).isEqualTo("2026-11-21");
        assertThat(movers.getGainers()).extracting(MoverEntry::getSymbol).containsExactly("NEW");

        fixture.driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(fixture.movers.isEmpty()).isTrue();
    }

    private void move(String symbol, String open, String last) {
        fixture.trade(symbol, open, 1, "2026-11-20T15:00:00Z");
        fixture.trade(symbol, last, 1, "2026-11-20T15:30:00Z");
    }
}
