package dev.tickflow.model.topic;

/**
 * Topic names as compile-time constants, for annotations ({@code @Incoming}, {@code @Channel}): a channel is named
 * after its topic. Everything else about a topic is in {@link Topics}.
 */
public final class TopicNames {

    public static final String MD_TICKS = "md.ticks";
    public static final String MD_TICKS_DLQ = "md.ticks.dlq";
    public static final String MD_BARS_1M = "md.bars.1m";
    public static final String MD_BARS_1M_LIVE = "md.bars.1m.live";
    public static final String MD_BARS_5M = "md.bars.5m";
    public static final String MD_BARS_1H = "md.bars.1h";
    public static final String MD_DAILY_STATS = "md.daily-stats";
    public static final String MD_MOVERS = "md.movers";
    public static final String MD_BOOK = "md.book";
    public static final String REF_INSTRUMENTS = "ref.instruments";
    public static final String REF_ACCOUNTS = "ref.accounts";
    public static final String REF_LIMITS = "ref.limits";
    public static final String REF_LOOKUP_REQUESTS = "ref.lookup.requests";
    public static final String REF_LOOKUP_REPLIES = "ref.lookup.replies";
    public static final String ORDERS_SUBMITTED = "orders.submitted";
    public static final String ORDERS_ACCEPTED = "orders.accepted";
    public static final String ORDERS_REJECTED = "orders.rejected";
    public static final String EXECUTIONS = "executions";
    public static final String AUTH_EVENTS = "auth.events";
    public static final String RISK_CONTROLS = "risk.controls";
    public static final String SIGNALS = "signals";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String STRATEGY_FEATURES = "strategy.features";
    public static final String STRATEGY_MODEL_WEIGHTS = "strategy.model.weights";
    public static final String ALERTS = "alerts";
    public static final String RISK_SNAPSHOTS = "risk.snapshots";
    public static final String MATCHING_SNAPSHOTS = "matching-engine.snapshots";

    /** Every record topic's dead-letter topic is named like this. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private TopicNames() {
    }
}
