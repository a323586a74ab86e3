package dev.tickflow.surveillance.topology;

/** The stores of the surveillance topology. */
public final class StoreNames {

    public static final String LOGINS = "surveillance-logins";
    public static final String ACCOUNTS = "surveillance-accounts";
    public static final String SYMBOLS = "surveillance-symbols";
    /** Writes the symbols' watches, kept in memory between ticks, to {@link #SYMBOLS} just before each commit. */
    public static final String SYMBOLS_COMMIT_HOOK = "surveillance-symbols-commit-hook";
    /** Last trades (md.daily-stats), for "away from the touch" and arrival prices. */
    public static final String LAST_TRADES = "surveillance-last-trades";
    /** Accounts (ref.accounts), for beneficial owners. */
    public static final String OWNERS = "surveillance-owners";
    /** When each owner last had a wash-trade alert per symbol (a window store: kept for one wash window). */
    public static final String WASH_ALERTED = "surveillance-wash-alerted";
    /** The first fill of each order, for the order-execution join (a window store: kept for twice the join window). */
    public static final String FIRST_FILLS = "surveillance-first-fill-marks";

    private StoreNames() {
    }
}
