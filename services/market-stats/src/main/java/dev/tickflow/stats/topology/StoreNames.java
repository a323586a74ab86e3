package dev.tickflow.stats.topology;

/** The queryable stores of the topology; REST and tests read them by these names. */
public final class StoreNames {

    /** 1-minute bars by symbol and window, open and closed. */
    public static final String BARS_1M = "bars-1m";
    public static final String BARS_5M = "bars-5m";
    public static final String BARS_1H = "bars-1h";
    /** Session statistics and the latest trade (by event time) by symbol. */
    public static final String DAILY_STATS = "daily-stats";
    /** Indicator state by symbol. */
    public static final String INDICATORS = "indicators";
    /** In the ranking task: every symbol's latest session. */
    public static final String MOVERS_SESSIONS = "movers-sessions";
    /** In the ranking task: the latest ranking, under {@link #MOVERS_KEY}. */
    public static final String MOVERS = "movers";
    public static final String MOVERS_KEY = "all";
    /** Not a store of data: tells the tick aggregator that its task is about to commit. */
    public static final String TICKS_COMMIT_HOOK = "ticks-commit-hook";
    /** Reference data, global: every instance holds every instrument. */
    public static final String INSTRUMENTS = "instruments";

    private StoreNames() {
    }
}
