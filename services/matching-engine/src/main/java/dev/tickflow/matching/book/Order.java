package dev.tickflow.matching.book;

/**
 * An order inside the book. Instances belong to the book's pool and are reused once an order leaves the book: a
 * listener must copy what it needs during the callback and keep no reference.
 */
public final class Order {

    long id;
    int owner;
    boolean buy;
    boolean market;
    TimeInForce timeInForce;
    long price;
    long quantity;
    long leaves;
    long filled;
    long sequence;
    Object attachment;

    Order previous;
    Order next;
    Level level;

    public long id() {
        return id;
    }

    /** Whose order it is; orders of the same owner never trade with each other. */
    public int owner() {
        return owner;
    }

    public boolean buy() {
        return buy;
    }

    public boolean market() {
        return market;
    }

    public TimeInForce timeInForce() {
        return timeInForce;
    }

    /** Limit price in micro-units; meaningless for market orders. */
    public long price() {
        return price;
    }

    /** Total quantity (after any replace). */
    public long quantity() {
        return quantity;
    }

    public long leaves() {
        return leaves;
    }

    public long filled() {
        return filled;
    }

    /** Time priority: lower trades first at the same price. */
    public long sequence() {
        return sequence;
    }

    /** Whatever the caller attached at submission (its own order record). */
    public Object attachment() {
        return attachment;
    }

    public boolean resting() {
        return level != null;
    }

    void clear() {
        id = 0;
        owner = 0;
        buy = false;
        market = false;
        timeInForce = null;
        price = 0;
        quantity = 0;
        leaves = 0;
        filled = 0;
        sequence = 0;
        attachment = null;
        previous = null;
        next = null;
        level = null;
    }
}
