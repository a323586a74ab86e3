package dev.tickflow.risk.topology;

/** The risk topology's stores; REST and tests read them by these names. */
public final class StoreNames {

    /** Per account: kill switch, open order count, recent order times. */
    public static final String ACCOUNTS = "risk-accounts";
    /** Per account and symbol ({@code account|symbol}): position, cost, realized P&amp;L, open quantities. */
    public static final String POSITIONS = "risk-positions";
    /** Per order id: accepted orders still working. */
    public static final String OPEN_ORDERS = "risk-open-orders";
    /** Global: limits by account (ref.limits). */
    public static final String LIMITS = "risk-limits";
    /** Global: each symbol's session with its last trade price (md.daily-stats). */
    public static final String PRICES = "risk-prices";
    /** Global: instruments (ref.instruments). */
    public static final String INSTRUMENTS = "risk-instruments";

    private StoreNames() {
    }

    public static String positionKey(String account, String symbol) {
        return account + "|" + symbol;
    }

    /** The prefix of every position key of an account. */
    public static String positionPrefix(String account) {
        return account + "|";
    }
}
