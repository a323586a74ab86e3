package dev.tickflow.surveillance.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.surveillance.state.AuthWatch;
import dev.tickflow.surveillance.state.SymbolWatch;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/** Every pattern with a sequence that must fire (once) and a close one that must not. */
class PatternsTest {

    @Test
    void moreThanFiveFailedLoginsFromOneAddressWithinAMinute() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (int i = 0; i < 8; i++) {
                fixture.failedLogin(null, "10.0.0.9", i * 5);
            }
            List<Alert> alerts = fixture.alerts.readValuesToList();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.getType()).isEqualTo(AlertType.FAILED_LOGINS);
                assertThat(alert.getSourceAddress()).isEqualTo("10.0.0.9");
                assertThat(alert.getEvidence()).hasSize(6).allMatch(evidence -> evidence.getKind().equals("auth-failure"));
            });
        }
    }

    @Test
    void failedLoginsSpreadOverMoreThanTheWindowDoNotFire() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (int i = 0; i < 5; i++) {
                fixture.failedLogin("alice", "10.0.0.7", i);
            }
            for (int i = 0; i < 6; i++) {
                fixture.failedLogin(null, "10.0.0.8", i * 15);
            }
            assertThat(fixture.alerts.readValuesToList()).as("five is not more than five; six over 75 s is not within 60 s").isEmpty();
        }
    }

    @Test
    void addressesWhoseFailuresLeftTheWindowAreForgotten() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (int i = 0; i < 200; i++) {
                fixture.failedLogin(null, "10.1." + (i / 250) + "." + (i % 250), i * 0.1);
            }
            KeyValueStore<String, AuthWatch> logins = fixture.driver.getKeyValueStore(StoreNames.LOGINS);
            assertThat(logins.approximateNumEntries()).isEqualTo(200);
            // two windows later: one more failure moves stream time past every earlier one's window
            fixture.failedLogin(null, "10.9.9.9", 150);
            List<String> kept = new java.util.ArrayList<>();
            try (var all = logins.all()) {
                all.forEachRemaining(entry -> kept.add(entry.key));
            }
            assertThat(kept).as("only the address still in its window").containsExactly("10.9.9.9");
        }
    }

    @Test
    void anOrderRateSpikeFiresOnce() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            fixture.lastTrade("RATE", "50");
            for (int i = 0; i < 60; i++) {
                fixture.order("flood", "RATE", Side.BUY, 1, "49.50", i * 0.1);
            }
            assertThat(fixture.alerts.readValuesToList()).singleElement()
                    .satisfies(alert -> assertThat(alert.getType()).isEqualTo(AlertType.ORDER_RATE_SPIKE));
        }
    }

    @Test
    void fiftyOrdersInTenSecondsIsNotASpike() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (int i = 0; i < 50; i++) {
                fixture.order("busy", "RATE", Side.BUY, 1, "49.50", i * 0.19);
            }
            assertThat(fixture.alerts.readValuesToList()).isEmpty();
        }
    }

    /** Three large bids 1% under the market, each pulled within a second, while selling into the market. */
    private static void spoof(SurveillanceFixture fixture, String price, double cancelAfter, Side fillSide) {
        spoof(fixture, price, cancelAfter, fillSide, "REQUESTED");
    }

    private static void spoof(SurveillanceFixture fixture, String price, double cancelAfter, Side fillSide, String cancelReason) {
        fixture.lastTrade("SPF", "100");
        for (int i = 0; i < 3; i++) {
            String order = fixture.order("mallory", "SPF", Side.BUY, 5_000, price, i * 10);
            fixture.cancelled("mallory", order, "SPF", Side.BUY, 5_000, price, i * 10 + cancelAfter, cancelReason);
        }
        String sell = fixture.order("mallory", "SPF", fillSide, 100, "100", 35);
        fixture.filled("mallory", sell, "SPF", fillSide, 100, "100", "bob", 35.5);
    }

    @Test
    void spoofingLargeOrdersAwayFromTheMarketPulledWhileTradingTheOtherSide() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            spoof(fixture, "99.00", 1, Side.SELL);
            assertThat(fixture.alerts.readValuesToList()).singleElement().satisfies(alert -> {
                assertThat(alert.getType()).isEqualTo(AlertType.SPOOFING);
                assertThat(alert.getAccount()).isEqualTo("mallory");
                assertThat(alert.getSymbol()).isEqualTo("SPF");
                assertThat(alert.getEvidence()).extracting(Evidence::getKind).containsExactly("order", "order", "order", "execution");
            });
        }
    }

    @Test
    void theSameSequenceWithCancelsTheEngineMadeIsNoSpoofing() {
        for (String reason : new String[] {"IOC_REMAINDER", "SELF_TRADE_PREVENTION", "NO_LIQUIDITY"}) {
            try (SurveillanceFixture fixture = new SurveillanceFixture()) {
                spoof(fixture, "99.00", 1, Side.SELL, reason);
                assertThat(fixture.alerts.readValuesToList()).as("orders the engine cancelled (%s) were not pulled", reason).isEmpty();
            }
        }
    }

    @Test
    void noSpoofingWhenOrdersRestLongerAreNearTheMarketOrTheTradeIsOnTheSameSide() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            spoof(fixture, "99.00", 8, Side.SELL);
            assertThat(fixture.alerts.readValuesToList()).as("cancelled after 8 s, not within 5").isEmpty();
        }
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            spoof(fixture, "99.80", 1, Side.SELL);
            assertThat(fixture.alerts.readValuesToList()).as("20 bp from the market is at the touch, not away").isEmpty();
        }
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            spoof(fixture, "99.00", 1, Side.BUY);
            assertThat(fixture.alerts.readValuesToList()).as("buying while bidding is not spoofing").isEmpty();
        }
    }

    @Test
    void largeOrdersThatTradedBeforeTheyWerePulledAreNotSpoofing() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            fixture.lastTrade("SPF", "100");
            for (int i = 0; i < 3; i++) {
                String order = fixture.order("mallory", "SPF", Side.BUY, 5_000, "99.00", i * 10);
                // the market came down to the bid: a part traded, then the rest was cancelled
                fixture.filled("mallory", order, "SPF", Side.BUY, 200, "99.00", "bob", i * 10 + 0.5);
                fixture.cancelled("mallory", order, "SPF", Side.BUY, 5_000, "99.00", i * 10 + 1);
            }
            String sell = fixture.order("mallory", "SPF", Side.SELL, 100, "100", 35);
            fixture.filled("mallory", sell, "SPF", Side.SELL, 100, "100", "bob", 35.5);
            assertThat(fixture.alerts.readValuesToList()).filteredOn(alert -> alert.getType() == AlertType.SPOOFING).isEmpty();
        }
    }

    @Test
    void aTradeBetweenTwoAccountsOfOneOwnerIsAWashTrade() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            fixture.account("fund-a", "acme");
            fixture.account("fund-b", "acme");
            fixture.account("bob", "bob");
            fixture.filled("fund-a", "W-1", "WSH", Side.BUY, 100, "10", "fund-b", 1);
            fixture.filled("fund-b", "W-2", "WSH", Side.SELL, 100, "10", "fund-a", 1);
            fixture.filled("fund-a", "W-3", "WSH", Side.BUY, 100, "10", "bob", 2);
            assertThat(fixture.alerts.readValuesToList()).as("one alert for the one trade, none for the trade with bob")
                    .singleElement().satisfies(alert -> {
                        assertThat(alert.getType()).isEqualTo(AlertType.WASH_TRADE);
                        assertThat(alert.getAccount()).isEqualTo("fund-a");
                        assertThat(alert.getDescription()).contains("acme");
                        assertThat(alert.getEvidence()).singleElement()
                                .satisfies(evidence -> assertThat(evidence.getDetail()).contains("fund-a", "fund-b"));
                    });
        }
    }

    @Test
    void washTradesAreQuietedPerOwnerAndSymbolForTheWindow() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (String fund : List.of("fund-a", "fund-b", "fund-c")) {
                fixture.account(fund, "acme");
            }
            washTrade(fixture, "fund-a", "fund-b", "WSH", 1);
            washTrade(fixture, "fund-c", "fund-b", "WSH", 60);
            washTrade(fixture, "fund-b", "fund-a", "WSH", 120);
            washTrade(fixture, "fund-c", "fund-a", "OTH", 180);
            washTrade(fixture, "fund-c", "fund-a", "WSH", 1 + 10 * 60);
            assertThat(fixture.alerts.readValuesToList()).extracting(alert -> alert.getAccount() + " " + alert.getSymbol())
                    .as("another buyer of the same owner within ten minutes is the same abuse, another symbol is not; "
                            + "ten minutes on, it alerts again")
                    .containsExactly("fund-a WSH", "fund-c OTH", "fund-c WSH");
        }
    }

    private static void washTrade(SurveillanceFixture fixture, String buyer, String seller, String symbol, double seconds) {
        String id = buyer + "-" + symbol + "-" + seconds;
        fixture.filled(buyer, "B-" + id, symbol, Side.BUY, 100, "10", seller, seconds);
        fixture.filled(seller, "S-" + id, symbol, Side.SELL, 100, "10", buyer, seconds);
    }

    /** 30 ticks moving ±0.01%, then {@code last}. */
    private static void quietThen(SurveillanceFixture fixture, String last) {
        for (int i = 0; i < 30; i++) {
            fixture.tick("ANM", i % 2 == 0 ? "100.00" : "100.01", i);
        }
        fixture.tick("ANM", last, 31);
    }

    @Test
    void aPriceJumpBeyondSixSigmasIsAnAnomaly() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            quietThen(fixture, "105.00");
            assertThat(fixture.alerts.readValuesToList()).singleElement().satisfies(alert -> {
                assertThat(alert.getType()).isEqualTo(AlertType.PRICE_ANOMALY);
                assertThat(alert.getSymbol()).isEqualTo("ANM");
                assertThat(alert.getEvidence().getFirst().getDetail()).isEqualTo("100.01 -> 105");
            });
        }
    }

    @Test
    void anOrdinaryMoveIsNotAnAnomaly() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            quietThen(fixture, "100.02");
            assertThat(fixture.alerts.readValuesToList()).isEmpty();
        }
    }

    @Test
    void aCommitWritesTheWatchesKeptInMemoryToTheirStore() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            quietThen(fixture, "100.02");
            // the test driver commits after every record
            SymbolWatch stored = fixture.driver.<String, SymbolWatch>getKeyValueStore(StoreNames.SYMBOLS).get("ANM");
            assertThat(stored.getLastPrice()).isEqualTo(FixedPoint.parse("100.02"));
            assertThat(stored.getLastTickMicros()).isEqualTo(SurveillanceFixture.at(31));
            double lastMove = FixedPoint.parse("100.02") - FixedPoint.parse("100.01");
            assertThat(stored.getReturns()).isNotEmpty().last().isEqualTo(lastMove);
        }
    }

    @Test
    void aLiquidSymbolThatStopsTradingIsAGap() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            for (int i = 0; i < 25; i++) {
                fixture.tick("GAP", "50", i);
            }
            for (int i = 0; i < 3; i++) {
                fixture.tick("THIN", "20", i);
            }
            fixture.driver.advanceWallClockTime(Duration.ofSeconds(20));
            assertThat(fixture.alerts.readValuesToList()).as("20 s of silence is not yet a gap").isEmpty();
            fixture.driver.advanceWallClockTime(Duration.ofSeconds(15));
            assertThat(fixture.alerts.readValuesToList()).as("a thin symbol's silence is not news").singleElement()
                    .satisfies(alert -> {
                        assertThat(alert.getType()).isEqualTo(AlertType.TICK_GAP);
                        assertThat(alert.getSymbol()).isEqualTo("GAP");
                    });
            fixture.driver.advanceWallClockTime(Duration.ofSeconds(60));
            assertThat(fixture.alerts.readValuesToList()).as("one alert per silence").isEmpty();
        }
    }

    @Test
    void theOrderExecutionJoinMeasuresEachOrdersFirstFillOnly() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            fixture.lastTrade("JN", "100");
            String order = fixture.order("alice", "JN", Side.BUY, 200, "100.50", 0);
            fixture.filled("alice", order, "JN", Side.BUY, 100, "100.20", "bob", 2);
            fixture.filled("alice", order, "JN", Side.BUY, 100, "100.40", "bob", 3);
            String late = fixture.order("alice", "JN", Side.BUY, 10, "100.50", 10);
            fixture.filled("alice", late, "JN", Side.BUY, 10, "100.10", "bob", 10 + 6 * 60);

            var timer = fixture.registry.get("tickflow.surveillance.time.to.first.fill").timer();
            assertThat(timer.count()).as("the second fill is not a first; a fill after the join window is not joined").isEqualTo(1);
            assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(2_000);
            var slippage = fixture.registry.get("tickflow.surveillance.first.fill.slippage.bp").summary();
            assertThat(slippage.totalAmount()).as("bought at 100.20 against 100 at arrival: 20 bp worse").isCloseTo(20, within());
        }
    }

    @Test
    void anOrdersFirstFillMarkExpiresOnceNoFillCanJoinIt() {
        try (SurveillanceFixture fixture = new SurveillanceFixture()) {
            fixture.lastTrade("JN", "100");
            String order = fixture.order("alice", "JN", Side.BUY, 200, "100.50", 0);
            fixture.filled("alice", order, "JN", Side.BUY, 100, "100.20", "bob", 2);
            WindowStore<String, Long> marks = fixture.driver.getWindowStore(StoreNames.FIRST_FILLS);
            long arrived = SurveillanceFixture.at(0) / 1_000;
            assertThat(marks.fetch(order, arrived)).as("marked while fills may still join").isNotNull();

            String later = fixture.order("alice", "JN", Side.BUY, 10, "100.50", 11 * 60);
            fixture.filled("alice", later, "JN", Side.BUY, 10, "100.10", "bob", 11 * 60 + 1);
            assertThat(marks.fetch(order, arrived)).as("gone once twice the join window has passed").isNull();
            assertThat(marks.fetch(later, SurveillanceFixture.at(11 * 60) / 1_000)).isNotNull();
            assertThat(fixture.registry.get("tickflow.surveillance.time.to.first.fill").timer().count()).isEqualTo(2);
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }
}
