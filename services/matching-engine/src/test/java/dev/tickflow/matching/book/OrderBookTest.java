package dev.tickflow.matching.book;

import static dev.tickflow.matching.book.TimeInForce.DAY;
import static dev.tickflow.matching.book.TimeInForce.GTC;
import static dev.tickflow.matching.book.TimeInForce.IOC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderBookTest {

    private static final int ALICE = 1;
    private static final int BOB = 2;
    private static final int CAROL = 3;
    private static final int DAVE = 4;

    private final RecordingListener events = new RecordingListener();
    private final OrderBook book = new OrderBook(events);

    @Test
    void theBestPriceTradesFirstThenTheOldestAtThatPrice() {
        sell(1, ALICE, 101, 10);
        sell(2, BOB, 100, 10);
        sell(3, CAROL, 100, 10);
        events.drain();

        buy(4, DAVE, 101, 25);
        assertThat(events.drain()).containsExactly(
                "trade 4x2 10@100",
                "trade 4x3 10@100",
                "trade 4x1 5@101");
        assertThat(book.levelPrice(false, 0)).isEqualTo(101);
        assertThat(book.levelQuantity(false, 0)).isEqualTo(5);
        assertThat(book.levels(true)).isZero();
    }

    @Test
    void aPartialFillLeavesTheRestingRemainderAndRestsTheAggressorsRemainder() {
        sell(1, ALICE, 100, 30);
        buy(2, BOB, 100, 10);
        assertThat(book.order(1).leaves()).isEqualTo(20);
        assertThat(book.order(1).filled()).isEqualTo(10);
        events.drain();

        buy(3, BOB, 100, 50);
        assertThat(events.drain()).containsExactly("trade 3x1 20@100", "rested 3 30@100");
        assertThat(book.levelPrice(true, 0)).isEqualTo(100);
        assertThat(book.levelQuantity(true, 0)).isEqualTo(30);
    }

    @Test
    void aMarketOrderSweepsLevelsAndCancelsWhatIsLeft() {
        sell(1, ALICE, 100, 5);
        sell(2, ALICE, 101, 5);
        sell(3, ALICE, 102, 5);
        events.drain();
        book.submit(4, BOB, true, true, IOC, 0, 20, null);
        assertThat(events.drain()).containsExactly(
                "trade 4x1 5@100", "trade 4x2 5@101", "trade 4x3 5@102", "cancelled 4 5 NO_LIQUIDITY");
        assertThat(book.orderCount()).isZero();
    }

    @Test
    void anIocRemainderIsCancelledNotRested() {
        sell(1, ALICE, 100, 5);
        events.drain();
        book.submit(2, BOB, true, false, IOC, 100, 8, null);
        assertThat(events.drain()).containsExactly("trade 2x1 5@100", "cancelled 2 3 IOC_REMAINDER");
        assertThat(book.levels(true)).isZero();
    }

    @Test
    void aLimitThatDoesNotCrossRests() {
        sell(1, ALICE, 101, 5);
        events.drain();
        buy(2, BOB, 100, 5);
        assertThat(events.drain()).containsExactly("rested 2 5@100");
    }

    @Test
    void reducingQuantityKeepsPriorityIncreasingLosesIt() {
        sell(1, ALICE, 100, 10);
        sell(2, BOB, 100, 10);
        book.replace(1, 100, 6);
        assertThat(events.drain()).endsWith("replaced 1 6@100 kept");
        buy(3, CAROL, 100, 6);
        assertThat(events.drain()).containsExactly("trade 3x1 6@100");

        sell(4, ALICE, 100, 10);
        sell(5, BOB, 100, 10);
        events.drain();
        book.replace(2, 100, 15);
        assertThat(events.drain()).containsExactly("replaced 2 15@100 requeued", "rested 2 15@100");
        buy(6, CAROL, 100, 10);
        assertThat(events.drain()).as("order 2 went behind 4 and 5").containsExactly("trade 6x4 10@100");
    }

    @Test
    void aPriceChangeLosesPriorityAndMayTradeAtOnce() {
        sell(1, ALICE, 101, 10);
        buy(2, BOB, 99, 10);
        events.drain();
        book.replace(2, 101, 10);
        assertThat(events.drain()).containsExactly("replaced 2 10@101 requeued", "trade 2x1 10@101");
        assertThat(book.orderCount()).isZero();
    }

    @Test
    void aReplaceMustLeaveSomethingToFill() {
        sell(1, ALICE, 100, 10);
        buy(2, BOB, 100, 4);
        assertThat(book.replace(1, 100, 4)).isFalse();
        assertThat(book.replace(1, 100, 5)).isTrue();
        assertThat(book.order(1).leaves()).isEqualTo(1);
        assertThat(book.replace(99, 100, 5)).isFalse();
    }

    @Test
    void selfTradePreventionCancelsTheRestingOrder() {
        sell(1, ALICE, 100, 10);
        sell(2, BOB, 100, 10);
        events.drain();
        buy(3, ALICE, 100, 10);
        assertThat(events.drain()).containsExactly("cancelled 1 10 SELF_TRADE_PREVENTION", "trade 3x2 10@100");
    }

    @Test
    void cancelRemovesARestingOrderOnce() {
        sell(1, ALICE, 100, 10);
        events.drain();
        assertThat(book.cancel(1, CancelReason.REQUESTED)).isTrue();
        assertThat(events.drain()).containsExactly("cancelled 1 10 REQUESTED");
        assertThat(book.cancel(1, CancelReason.REQUESTED)).isFalse();
        assertThat(book.levels(false)).isZero();
    }

    @Test
    void dayOrdersExpireGoodTillCancelledOnesStay() {
        book.submit(1, ALICE, false, false, DAY, 100, 10, null);
        book.submit(2, ALICE, false, false, GTC, 101, 10, null);
        events.drain();
        book.expireDayOrders();
        assertThat(events.drain()).containsExactly("cancelled 1 10 EXPIRED");
        assertThat(book.orderCount()).isEqualTo(1);
    }

    @Test
    void restoredOrdersKeepTheirPriority() {
        OrderBook restored = new OrderBook(events);
        restored.restore(7, BOB, false, GTC, 100, 10, 0, 5, null);
        restored.restore(8, CAROL, false, GTC, 100, 10, 4, 9, null);
        events.drain();
        restored.submit(20, ALICE, true, false, DAY, 100, 12, null);
        assertThat(events.drain()).containsExactly("trade 20x7 10@100", "trade 20x8 2@100");
        assertThat(restored.order(8).filled()).isEqualTo(6);
        assertThat(restored.order(20)).isNull();
    }

    @Test
    void aDuplicateIdIsRefused() {
        sell(1, ALICE, 100, 10);
        assertThat(book.submit(1, BOB, false, false, DAY, 100, 10, null)).isFalse();
        assertThat(book.levelQuantity(false, 0)).isEqualTo(10);
    }

    private void buy(long id, int owner, long price, long quantity) {
        book.submit(id, owner, true, false, DAY, price, quantity, null);
    }

    private void sell(long id, int owner, long price, long quantity) {
        book.submit(id, owner, false, false, DAY, price, quantity, null);
    }
}
