package dev.tickflow.matching.book;

/**
 * What the book tells its owner, synchronously, in order. Orders passed in are the book's pooled instances: read them
 * during the call, keep nothing.
 */
public interface BookListener {

    /** {@code aggressor} traded {@code quantity} at {@code price} (the resting order's price) with {@code resting}. */
    void onTrade(Order aggressor, Order resting, long price, long quantity);

    /** The order now rests in the book (a new order's remainder, or a replaced order at its new place). */
    void onRested(Order order);

    /** The order left the book (or never entered it) with {@code order.leaves()} unfilled. */
    void onCancelled(Order order, CancelReason reason);

    /** The order's price or quantity changed; {@code keptPriority} is false when it went to the back of its level. */
    void onReplaced(Order order, boolean keptPriority);
}
