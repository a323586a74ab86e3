package dev.tickflow.matching.engine;

/** The matching engine's stores. */
public final class StoreNames {

    /** Resting orders by {@code symbol|orderId}: the books are rebuilt from it, GET /books reads it. */
    public static final String RESTING_ORDERS = "resting-orders";
    /** Per symbol: sequences and the trading day. */
    public static final String SYMBOLS = "engine-symbols";

    private StoreNames() {
    }

    /** Every resting order of a symbol has a key starting with this. */
    public static String symbolPrefix(String symbol) {
        return symbol + "|";
    }
}
