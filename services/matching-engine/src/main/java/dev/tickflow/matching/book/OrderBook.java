package dev.tickflow.matching.book;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A limit order book for one instrument with price-time priority. Single-threaded and allocation-free in steady state
 * (orders and levels are pooled; order ids map to orders through a primitive hash map). Everything that happens is
 * reported, in order, to the {@link BookListener}.
 *
 * <ul>
 * <li>An incoming order trades against the best opposite levels while it crosses, at the resting orders' prices,
 * oldest first.</li>
 * <li>A resting order of the same owner that an incoming order would trade with is cancelled instead
 * (self-trade prevention, cancel resting).</li>
 * <li>A market order trades what the book holds and is never rested; IOC limit orders likewise. DAY and GTC
 * remainders rest.</li>
 * <li>Replace: a new price or a larger quantity sends the order to the back of the queue (and it may trade at once at
 * a crossing price); a smaller quantity at the same price keeps its place.</li>
 * </ul>
 */
public final class OrderBook {

    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);
    private final LongObjectMap<Order> orders = new LongObjectMap<>(1024);
    private final ArrayDeque<Order> pool = new ArrayDeque<>();
    private final BookListener listener;
    private long nextSequence = 1;

    public OrderBook(BookListener listener) {
        this.listener = listener;
    }

    /**
     * Submits a new order.
     *
     * @param price limit price in micro-units (ignored for market orders)
     * @return false if an order with this id is already in the book (nothing happens then)
     */
    public boolean submit(long id, int owner, boolean buy, boolean market, TimeInForce timeInForce, long price, long quantity,
            Object attachment) {
        if (id <= 0 || quantity <= 0) {
            throw new IllegalArgumentException("order id and quantity must be positive");
        }
        if (orders.get(id) != null) {
            return false;
        }
        Order order = pool.isEmpty() ? new Order() : pool.pop();
        order.id = id;
        order.owner = owner;
        order.buy = buy;
        order.market = market;
        order.timeInForce = timeInForce;
        order.price = price;
        order.quantity = quantity;
        order.leaves = quantity;
        order.filled = 0;
        order.sequence = nextSequence++;
        order.attachment = attachment;
        matchAndRest(order);
        return true;
    }

    /** Cancels a resting order; false if it is not in the book. */
    public boolean cancel(long id, CancelReason reason) {
        Order order = orders.get(id);
        if (order == null) {
            return false;
        }
        unlink(order);
        listener.onCancelled(order, reason);
        release(order);
        return true;
    }

    /**
     * Changes a resting order's price and total quantity.
     *
     * @param quantity the new total quantity; must exceed what is already filled
     * @return false if the order is not in the book or the quantity is not above the filled quantity
     */
    public boolean replace(long id, long price, long quantity) {
        Order order = orders.get(id);
        if (order == null || quantity <= order.filled) {
            return false;
        }
        if (price == order.price && quantity <= order.quantity) {
            long reduction = order.quantity - quantity;
            order.quantity = quantity;
            order.leaves -= reduction;
            order.level.quantity -= reduction;
            listener.onReplaced(order, true);
            return true;
        }
        unlink(order);
        order.price = price;
        order.quantity = quantity;
        order.leaves = quantity - order.filled;
        order.sequence = nextSequence++;
        listener.onReplaced(order, false);
        matchAndRest(order);
        return true;
    }

    /** Ends the session: every DAY order expires. */
    public void expireDayOrders() {
        java.util.List<Order> expiring = new java.util.ArrayList<>();
        forEachOrder(order -> {
            if (order.timeInForce == TimeInForce.DAY) {
                expiring.add(order);
            }
        });
        for (Order order : expiring) {
            cancel(order.id, CancelReason.EXPIRED);
        }
    }

    /**
     * Puts an order back exactly as it was (recovery): no matching, no events, its original sequence. Orders must be
     * restored in sequence order within each price level.
     */
    public void restore(long id, int owner, boolean buy, TimeInForce timeInForce, long price, long quantity, long filled,
            long sequence, Object attachment) {
        Order order = pool.isEmpty() ? new Order() : pool.pop();
        order.id = id;
        order.owner = owner;
        order.buy = buy;
        order.market = false;
        order.timeInForce = timeInForce;
        order.price = price;
        order.quantity = quantity;
        order.filled = filled;
        order.leaves = quantity - filled;
        order.sequence = sequence;
        order.attachment = attachment;
        (buy ? bids : asks).levelFor(price).append(order);
        orders.put(id, order);
        nextSequence = Math.max(nextSequence, sequence + 1);
    }

    /** The sequence the next order (or requeued order) will get; part of the book's state. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Sets the next sequence after a restore, so that a rebuilt book is the same book. */
    public void nextSequence(long sequence) {
        nextSequence = sequence;
    }

    public Order order(long id) {
        return orders.get(id);
    }

    public int orderCount() {
        return orders.size();
    }

    /** The level {@code depth} places from the best (0 = best) on a side, or null past the last. */
    public long levelPrice(boolean bid, int depth) {
        Level level = (bid ? bids : asks).level(depth);
        return level == null ? 0 : level.price;
    }

    public long levelQuantity(boolean bid, int depth) {
        Level level = (bid ? bids : asks).level(depth);
        return level == null ? 0 : level.quantity;
    }

    public int levelOrders(boolean bid, int depth) {
        Level level = (bid ? bids : asks).level(depth);
        return level == null ? 0 : level.orders;
    }

    public int levels(boolean bid) {
        return (bid ? bids : asks).size();
    }

    /** Every resting order, best levels first, oldest first within a level. */
    public void forEachOrder(Consumer<Order> action) {
        for (BookSide side : new BookSide[] {bids, asks}) {
            for (int depth = 0; depth < side.size(); depth++) {
                for (Order order = side.level(depth).head; order != null; order = order.next) {
                    action.accept(order);
                }
            }
        }
    }

    private void matchAndRest(Order order) {
        BookSide opposite = order.buy ? asks : bids;
        while (order.leaves > 0) {
            Level level = opposite.best();
            if (level == null || !order.market && !opposite.crosses(order.price)) {
                break;
            }
            Order resting = level.head;
            while (resting != null && order.leaves > 0) {
                Order next = resting.next;
                if (resting.owner == order.owner) {
                    level.remove(resting);
                    orders.remove(resting.id);
                    listener.onCancelled(resting, CancelReason.SELF_TRADE_PREVENTION);
                    release(resting);
                } else {
                    long quantity = Math.min(order.leaves, resting.leaves);
                    order.leaves -= quantity;
                    order.filled += quantity;
                    resting.leaves -= quantity;
                    resting.filled += quantity;
                    level.quantity -= quantity;
                    listener.onTrade(order, resting, resting.price, quantity);
                    if (resting.leaves == 0) {
                        level.remove(resting);
                        orders.remove(resting.id);
                        release(resting);
                    }
                }
                resting = next;
            }
            opposite.removeIfEmpty(level);
        }
        if (order.leaves == 0) {
            release(order);
        } else if (order.market) {
            listener.onCancelled(order, CancelReason.NO_LIQUIDITY);
            release(order);
        } else if (order.timeInForce == TimeInForce.IOC) {
            listener.onCancelled(order, CancelReason.IOC_REMAINDER);
            release(order);
        } else {
            (order.buy ? bids : asks).levelFor(order.price).append(order);
            orders.put(order.id, order);
            listener.onRested(order);
        }
    }

    private void unlink(Order order) {
        Level level = order.level;
        level.remove(order);
        (order.buy ? bids : asks).removeIfEmpty(level);
        orders.remove(order.id);
    }

    private void release(Order order) {
        order.clear();
        pool.push(order);
    }
}
