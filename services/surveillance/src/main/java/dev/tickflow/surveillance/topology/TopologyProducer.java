package dev.tickflow.surveillance.topology;

import java.time.Duration;

import dev.tickflow.model.Alert;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.surveillance.SurveillanceConfig;
import dev.tickflow.surveillance.state.AccountWatch;
import dev.tickflow.surveillance.state.AuthWatch;
import dev.tickflow.surveillance.state.OrderArrival;
import dev.tickflow.surveillance.state.SymbolWatch;
import dev.tickflow.support.streams.BeforeCommitHook;
import dev.tickflow.support.streams.DecodingGlobalStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

/**
 * <pre>
 *   auth.events ---------------> failed logins (per account or address) --------------------+
 *   orders.submitted --+-------> account patterns: rate, spoofing (per account) -------------+--> alerts
 *   executions --------+-------> account patterns: spoofing ---------------------------------+
 *                      +--> same-owner trades, by owner --> wash trades (per owner, symbol) ------+
 *   md.ticks ------------------> price anomalies, gaps (per symbol) --------------------------+
 *   orders (new) x executions (trades), by order id, within 5 min --> first fill: time and slippage (metrics)
 *   md.daily-stats, ref.accounts --> global stores: last trades, beneficial owners
 * </pre>
 */
@ApplicationScoped
public class TopologyProducer {

    /** How long after its submission an order's first fill still joins it. */
    static final Duration FILL_JOIN_WINDOW = Duration.ofMinutes(5);
    private static final Serde<String> KEYS = Serdes.String();
    /** The window stores here mark instants (an order's arrival, an alert), not spans: their windows are one millisecond. */
    private static final Duration MARK = Duration.ofMillis(1);

    @Produces
    Topology topology(SurveillanceConfig config, FillTimingMeter meter) {
        return build(SurveillanceSettings.from(config), meter);
    }

    public static Topology build(SurveillanceSettings settings, FillTimingMeter meter) {
        StreamsBuilder builder = new StreamsBuilder();
        DecodingGlobalStore.add(builder, StoreNames.LAST_TRADES, TopicNames.MD_DAILY_STATS, RecordTypes.DAILY_STATS);
        DecodingGlobalStore.add(builder, StoreNames.OWNERS, TopicNames.REF_ACCOUNTS, RecordTypes.ACCOUNT);
        store(builder, StoreNames.LOGINS, AuthWatch.class, AuthWatch.getClassSchema());
        store(builder, StoreNames.ACCOUNTS, AccountWatch.class, AccountWatch.getClassSchema());
        // written once per symbol and commit by the symbol processor itself: a cache would hold its writes a commit back
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SYMBOLS), KEYS,
                new AvroSerde<>(RecordType.unversioned(SymbolWatch.class, SymbolWatch.getClassSchema()))).withCachingDisabled());
        builder.addStateStore(BeforeCommitHook.builder(StoreNames.SYMBOLS_COMMIT_HOOK));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.FIRST_FILLS, FILL_JOIN_WINDOW.multipliedBy(2), MARK, false), KEYS, Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(StoreNames.WASH_ALERTED, settings.washWindow(), MARK,
                false), KEYS, Serdes.Long()));
        Produced<String, Alert> toAlerts = Produced.with(KEYS, Topics.ALERTS.valueSerde());

        builder.stream(TopicNames.AUTH_EVENTS, Consumed.with(KEYS, Topics.AUTH_EVENTS.valueSerde()).withName("auth-events"))
                .process(() -> new FailedLoginsProcessor(settings), Named.as("failed-logins"), StoreNames.LOGINS)
                .to(TopicNames.ALERTS, toAlerts.withName("failed-logins-alerts"));

        KStream<String, OrderCommand> commands = builder.stream(TopicNames.ORDERS_SUBMITTED,
                Consumed.with(KEYS, Topics.ORDERS_SUBMITTED.valueSerde()).withName("orders-submitted"));
        KStream<String, ExecutionReport> executions = builder.stream(TopicNames.EXECUTIONS,
                Consumed.with(KEYS, Topics.EXECUTIONS.valueSerde()).withName("executions"));
        commands.process(() -> AccountProcessors.commands(settings), Named.as("account-commands"), StoreNames.ACCOUNTS)
                .to(TopicNames.ALERTS, toAlerts.withName("account-command-alerts"));
        executions.process(() -> AccountProcessors.executions(settings), Named.as("account-executions"), StoreNames.ACCOUNTS)
                .to(TopicNames.ALERTS, toAlerts.withName("account-execution-alerts"));
        // only trades between two accounts of one owner are re-keyed, a trickle beside the executions
        executions.process(WashTrades.SameOwner::new, Named.as("same-owner-trades"))
                .repartition(Repartitioned.with(KEYS, Topics.EXECUTIONS.valueSerde()).withName("trades-by-owner"))
                .process(() -> new WashTrades.OncePerWindow(settings), Named.as("wash-trades"), StoreNames.WASH_ALERTED)
                .to(TopicNames.ALERTS, toAlerts.withName("wash-trade-alerts"));

        builder.stream(TopicNames.MD_TICKS, Consumed.with(KEYS, Topics.MD_TICKS.valueSerde()).withName("ticks"))
                .process(() -> new SymbolProcessor(settings), Named.as("symbol-patterns"), StoreNames.SYMBOLS,
                        StoreNames.SYMBOLS_COMMIT_HOOK)
                .to(TopicNames.ALERTS, toAlerts.withName("symbol-alerts"));

        firstFills(commands, executions, settings, meter);
        return builder.build();
    }

    /** The windowed stream-stream join of new orders with their fills, both re-keyed by order id. */
    private static void firstFills(KStream<String, OrderCommand> commands, KStream<String, ExecutionReport> executions,
            SurveillanceSettings settings, FillTimingMeter meter) {
        AvroSerde<OrderArrival> arrivalSerde = new AvroSerde<>(RecordType.unversioned(OrderArrival.class, OrderArrival.getClassSchema()));
        KStream<String, OrderArrival> arrivals = commands
                .filter((account, command) -> command != null && command.getCommand() instanceof NewOrder, Named.as("new-orders"))
                .process(ArrivalPricer::new, Named.as("arrival-price"))
                .repartition(Repartitioned.with(KEYS, arrivalSerde).withName("orders-by-id"));
        KStream<String, ExecutionReport> fills = executions
                .filter((account, report) -> report != null && report.getExecType() == ExecType.TRADE, Named.as("trades"))
                .selectKey((account, report) -> report.getOrderId(), Named.as("trades-by-order"))
                .repartition(Repartitioned.with(KEYS, Topics.EXECUTIONS.valueSerde()).withName("trades-by-id"));
        arrivals.join(fills, FillTiming::new, JoinWindows.ofTimeDifferenceWithNoGrace(FILL_JOIN_WINDOW),
                        StreamJoined.with(KEYS, arrivalSerde, Topics.EXECUTIONS.valueSerde()).withName("order-fills")
                                .withStoreName("order-fills"))
                .process(() -> new FirstFillRecorder(meter), Named.as("first-fills"), StoreNames.FIRST_FILLS);
    }

    /** An order joined with one of its fills. */
    record FillTiming(OrderArrival order, ExecutionReport fill) {
    }

    /**
     * Keeps only each order's first fill (the join yields every fill in the window) and measures it. An order is marked
     * at its arrival time in a window store, so the marks expire once no fill can join the order any more.
     */
    static final class FirstFillRecorder implements Processor<String, FillTiming, Void, Void> {

        private final FillTimingMeter meter;
        private WindowStore<String, Long> seen;

        FirstFillRecorder(FillTimingMeter meter) {
            this.meter = meter;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            seen = context.getStateStore(StoreNames.FIRST_FILLS);
        }

        @Override
        public void process(Record<String, FillTiming> record) {
            if (record.key() == null) {
                return;
            }
            long arrivedMillis = record.value().order().getSubmittedAtMicros() / 1_000;
            if (seen.fetch(record.key(), arrivedMillis) != null) {
                return;
            }
            seen.put(record.key(), record.value().fill().getTransactTimeMicros(), arrivedMillis);
            meter.record(record.value().order(), record.value().fill());
        }
    }

    /** A new order, re-keyed by its id, with the last trade when it arrived. */
    static final class ArrivalPricer implements Processor<String, OrderCommand, String, OrderArrival> {

        private ProcessorContext<String, OrderArrival> context;
        private KeyValueStore<String, ValueAndTimestamp<DailyStats>> lastTrades;

        @Override
        public void init(ProcessorContext<String, OrderArrival> context) {
            this.context = context;
            this.lastTrades = context.getStateStore(StoreNames.LAST_TRADES);
        }

        @Override
        public void process(Record<String, OrderCommand> record) {
            OrderCommand command = record.value();
            NewOrder order = (NewOrder) command.getCommand();
            ValueAndTimestamp<DailyStats> stats = lastTrades.get(command.getSymbol());
            long arrival = stats == null || stats.value() == null ? 0 : stats.value().getLast();
            context.forward(new Record<>(command.getOrderId(), new OrderArrival(command.getOrderId(), command.getAccount(),
                    command.getSymbol(), order.getSide().name(), command.getSubmittedAtMicros(), arrival), record.timestamp()));
        }
    }

    private static <T extends SpecificRecord> void store(StreamsBuilder builder, String name, Class<T> type,
            Schema schema) {
        // cached: a busy key is written to RocksDB and its changelog once per commit, not once per event
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), KEYS,
                new AvroSerde<>(RecordType.unversioned(type, schema))).withCachingEnabled());
    }
}
