package dev.tickflow.matching.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.matching.book.OrderBook;
import dev.tickflow.model.BookLevel;

/**
 * One symbol's book with the engine's bookkeeping around it: order ids, the counters ids derive from, the session its
 * DAY orders belong to and the top levels last published (so that a restored book publishes the same deltas).
 */
public final class SymbolBook {

    static final int DEPTH = 10;

    final String symbol;
    final OrderBook book;
    final Map<String, OrderMeta> ordersById = new HashMap<>();
    /** Commands processed; execution ids are symbol-sequence-n. */
    long commandSequence;
    long nextBookId;
    long bookUpdateSequence;
    /** Trading day of the DAY orders resting now. */
    String sessionDate;
    final long[][] published = new long[4][DEPTH];
    final int[][] publishedOrders = new int[2][DEPTH];
    boolean snapshotPublished;

    /** The book itself, for reading its levels (between two commands, on the engine's lock). */
    public OrderBook book() {
        return book;
    }

    SymbolBook(String symbol, OrderBook book, String sessionDate) {
        this.symbol = symbol;
        this.book = book;
        this.sessionDate = sessionDate;
    }

    /**
     * The levels among the top {@link #DEPTH} of each side that changed since the last call (quantity 0 for a level that
     * went away), or null when nothing changed. The first call for a new book returns the whole top as a snapshot.
     */
    Levels changedLevels() {
        List<BookLevel> bids = new ArrayList<>();
        List<BookLevel> asks = new ArrayList<>();
        boolean snapshot = !snapshotPublished;
        diff(true, bids, snapshot);
        diff(false, asks, snapshot);
        snapshotPublished = true;
        if (!snapshot && bids.isEmpty() && asks.isEmpty()) {
            return null;
        }
        return new Levels(snapshot, bids, asks);
    }

    /** Changed levels of both sides. */
    record Levels(boolean snapshot, List<BookLevel> bids, List<BookLevel> asks) {
    }

    private void diff(boolean bid, List<BookLevel> changes, boolean snapshot) {
        int side = bid ? 0 : 1;
        long[] oldPrices = published[side * 2];
        long[] oldQuantities = published[side * 2 + 1];
        int[] oldOrders = publishedOrders[side];
        long[] newPrices = new long[DEPTH];
        long[] newQuantities = new long[DEPTH];
        int[] newOrders = new int[DEPTH];
        for (int depth = 0; depth < DEPTH; depth++) {
            newPrices[depth] = book.levelPrice(bid, depth);
            newQuantities[depth] = book.levelQuantity(bid, depth);
            newOrders[depth] = book.levelOrders(bid, depth);
        }
        for (int depth = 0; depth < DEPTH && newPrices[depth] != 0; depth++) {
            int before = indexOf(oldPrices, newPrices[depth]);
            boolean same = before >= 0 && oldQuantities[before] == newQuantities[depth] && oldOrders[before] == newOrders[depth];
            if (snapshot || !same) {
                changes.add(new BookLevel(newPrices[depth], newQuantities[depth], newOrders[depth]));
            }
        }
        if (!snapshot) {
            for (int depth = 0; depth < DEPTH && oldPrices[depth] != 0; depth++) {
                if (indexOf(newPrices, oldPrices[depth]) < 0) {
                    changes.add(new BookLevel(oldPrices[depth], 0L, 0));
                }
            }
        }
        System.arraycopy(newPrices, 0, oldPrices, 0, DEPTH);
        System.arraycopy(newQuantities, 0, oldQuantities, 0, DEPTH);
        System.arraycopy(newOrders, 0, oldOrders, 0, DEPTH);
    }

    private static int indexOf(long[] prices, long price) {
        for (int i = 0; i < prices.length && prices[i] != 0; i++) {
            if (prices[i] == price) {
                return i;
            }
        }
        return -1;
    }
}
