package dev.tickflow.matching.book;

/** Why an order left the book without filling completely. */
public enum CancelReason {
    /** The owner asked. */
    REQUESTED,
    /** Immediate-or-cancel: what did not trade at once. */
    IOC_REMAINDER,
    /** A market order found no more liquidity. */
    NO_LIQUIDITY,
    /** An incoming order of the same owner would have traded with it: the resting order is cancelled. */
    SELF_TRADE_PREVENTION,
    /** A DAY order at the end of the session. */
    EXPIRED
}
