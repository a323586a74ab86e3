package dev.tickflow.matching.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random order flows (submits of every kind, cancels, replaces) with invariants checked after every step: the book is
 * never crossed, every level's quantity is the sum of its orders, each trade moves the same quantity on both sides,
 * and for every order submitted = filled + cancelled + still resting.
 */
class OrderBookPropertiesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void randomFlowsKeepTheBookUncrossedAndConserveQuantity(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Ledger ledger = new Ledger();
        OrderBook book = new OrderBook(ledger);
        List<Long> live = new ArrayList<>();
        long nextId = 1;
        for (int step = 0; step < 5_000; step++) {
            int action = random.nextInt(100);
            if (action < 60 || live.isEmpty()) {
                long id = nextId++;
                boolean buy = random.nextBoolean();
                boolean market = random.nextInt(10) == 0;
                TimeInForce tif = TimeInForce.values()[random.nextInt(3)];
                long price = 1_000 + random.nextInt(-20, 21);
                long quantity = 1 + random.nextInt(100);
                ledger.submitted.put(id, quantity);
                book.submit(id, 1 + random.nextInt(5), buy, market, tif, price, quantity, null);
                if (book.order(id) != null) {
                    live.add(id);
                }
            } else if (action < 85) {
                long id = live.remove(random.nextInt(live.size()));
                book.cancel(id, CancelReason.REQUESTED);
            } else {
                long id = live.get(random.nextInt(live.size()));
                Order order = book.order(id);
                if (order != null) {
                    long before = order.quantity();
                    long quantity = order.filled() + 1 + random.nextInt(100);
                    if (book.replace(id, order.price() + random.nextInt(-3, 4), quantity)) {
                        ledger.submitted.merge(id, quantity - before, Long::sum);
                    }
                }
            }
            live.removeIf(id -> book.order(id) == null);
            assertInvariants(book, ledger, seed, step);
        }
    }

    private static void assertInvariants(OrderBook book, Ledger ledger, long seed, int step) {
        String where = "seed " + seed + " step " + step;
        if (book.levels(true) > 0 && book.levels(false) > 0) {
            assertThat(book.levelPrice(true, 0)).as(where + ": best bid below best ask").isLessThan(book.levelPrice(false, 0));
        }
        for (boolean bid : new boolean[] {true, false}) {
            for (int depth = 0; depth < book.levels(bid); depth++) {
                long price = book.levelPrice(bid, depth);
                long[] sum = {0};
                int[] count = {0};
                book.forEachOrder(order -> {
                    if (order.buy() == bid && order.price() == price) {
                        sum[0] += order.leaves();
                        count[0]++;
                    }
                });
                assertThat(book.levelQuantity(bid, depth)).as(where + ": level quantity").isEqualTo(sum[0]);
                assertThat(book.levelOrders(bid, depth)).as(where + ": level orders").isEqualTo(count[0]);
                if (depth > 0) {
                    long better = book.levelPrice(bid, depth - 1);
                    assertThat(bid ? better > price : better < price).as(where + ": levels sorted").isTrue();
                }
            }
        }
        Map<Long, Long> resting = new HashMap<>();
        book.forEachOrder(order -> resting.put(order.id(), order.leaves()));
        for (Map.Entry<Long, Long> entry : ledger.submitted.entrySet()) {
            long id = entry.getKey();
            long accounted = ledger.filled.getOrDefault(id, 0L) + ledger.cancelled.getOrDefault(id, 0L) + resting.getOrDefault(id, 0L);
            assertThat(accounted).as(where + ": order " + id + " quantity conserved").isEqualTo(entry.getValue());
        }
        assertThat(ledger.aggressorTraded).as(where + ": both sides of every trade").isEqualTo(ledger.restingTraded);
    }

    /** Tallies every quantity the book reports. */
    private static final class Ledger implements BookListener {
        final Map<Long, Long> submitted = new HashMap<>();
        final Map<Long, Long> filled = new HashMap<>();
        final Map<Long, Long> cancelled = new HashMap<>();
        long aggressorTraded;
        long restingTraded;

        @Override
        public void onTrade(Order aggressor, Order resting, long price, long quantity) {
            assertThat(aggressor.buy()).isNotEqualTo(resting.buy());
            assertThat(aggressor.owner()).isNotEqualTo(resting.owner());
            if (!aggressor.market()) {
                assertThat(aggressor.buy() ? aggressor.price() >= price : aggressor.price() <= price).isTrue();
            }
            filled.merge(aggressor.id(), quantity, Long::sum);
            filled.merge(resting.id(), quantity, Long::sum);
            aggressorTraded += quantity;
            restingTraded += quantity;
        }

        @Override
        public void onRested(Order order) {
            // resting quantity is read from the book
        }

        @Override
        public void onCancelled(Order order, CancelReason reason) {
            cancelled.merge(order.id(), order.leaves(), Long::sum);
        }

        @Override
        public void onReplaced(Order order, boolean keptPriority) {
            // the new total is added to the ledger by the test
        }
    }
}
