package dev.tickflow.matching.book;

import java.util.ArrayDeque;

/**
 * The levels of one side, sorted so that the best price is at the end of the arrays: the best level is found,
 * removed and replaced in constant time, and new levels near the top of the book (where most orders arrive) shift few
 * entries. Levels are pooled.
 */
final class BookSide {

    private final boolean bids;
    private long[] prices = new long[64];
    private Level[] levels = new Level[64];
    private int size;
    private final ArrayDeque<Level> pool = new ArrayDeque<>();

    BookSide(boolean bids) {
        this.bids = bids;
    }

    int size() {
        return size;
    }

    /** The best level, or null. */
    Level best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The level {@code depth} places from the best (0 is the best), or null. */
    Level level(int depth) {
        return depth < size ? levels[size - 1 - depth] : null;
    }

    /** True when an order at {@code price} on the other side would trade with this side's best. */
    boolean crosses(long price) {
        if (size == 0) {
            return false;
        }
        long best = prices[size - 1];
        return bids ? price <= best : price >= best;
    }

    Level levelFor(long price) {
        int index = search(price);
        if (index >= 0) {
            return levels[index];
        }
        int insert = -index - 1;
        if (size == prices.length) {
            prices = java.util.Arrays.copyOf(prices, size * 2);
            levels = java.util.Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(prices, insert, prices, insert + 1, size - insert);
        System.arraycopy(levels, insert, levels, insert + 1, size - insert);
        Level level = pool.isEmpty() ? new Level() : pool.pop();
        level.price = price;
        prices[insert] = price;
        levels[insert] = level;
        size++;
        return level;
    }

    void removeIfEmpty(Level level) {
        if (!level.empty()) {
            return;
        }
        int index = search(level.price);
        System.arraycopy(prices, index + 1, prices, index, size - index - 1);
        System.arraycopy(levels, index + 1, levels, index, size - index - 1);
        size--;
        levels[size] = null;
        level.clear();
        pool.push(level);
    }

    /** Binary search in the side's order: bids ascending, asks descending, so the best is always last. */
    private int search(long price) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long value = prices[middle];
            int order = bids ? Long.compare(value, price) : Long.compare(price, value);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
