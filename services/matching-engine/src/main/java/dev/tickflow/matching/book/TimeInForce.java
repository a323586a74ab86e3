package dev.tickflow.matching.book;

/** How long an order may rest. */
public enum TimeInForce {
    /** Rests until the session ends. */
    DAY,
    /** Trades what it can at once; the rest is cancelled. */
    IOC,
    /** Rests until cancelled. */
    GTC
}
