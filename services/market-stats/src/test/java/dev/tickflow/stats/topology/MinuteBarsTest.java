package dev.tickflow.stats.topology;

import static dev.tickflow.stats.topology.TopologyFixture.micros;
import static dev.tickflow.stats.topology.TopologyFixture.price;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MinuteBarsTest {

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aClosedBarHasOhlcVolumeVwapAndIsEmittedOnceAfterTheGrace() {
        fixture.trade("AAPL", "100", 100, "2026-11-20T15:00:01Z");
        fixture.trade("AAPL", "102", 300, "2026-11-20T15:00:20Z");
        fixture.trade("AAPL", "99.5", 100, "2026-11-20T15:00:40Z");
        fixture.trade("AAPL", "101", 500, "2026-11-20T15:00:59.999Z");
        assertThat(fixture.bars1m.isEmpty()).as("nothing final while the window and its grace are open").isTrue();

        fixture.trade("AAPL", "101.5", 10, "2026-11-20T15:01:09.999Z");
        assertThat(fixture.bars1m.isEmpty()).as("stream time 15:01:09.999 is still inside the 10 s grace").isTrue();
        fixture.trade("AAPL", "101.5", 10, "2026-11-20T15:01:10Z");

        List<Bar> closed = fixture.bars1m.readValuesToList();
        assertThat(closed).hasSize(1);
        Bar bar = closed.getFirst();
        assertThat(bar.getSymbol()).isEqualTo("AAPL");
        assertThat(bar.getWindowStartMicros()).isEqualTo(micros("2026-11-20T15:00:00Z"));
        assertThat(bar.getWindowEndMicros()).isEqualTo(micros("2026-11-20T15:01:00Z"));
        assertThat(bar.getOpen()).isEqualTo(price("100"));
        assertThat(bar.getHigh()).isEqualTo(price("102"));
        assertThat(bar.getLow()).isEqualTo(price("99.5"));
        assertThat(bar.getClose()).isEqualTo(price("101"));
        assertThat(bar.getVolume()).isEqualTo(1_000);
        assertThat(bar.getTradeCount()).isEqualTo(4);
        // (100*100 + 102*300 + 99.5*100 + 101*500) / 1000 = 101.05
        assertThat(bar.getVwap()).isEqualTo(price("101.05"));
        assertThat(bar.getTurnover()).isEqualTo(price("101050"));
        assertThat(bar.getFirstEventTimeMicros()).isEqualTo(micros("2026-11-20T15:00:01Z"));
        assertThat(bar.getLastEventTimeMicros()).isEqualTo(micros("2026-11-20T15:00:59.999Z"));
        assertThat(bar.getClosed()).isTrue();

        fixture.trade("AAPL", "101.5", 10, "2026-11-20T15:05:00Z");
        assertThat(fixture.bars1m.readValuesToList()).extracting(Bar::getWindowStartMicros)
                .as("the 15:00 bar is never emitted twice").containsExactly(micros("2026-11-20T15:01:00Z"));
    }

    @Test
    void liveUpdatesFollowEveryTickOfTheOpenWindow() {
        fixture.trade("MSFT", "400", 1, "2026-11-20T15:00:01Z");
        fixture.trade("MSFT", "401", 2, "2026-11-20T15:00:02Z");
        List<Bar> live = fixture.liveBars.readValuesToList();
        assertThat(live).hasSize(2).allSatisfy(bar -> assertThat(bar.getClosed()).isFalse());
        assertThat(live.getLast().getClose()).isEqualTo(price("401"));
        assertThat(live.getLast().getVolume()).isEqualTo(3);
    }

    @Test
    void liveUpdatesAreCoalescedToOnePerInterval() {
        fixture.tradeWithinTheInterval("MSFT", "400", 1, "2026-11-20T15:00:01Z");
        fixture.tradeWithinTheInterval("MSFT", "402", 2, "2026-11-20T15:00:02Z");
        fixture.tradeWithinTheInterval("MSFT", "401", 3, "2026-11-20T15:00:03Z");
        assertThat(fixture.liveBars.isEmpty()).as("nothing before the interval has passed").isTrue();
        assertThat(fixture.daily.isEmpty()).isTrue();

        fixture.letTheLiveIntervalPass();
        List<Bar> live = fixture.liveBars.readValuesToList();
        assertThat(live).singleElement().satisfies(bar -> {
            assertThat(bar.getTradeCount()).isEqualTo(3);
            assertThat(bar.getHigh()).isEqualTo(price("402"));
            assertThat(bar.getClose()).isEqualTo(price("401"));
        });
        assertThat(fixture.daily.readValuesToList()).singleElement().satisfies(session -> assertThat(session.getVolume()).isEqualTo(6));

        fixture.letTheLiveIntervalPass();
        assertThat(fixture.liveBars.isEmpty()).as("nothing changed, nothing published").isTrue();
        assertThat(fixture.daily.isEmpty()).isTrue();
    }

    @Test
    void withNoLiveIntervalEveryTradeIsPublishedAsItHappens() {
        StatsSettings defaults = StatsSettings.defaults();
        try (TopologyFixture everyTrade = new TopologyFixture(new StatsSettings(defaults.grace(), java.time.Duration.ZERO,
                defaults.exchangeZone(), defaults.moversSize(), defaults.moversInterval(), defaults.indicators(),
                defaults.retention1m(), defaults.retention5m(), defaults.retention1h()))) {
            everyTrade.tradeWithinTheInterval("MSFT", "400", 1, "2026-11-20T15:00:01Z");
            everyTrade.tradeWithinTheInterval("MSFT", "402", 2, "2026-11-20T15:00:02Z");
            assertThat(everyTrade.liveBars.readValuesToList()).extracting(Bar::getVolume).containsExactly(1L, 3L);
            assertThat(everyTrade.daily.readValuesToList()).extracting(session -> session.getVolume()).containsExactly(1L, 3L);
        }
    }

    @Test
    void aCommittedTickIsInTheStoresAndAClosedBarIsStoredMarkedClosed() {
        fixture.trade("AAPL", "100", 2, "2026-11-20T15:00:10Z");
        fixture.trade("AAPL", "104", 3, "2026-11-20T15:00:20Z");
        long start = java.time.Instant.parse("2026-11-20T15:00:00Z").toEpochMilli();
        // the test driver commits after every record
        ValueAndTimestamp<Bar> open = fixture.driver.<String, Bar>getTimestampedWindowStore(StoreNames.BARS_1M).fetch("AAPL", start);
        assertThat(open.value().getVolume()).isEqualTo(5);
        assertThat(open.value().getClosed()).isFalse();
        assertThat(open.timestamp()).isEqualTo(java.time.Instant.parse("2026-11-20T15:00:20Z").toEpochMilli());
        ValueAndTimestamp<DailyStats> session = fixture.driver.<String, DailyStats>getTimestampedKeyValueStore(StoreNames.DAILY_STATS)
                .get("AAPL");
        assertThat(session.value().getLast()).isEqualTo(price("104"));
        assertThat(session.value().getTradeCount()).isEqualTo(2);

        fixture.trade("AAPL", "101", 1, "2026-11-20T15:01:30Z");
        Bar closed = fixture.driver.<String, Bar>getTimestampedWindowStore(StoreNames.BARS_1M).fetch("AAPL", start).value();
        assertThat(closed.getClosed()).isTrue();
        assertThat(closed.getVolume()).isEqualTo(5);
    }

    @Test
    void aTickThatWouldOverflowItsBarIsDeadLetteredAndTheBarStaysAsItWas() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:10Z");
        // its notional fits, but the bar's volume would pass what a long holds; its price would have been the low
        fixture.trade("AAPL", "0.000001", Long.MAX_VALUE, "2026-11-20T15:00:20Z");
        fixture.trade("AAPL", "90", 2, "2026-11-20T15:00:30Z");
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:02:00Z");

        assertThat(fixture.deadLetters.readRecordsToList()).hasSize(1);
        Bar bar = fixture.bars1m.readValuesToList().getFirst();
        assertThat(bar.getVolume()).isEqualTo(3);
        assertThat(bar.getTradeCount()).isEqualTo(2);
        assertThat(bar.getLow()).as("the refused tick moved nothing").isEqualTo(price("90"));
        assertThat(bar.getHigh()).isEqualTo(price("100"));
        assertThat(bar.getClose()).isEqualTo(price("90"));
    }

    @Test
    void aTombstoneDoesNotMoveTheStreamTimeThatClosesBars() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:10Z");
        // written an hour after the trade: its arrival must not close the 15:00 bar
        fixture.rawTicks.pipeInput("AAPL", null, java.time.Instant.parse("2026-11-20T16:00:00Z"));
        fixture.trade("AAPL", "101", 1, "2026-11-20T15:00:20Z");
        assertThat(fixture.bars1m.isEmpty()).isTrue();

        fixture.trade("AAPL", "100", 1, "2026-11-20T15:02:00Z");
        assertThat(fixture.bars1m.readValuesToList()).singleElement()
                .satisfies(bar -> assertThat(bar.getTradeCount()).as("the trade after the tombstone was not late").isEqualTo(2));
        assertThat(fixture.metrics.lateTicks("bars-1m")).isZero();
    }

    @Test
    void windowBoundariesAreHalfOpen() {
        fixture.trade("AAPL", "10", 1, "2026-11-20T15:00:59.999Z");
        fixture.trade("AAPL", "20", 1, "2026-11-20T15:01:00Z");
        fixture.trade("AAPL", "30", 1, "2026-11-20T15:05:00Z");
        List<Bar> closed = fixture.bars1m.readValuesToList();
        assertThat(closed).extracting(Bar::getClose).containsExactly(price("10"), price("20"));
        assertThat(closed).extracting(Bar::getTradeCount).containsExactly(1L, 1L);
    }

    @Test
    void anOutOfOrderTickBecomesTheOpenButNotTheClose() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:30Z");
        fixture.trade("AAPL", "90", 1, "2026-11-20T15:00:05Z");
        fixture.trade("AAPL", "110", 1, "2026-11-20T15:00:45Z");
        fixture.trade("AAPL", "95", 1, "2026-11-20T15:00:40Z");
        fixture.trade("AAPL", "1", 1, "2026-11-20T15:02:00Z");
        Bar bar = fixture.bars1m.readValuesToList().getFirst();
        assertThat(bar.getOpen()).isEqualTo(price("90"));
        assertThat(bar.getClose()).isEqualTo(price("110"));
        assertThat(bar.getFirstEventTimeMicros()).isEqualTo(micros("2026-11-20T15:00:05Z"));
    }

    @Test
    void aLateTickWithinTheGraceUpdatesItsBar() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:10Z");
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:01:05Z");
        fixture.trade("AAPL", "105", 7, "2026-11-20T15:00:50Z");
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:01:30Z");
        Bar bar = fixture.bars1m.readValuesToList().getFirst();
        assertThat(bar.getTradeCount()).isEqualTo(2);
        assertThat(bar.getClose()).isEqualTo(price("105"));
        assertThat(bar.getVolume()).isEqualTo(8);
        assertThat(fixture.metrics.lateTicks("bars-1m")).isZero();
    }

    @Test
    void aLateTickAfterTheGraceIsNotCountedButIsMetered() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:10Z");
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:01:15Z");
        assertThat(fixture.bars1m.readValuesToList()).extracting(Bar::getWindowStartMicros)
                .containsExactly(micros("2026-11-20T15:00:00Z"));
        fixture.liveBars.readValuesToList();

        // 15:00:50 arrives when stream time is 15:01:15, past the 15:00 bar's end plus its 10 s grace
        fixture.trade("AAPL", "150", 9, "2026-11-20T15:00:50Z");
        assertThat(fixture.liveBars.readValuesToList()).as("the closed bar is not updated live either")
                .noneMatch(bar -> bar.getWindowStartMicros() == micros("2026-11-20T15:00:00Z"));
        assertThat(fixture.metrics.lateTicks("bars-1m")).isEqualTo(1);

        fixture.trade("AAPL", "100", 1, "2026-11-20T15:03:00Z");
        List<Bar> after = fixture.bars1m.readValuesToList();
        assertThat(after).extracting(Bar::getWindowStartMicros).as("the 15:00 bar is not emitted again")
                .containsExactly(micros("2026-11-20T15:01:00Z"));
        assertThat(after.getFirst().getHigh()).as("nor does the late tick land in the next bar").isEqualTo(price("100"));
        assertThat(after.getFirst().getTradeCount()).isEqualTo(1);
    }

    @Test
    void symbolsHaveTheirOwnBars() {
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:00:10Z");
        fixture.trade("MSFT", "400", 2, "2026-11-20T15:00:20Z");
        fixture.trade("AAPL", "100", 1, "2026-11-20T15:02:00Z");
        assertThat(fixture.bars1m.readKeyValuesToMap()).containsOnlyKeys("AAPL", "MSFT");
    }
}
