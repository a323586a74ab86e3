package dev.tickflow.strategy.topology;

/** The stores of the strategy topology, queried over REST. */
public final class StoreNames {

    /** Per symbol: recent bars, the book's top, the model and its scorecard. */
    public static final String SYMBOLS = "strategy-symbols";
    /** Per symbol: the book's quantities at recent minute boundaries, for point-in-time features. */
    public static final String BOOK_MARKS = "strategy-book-marks";
    /** Warm-start weights from strategy.model.weights, by symbol (and * for all). */
    public static final String WARM_WEIGHTS = "strategy-warm-weights";
    public static final String ANY_SYMBOL = "*";

    private StoreNames() {
    }
}
