package dev.tickflow.model.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tickflow.model.Account;
import dev.tickflow.model.Alert;
import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.Bar;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.Features;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupRequest;
import dev.tickflow.model.ModelWeights;
import dev.tickflow.model.Movers;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Signal;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.serde.RecordTypes;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topic catalogue: the single source of truth for topic names, keys, value types, partition counts and retention.
 * Every record topic has a dead-letter topic named {@code <topic>.dlq} (raw bytes, the reason in headers).
 *
 * <p>Partition counts are the unit of parallelism: six for the busy symbol- and account-keyed streams, so up to six
 * instances of a consumer share the work. Topics joined with each other have equal counts (co-partitioning).
 */
public final class Topics {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final int BUSY = 6;
    private static final int QUIET = 3;

    public static final TopicSpec<Tick> MD_TICKS = record(TopicNames.MD_TICKS, KeyKind.SYMBOL, RecordTypes.TICK, BUSY,
            CleanupPolicy.DELETE, DAY.multipliedBy(3), "trades from feeds and from the matching engine");
    public static final TopicSpec<Bar> MD_BARS_1M = record(TopicNames.MD_BARS_1M, KeyKind.SYMBOL, RecordTypes.BAR, BUSY,
            CleanupPolicy.DELETE, DAY.multipliedBy(7), "final 1-minute bars, once per window");
    public static final TopicSpec<Bar> MD_BARS_1M_LIVE = record(TopicNames.MD_BARS_1M_LIVE, KeyKind.SYMBOL, RecordTypes.BAR, BUSY,
            CleanupPolicy.DELETE, HOUR.multipliedBy(6), "1-minute bars as they change, for screens");
    public static final TopicSpec<Bar> MD_BARS_5M = record(TopicNames.MD_BARS_5M, KeyKind.SYMBOL, RecordTypes.BAR, BUSY,
            CleanupPolicy.DELETE, DAY.multipliedBy(30), "final 5-minute bars");
    public static final TopicSpec<Bar> MD_BARS_1H = record(TopicNames.MD_BARS_1H, KeyKind.SYMBOL, RecordTypes.BAR, BUSY,
            CleanupPolicy.DELETE, DAY.multipliedBy(365), "final 1-hour bars");
    public static final TopicSpec<DailyStats> MD_DAILY_STATS = record(TopicNames.MD_DAILY_STATS, KeyKind.SYMBOL,
            RecordTypes.DAILY_STATS, BUSY, CleanupPolicy.COMPACT, DAY, "latest session statistics per symbol");
    public static final TopicSpec<Movers> MD_MOVERS = record(TopicNames.MD_MOVERS, KeyKind.CONSTANT, RecordTypes.MOVERS, 1,
            CleanupPolicy.COMPACT, DAY, "top gainers and losers");
    public static final TopicSpec<BookUpdate> MD_BOOK = record(TopicNames.MD_BOOK, KeyKind.SYMBOL, RecordTypes.BOOK_UPDATE, BUSY,
            CleanupPolicy.DELETE, DAY, "L2 top-of-book changes");

    public static final TopicSpec<Instrument> REF_INSTRUMENTS = record(TopicNames.REF_INSTRUMENTS, KeyKind.SYMBOL,
            RecordTypes.INSTRUMENT, QUIET, CleanupPolicy.COMPACT, DAY, "instrument definitions");
    public static final TopicSpec<Account> REF_ACCOUNTS = record(TopicNames.REF_ACCOUNTS, KeyKind.ACCOUNT, RecordTypes.ACCOUNT,
            QUIET, CleanupPolicy.COMPACT, DAY, "accounts and their token hashes");
    public static final TopicSpec<RiskLimits> REF_LIMITS = record(TopicNames.REF_LIMITS, KeyKind.ACCOUNT, RecordTypes.RISK_LIMITS,
            QUIET, CleanupPolicy.COMPACT, DAY, "pre-trade limits per account");
    public static final TopicSpec<LookupRequest> REF_LOOKUP_REQUESTS = record(TopicNames.REF_LOOKUP_REQUESTS,
            KeyKind.CORRELATION_ID, RecordTypes.LOOKUP_REQUEST, QUIET, CleanupPolicy.DELETE, HOUR, "reference lookups");
    public static final TopicSpec<LookupReply> REF_LOOKUP_REPLIES = record(TopicNames.REF_LOOKUP_REPLIES, KeyKind.CORRELATION_ID,
            RecordTypes.LOOKUP_REPLY, QUIET, CleanupPolicy.DELETE, HOUR, "answers to reference lookups");

    public static final TopicSpec<OrderCommand> ORDERS_SUBMITTED = record(TopicNames.ORDERS_SUBMITTED, KeyKind.ACCOUNT,
            RecordTypes.ORDER_COMMAND, BUSY, CleanupPolicy.DELETE, DAY.multipliedBy(7), "order commands as entered");
    public static final TopicSpec<OrderCommand> ORDERS_ACCEPTED = record(TopicNames.ORDERS_ACCEPTED, KeyKind.SYMBOL,
            RecordTypes.ORDER_COMMAND, BUSY, CleanupPolicy.DELETE, DAY.multipliedBy(7),
            "commands that passed pre-trade risk, re-keyed by symbol for the matching engine");
    public static final TopicSpec<OrderRejected> ORDERS_REJECTED = record(TopicNames.ORDERS_REJECTED, KeyKind.ACCOUNT,
            RecordTypes.ORDER_REJECTED, BUSY, CleanupPolicy.DELETE, DAY.multipliedBy(7), "refused commands with the reason");
    public static final TopicSpec<ExecutionReport> EXECUTIONS = record(TopicNames.EXECUTIONS, KeyKind.ACCOUNT,
            RecordTypes.EXECUTION_REPORT, BUSY, CleanupPolicy.DELETE, DAY.multipliedBy(30), "execution reports, both sides");
    public static final TopicSpec<AuthEvent> AUTH_EVENTS = record(TopicNames.AUTH_EVENTS, KeyKind.ACCOUNT, RecordTypes.AUTH_EVENT,
            QUIET, CleanupPolicy.DELETE, DAY.multipliedBy(30), "authentication successes and failures");

    public static final TopicSpec<RiskControl> RISK_CONTROLS = record(TopicNames.RISK_CONTROLS, KeyKind.ACCOUNT,
            RecordTypes.RISK_CONTROL, BUSY, CleanupPolicy.COMPACT, DAY.multipliedBy(30),
            "kill switch per account; co-partitioned with the orders risk checks");

    public static final TopicSpec<Signal> SIGNALS = record(TopicNames.SIGNALS, KeyKind.SYMBOL, RecordTypes.SIGNAL, QUIET,
            CleanupPolicy.DELETE, DAY.multipliedBy(7), "rule signals on closed bars");
    public static final TopicSpec<Recommendation> RECOMMENDATIONS = record(TopicNames.RECOMMENDATIONS, KeyKind.SYMBOL,
            RecordTypes.RECOMMENDATION, QUIET, CleanupPolicy.DELETE, DAY.multipliedBy(7), "buy/sell/hold per symbol");
    public static final TopicSpec<Features> STRATEGY_FEATURES = record(TopicNames.STRATEGY_FEATURES, KeyKind.SYMBOL,
            RecordTypes.FEATURES, BUSY, CleanupPolicy.DELETE, DAY.multipliedBy(7), "per-symbol features at each closed bar");
    public static final TopicSpec<ModelWeights> STRATEGY_MODEL_WEIGHTS = record(TopicNames.STRATEGY_MODEL_WEIGHTS, KeyKind.SYMBOL,
            RecordTypes.MODEL_WEIGHTS, QUIET, CleanupPolicy.COMPACT, DAY.multipliedBy(30), "warm-start weights of the direction model");
    public static final TopicSpec<Alert> ALERTS = record(TopicNames.ALERTS, KeyKind.ACCOUNT, RecordTypes.ALERT, QUIET,
            CleanupPolicy.DELETE, DAY.multipliedBy(90), "surveillance alerts with evidence");

    /**
     * The snapshots of the sequenced services (risk, the matching engine): one partition per partition group of their
     * inputs, compacted, so a restarted or moved group starts from its latest state and replays only what followed.
     */
    public static final TopicSpec<SpecificRecord> RISK_SNAPSHOTS = snapshots(TopicNames.RISK_SNAPSHOTS, ORDERS_SUBMITTED.partitions(),
            "risk's state per account partition");
    public static final TopicSpec<SpecificRecord> MATCHING_SNAPSHOTS = snapshots(TopicNames.MATCHING_SNAPSHOTS,
            ORDERS_ACCEPTED.partitions(), "the matching engine's books per symbol partition");

    private static final List<TopicSpec<?>> RECORD_TOPICS = List.of(MD_TICKS, MD_BARS_1M, MD_BARS_1M_LIVE, MD_BARS_5M,
            MD_BARS_1H, MD_DAILY_STATS, MD_MOVERS, MD_BOOK, REF_INSTRUMENTS, REF_ACCOUNTS, REF_LIMITS, REF_LOOKUP_REQUESTS,
            REF_LOOKUP_REPLIES, ORDERS_SUBMITTED, ORDERS_ACCEPTED, ORDERS_REJECTED, EXECUTIONS, AUTH_EVENTS, RISK_CONTROLS, SIGNALS,
            RECOMMENDATIONS, STRATEGY_FEATURES, STRATEGY_MODEL_WEIGHTS, ALERTS);

    private static final List<TopicSpec<?>> ALL = withSnapshotTopics(withDeadLetterTopics(RECORD_TOPICS));
    private static final Map<String, TopicSpec<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(TopicSpec::name, Function.identity()));

    /** The dead-letter topic of md.ticks: market-feed's rejected input. */
    public static final TopicSpec<?> MD_TICKS_DLQ = BY_NAME.get(MD_TICKS.deadLetterTopic());

    private Topics() {
    }

    /** Every topic, record topics first, then their dead-letter topics, then the snapshot topics. */
    public static List<TopicSpec<?>> all() {
        return ALL;
    }

    /** The largest partition count in the catalogue: a limit of this much leaves every topic as catalogued. */
    public static int mostPartitions() {
        return ALL.stream().mapToInt(TopicSpec::partitions).max().orElseThrow();
    }

    public static Optional<TopicSpec<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static TopicSpec<?> byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no topic " + name + " in the catalogue"));
    }

    private static <V extends SpecificRecord> TopicSpec<V> record(String name, KeyKind key, RecordType<V> valueType,
            int partitions, CleanupPolicy cleanup, Duration retention, String description) {
        return new TopicSpec<>(name, key, valueType, partitions, cleanup, retention, name + TopicNames.DEAD_LETTER_SUFFIX, description);
    }

    private static TopicSpec<SpecificRecord> snapshots(String name, int partitions, String description) {
        return new TopicSpec<>(name, KeyKind.PARTITION_GROUP, null, partitions, CleanupPolicy.COMPACT, DAY, null, description);
    }

    private static List<TopicSpec<?>> withSnapshotTopics(List<TopicSpec<?>> topics) {
        List<TopicSpec<?>> all = new ArrayList<>(topics);
        all.add(RISK_SNAPSHOTS);
        all.add(MATCHING_SNAPSHOTS);
        return List.copyOf(all);
    }

    private static List<TopicSpec<?>> withDeadLetterTopics(List<TopicSpec<?>> recordTopics) {
        List<TopicSpec<?>> all = new ArrayList<>(recordTopics);
        for (TopicSpec<?> topic : recordTopics) {
            all.add(new TopicSpec<SpecificRecord>(topic.deadLetterTopic(), KeyKind.ORIGINAL, null, 1, CleanupPolicy.DELETE,
                    DAY.multipliedBy(14), null, "records of " + topic.name() + " that could not be processed"));
        }
        return List.copyOf(all);
    }
}
