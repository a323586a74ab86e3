package dev.tickflow.stats.topology;

import static dev.tickflow.stats.topology.TopologyFixture.micros;
import static dev.tickflow.stats.topology.TopologyFixture.price;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.tickflow.model.Bar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DerivedBarsTest {

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aFiveMinuteBarIsItsFiveClosedMinuteBars() {
        fixture.trade("AAPL", "100", 10, "2026-11-20T15:00:30Z");
        fixture.trade("AAPL", "104", 20, "2026-11-20T15:01:30Z");
        fixture.trade("AAPL", "98", 30, "2026-11-20T15:02:30Z");
        fixture.trade("AAPL", "101", 40, "2026-11-20T15:04:59Z");
        fixture.trade("AAPL", "103", 50, "2026-11-20T15:05:30Z");
        assertThat(fixture.bars5m.isEmpty()).as("open until a minute bar of the next five minutes has closed").isTrue();
        fixture.trade("AAPL", "103", 1, "2026-11-20T15:06:30Z");

        List<Bar> closed = fixture.bars5m.readValuesToList();
        assertThat(closed).hasSize(1);
        Bar bar = closed.getFirst();
        assertThat(bar.getIntervalSeconds()).isEqualTo(300);
        assertThat(bar.getWindowStartMicros()).isEqualTo(micros("2026-11-20T15:00:00Z"));
        assertThat(bar.getWindowEndMicros()).isEqualTo(micros("2026-11-20T15:05:00Z"));
        assertThat(bar.getOpen()).isEqualTo(price("100"));
        assertThat(bar.getHigh()).isEqualTo(price("104"));
        assertThat(bar.getLow()).isEqualTo(price("98"));
        assertThat(bar.getClose()).isEqualTo(price("101"));
        assertThat(bar.getVolume()).isEqualTo(100);
        assertThat(bar.getTradeCount()).isEqualTo(4);
        // (100*10 + 104*20 + 98*30 + 101*40) / 100 = 100.6
        assertThat(bar.getVwap()).isEqualTo(price("100.6"));
    }

    @Test
    void anHourBarFollowsTheFiveMinuteBars() {
        for (int minute = 0; minute < 60; minute += 5) {
            fixture.trade("MSFT", Integer.toString(400 + minute), 1, String.format("2026-11-20T15:%02d:30Z", minute));
        }
        fixture.trade("MSFT", "500", 1, "2026-11-20T16:00:30Z");
        fixture.trade("MSFT", "500", 1, "2026-11-20T16:05:30Z");
        fixture.trade("MSFT", "500", 1, "2026-11-20T16:06:30Z");
        List<Bar> hours = fixture.bars1h.readValuesToList();
        assertThat(hours).hasSize(1);
        assertThat(hours.getFirst().getOpen()).isEqualTo(price("400"));
        assertThat(hours.getFirst().getClose()).isEqualTo(price("455"));
        assertThat(hours.getFirst().getTradeCount()).isEqualTo(12);
        assertThat(hours.getFirst().getIntervalSeconds()).isEqualTo(3600);
    }
}
