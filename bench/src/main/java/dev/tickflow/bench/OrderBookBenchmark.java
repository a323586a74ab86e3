package dev.tickflow.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.tickflow.matching.book.BookListener;
import dev.tickflow.matching.book.CancelReason;
import dev.tickflow.matching.book.Order;
import dev.tickflow.matching.book.OrderBook;
import dev.tickflow.matching.book.TimeInForce;
import dev.tickflow.model.FixedPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matching engine's order book alone, on one thread: a scripted mix of 70 % limit orders priced within ten levels of
 * the touch (about a third of them cross and trade), 20 % cancels of resting orders and 10 % market orders. The script is made once,
 * by running it through a book, so that every cancel names an order resting at that moment; each invocation replays it
 * on a fresh book. The listener only counts, so this is the book's cost without the engine's reporting.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OrderBookBenchmark {

    static final int OPERATIONS = 200_000;
    private static final byte LIMIT = 0;
    private static final byte CANCEL = 1;
    private static final byte MARKET = 2;
    private static final long TICK = 10_000L;
    private static final long MID = 100_000_000L;
    private static final int DEPTH = 1_000;

    private final byte[] kind = new byte[OPERATIONS];
    private final long[] id = new long[OPERATIONS];
    private final int[] owner = new int[OPERATIONS];
    private final boolean[] buy = new boolean[OPERATIONS];
    private final long[] price = new long[OPERATIONS];
    private final long[] quantity = new long[OPERATIONS];
    private final CountingListener listener = new CountingListener();

    @Setup
    public void script() {
        LiveOrders live = new LiveOrders(OPERATIONS);
        OrderBook book = new OrderBook(live);
        SplittableRandom random = new SplittableRandom(42);
        long nextId = 1;
        for (int i = 0; i < OPERATIONS; i++) {
            int draw = random.nextInt(100);
            owner[i] = random.nextInt(50);
            buy[i] = random.nextBoolean();
            if (draw < 20 && live.size() > 0) {
                kind[i] = CANCEL;
                id[i] = live.pick(random);
                book.cancel(id[i], CancelReason.REQUESTED);
                continue;
            }
            id[i] = nextId++;
            if (draw >= 90) {
                kind[i] = MARKET;
                quantity[i] = 100L * (1 + random.nextInt(5));
                book.submit(id[i], owner[i], buy[i], true, TimeInForce.IOC, 0, quantity[i], null);
            } else {
                // within ten levels of the opposite touch: three or four in ten at or through it (they trade), the rest
                // behind it (they rest). A 70/20/10 mix with a fixed share of marketable orders either grows the book
                // without end or empties it; steering that share by depth holds the book near DEPTH resting orders.
                kind[i] = LIMIT;
                long touch = book.levels(!buy[i]) > 0 ? book.levelPrice(!buy[i], 0) : MID;
                int marketable = book.orderCount() < DEPTH ? 3 : 4;
                long offset = (marketable - 1 - random.nextInt(10)) * TICK;
                price[i] = buy[i] ? touch + offset : touch - offset;
                quantity[i] = 100L * (1 + random.nextInt(10));
                book.submit(id[i], owner[i], buy[i], false, TimeInForce.GTC, price[i], quantity[i], null);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public long mix() {
        OrderBook book = new OrderBook(listener);
        for (int i = 0; i < OPERATIONS; i++) {
            switch (kind[i]) {
                case LIMIT -> book.submit(id[i], owner[i], buy[i], false, TimeInForce.GTC, price[i], quantity[i], null);
                case MARKET -> book.submit(id[i], owner[i], buy[i], true, TimeInForce.IOC, 0, quantity[i], null);
                default -> book.cancel(id[i], CancelReason.REQUESTED);
            }
        }
        return listener.events + book.orderCount();
    }

    /** What the script does to a book, for the record beside the figure. */
    public static void main(String[] args) {
        OrderBookBenchmark benchmark = new OrderBookBenchmark();
        benchmark.script();
        OrderBook book = new OrderBook(benchmark.listener);
        int limits = 0;
        int cancels = 0;
        int markets = 0;
        long restingSum = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            switch (benchmark.kind[i]) {
                case LIMIT -> {
                    limits++;
                    book.submit(benchmark.id[i], benchmark.owner[i], benchmark.buy[i], false, TimeInForce.GTC, benchmark.price[i],
                            benchmark.quantity[i], null);
                }
                case MARKET -> {
                    markets++;
                    book.submit(benchmark.id[i], benchmark.owner[i], benchmark.buy[i], true, TimeInForce.IOC, 0,
                            benchmark.quantity[i], null);
                }
                default -> {
                    cancels++;
                    book.cancel(benchmark.id[i], CancelReason.REQUESTED);
                }
            }
            restingSum += book.orderCount();
        }
        BenchSupport.OUT.printf("%,d operations: %,d limit, %,d cancel, %,d market; %,d trades; resting orders on average %,d,"
                + " at the end %,d (%d bid levels, %d ask levels, touch %s / %s)%n", OPERATIONS, limits, cancels, markets,
                benchmark.listener.trades, restingSum / OPERATIONS, book.orderCount(), book.levels(true), book.levels(false),
                FixedPoint.format(book.levelPrice(true, 0)), FixedPoint.format(book.levelPrice(false, 0)));
    }

    /** Counts what the book reports, so that nothing it does is dead code to the JIT. */
    private static final class CountingListener implements BookListener {
        long events;
        long trades;

        @Override
        public void onTrade(Order aggressor, Order resting, long tradePrice, long tradeQuantity) {
            events++;
            trades++;
        }

        @Override
        public void onRested(Order order) {
            events++;
        }

        @Override
        public void onCancelled(Order order, CancelReason reason) {
            events++;
        }

        @Override
        public void onReplaced(Order order, boolean keptPriority) {
            events++;
        }
    }

    /** The ids resting in the book while the script is made, to cancel one at random. */
    private static final class LiveOrders implements BookListener {
        private final long[] ids;
        private final java.util.HashMap<Long, Integer> slots = new java.util.HashMap<>();
        private int size;

        LiveOrders(int capacity) {
            ids = new long[capacity];
        }

        int size() {
            return size;
        }

        long pick(SplittableRandom random) {
            return ids[random.nextInt(size)];
        }

        @Override
        public void onTrade(Order aggressor, Order resting, long tradePrice, long tradeQuantity) {
            if (resting.leaves() == 0) {
                remove(resting.id());
            }
        }

        @Override
        public void onRested(Order order) {
            slots.put(order.id(), size);
            ids[size++] = order.id();
        }

        @Override
        public void onCancelled(Order order, CancelReason reason) {
            remove(order.id());
        }

        @Override
        public void onReplaced(Order order, boolean keptPriority) {
            // the script replaces nothing
        }

        private void remove(long orderId) {
            Integer slot = slots.remove(orderId);
            if (slot == null) {
                return;
            }
            long last = ids[--size];
            if (slot < size) {
                ids[slot] = last;
                slots.put(last, slot);
            }
        }
    }
}
