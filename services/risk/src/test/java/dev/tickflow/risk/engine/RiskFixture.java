package dev.tickflow.risk.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.risk.state.Position;
import dev.tickflow.risk.state.RiskState;
import dev.tickflow.sequencer.MachineDriver;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The production risk machine in a {@link MachineDriver}, with order and execution factories. */
final class RiskFixture implements AutoCloseable {

    /** Small defaults, so each limit is easy to reach. */
    static final Limits DEFAULTS = new Limits(1_000, FixedPoint.parse("100000"), 1_500, 3, 5, 500);

    final Map<String, RiskLimits> limitTable;
    final Map<String, DailyStats> sessionTable = new ConcurrentHashMap<>();
    final Map<String, Instrument> instrumentTable = new ConcurrentHashMap<>();
    final RiskMachine machine;
    final MachineDriver driver;
    final Inbox<OrderCommand> submitted;
    final Inbox<ExecutionReport> executions;
    final Inbox<OrderRejected> rejections;
    final Inbox<RiskControl> controls;
    final Inbox<RiskLimits> limits;
    final Inbox<DailyStats> prices = new Inbox<>(sessionTable::put);
    final Inbox<Instrument> instruments = new Inbox<>(instrumentTable::put);
    final Outbox<OrderCommand> accepted;
    final Outbox<OrderRejected> rejected;
    private long clock = 1_795_000_000_000_000L;
    private int executionSequence;

    RiskFixture() {
        this(new ConcurrentHashMap<>());
    }

    RiskFixture(Map<String, RiskLimits> limitTable) {
        this.limitTable = limitTable;
        ReferenceData reference = new ReferenceData(limitTable, sessionTable, instrumentTable);
        machine = new RiskMachine(new PreTradeChecks(false), DEFAULTS, () -> reference, () -> clock, new RiskState(1_000));
        driver = new MachineDriver("risk", RiskInputs.TOPICS, Map.of(TopicNames.ORDERS_ACCEPTED, Topics.ORDERS_ACCEPTED.partitions(),
                TopicNames.ORDERS_REJECTED, Topics.ORDERS_REJECTED.partitions()), machine);
        submitted = input(TopicNames.ORDERS_SUBMITTED, RecordTypes.ORDER_COMMAND);
        executions = input(TopicNames.EXECUTIONS, RecordTypes.EXECUTION_REPORT);
        rejections = input(TopicNames.ORDERS_REJECTED, RecordTypes.ORDER_REJECTED);
        controls = input(TopicNames.RISK_CONTROLS, RecordTypes.RISK_CONTROL);
        limits = new Inbox<>(limitTable::put);
        accepted = new Outbox<>(TopicNames.ORDERS_ACCEPTED, RecordTypes.ORDER_COMMAND);
        rejected = new Outbox<>(TopicNames.ORDERS_REJECTED, RecordTypes.ORDER_REJECTED);
    }

    private <V extends SpecificRecord> Inbox<V> input(String topic, RecordType<V> type) {
        return new Inbox<>((key, value) -> driver.pipe(topic, key, type.encode(value)));
    }

    /** Records into an input (or a reference table). */
    static final class Inbox<V> {
        private final BiConsumer<String, V> sink;

        Inbox(BiConsumer<String, V> sink) {
            this.sink = sink;
        }

        void pipeInput(String key, V value) {
            sink.accept(key, value);
        }
    }

    /** What the machine wrote to a topic, read once. */
    final class Outbox<V extends SpecificRecord> {
        private final String topic;
        private final RecordType<V> type;

        Outbox(String topic, RecordType<V> type) {
            this.topic = topic;
            this.type = type;
        }

        List<Received<V>> readRecordsToList() {
            List<Received<V>> records = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : driver.read(topic)) {
                records.add(new Received<>(new String(record.key(), StandardCharsets.UTF_8), type.decode(record.value())));
            }
            return records;
        }

        List<V> readValuesToList() {
            return readRecordsToList().stream().map(Received::value).toList();
        }
    }

    /** Moves the submission clock forward (order rate is judged on submission time). */
    void advanceMillis(long millis) {
        clock += millis * 1_000;
    }

    OrderCommand limit(String account, String orderId, String symbol, Side side, long quantity, String price) {
        return submit(account, orderId, symbol, new NewOrder(side, OrderType.LIMIT, TimeInForce.DAY, quantity, FixedPoint.parse(price)));
    }

    OrderCommand market(String account, String orderId, String symbol, Side side, long quantity) {
        return submit(account, orderId, symbol, new NewOrder(side, OrderType.MARKET, TimeInForce.IOC, quantity, null));
    }

    OrderCommand cancel(String account, String orderId, String symbol) {
        return submit(account, orderId, symbol, new CancelOrder("test"));
    }

    OrderCommand replace(String account, String orderId, String symbol, Long quantity, String price) {
        return submit(account, orderId, symbol, new ReplaceOrder(quantity, price == null ? null : FixedPoint.parse(price)));
    }

    OrderCommand submit(String account, String orderId, String symbol, Object body) {
        advanceMillis(1);
        OrderCommand command = OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setOrderId(orderId)
                .setAccount(account).setClientOrderId("c-" + orderId).setSymbol(symbol).setChannel(OrderChannel.REST)
                .setSubmittedAtMicros(clock).setAcceptedAtMicros(null).setCommand(body).build();
        submitted.pipeInput(account, command);
        return command;
    }

    void lastPrice(String symbol, String price) {
        long last = FixedPoint.parse(price);
        prices.pipeInput(symbol, DailyStats.newBuilder().setSymbol(symbol).setTradingDate("2026-11-20").setOpen(last).setHigh(last)
                .setLow(last).setLast(last).setPreviousClose(null).setChangePpm(0).setVolume(1).setTurnover(last).setTradeCount(1)
                .setLastEventTimeMicros(clock).setFirstEventTimeMicros(clock).setLastQuantity(1).setLastSide(null).setLastVenue(null)
                .build());
    }

    /** An execution report of the matching engine for an order of {@code account}. */
    void report(String account, String orderId, String symbol, Side side, ExecType type, long lastQuantity, String lastPrice,
            long cumulative, long leaves) {
        executions.pipeInput(account, ExecutionReport.newBuilder().setExecutionId(symbol + "-" + (++executionSequence))
                .setOrderId(orderId).setCommandId("x").setAccount(account).setClientOrderId("c-" + orderId).setSymbol(symbol)
                .setSide(side).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.DAY).setExecType(type)
                .setOrderStatus(leaves == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED).setOrderQuantity(cumulative + leaves)
                .setLimitPrice(null).setLastQuantity(lastQuantity).setLastPrice(lastPrice == null ? null : FixedPoint.parse(lastPrice))
                .setCumulativeQuantity(cumulative).setLeavesQuantity(leaves).setAveragePrice(null).setLiquidity(null)
                .setTradeId(null).setCounterpartyAccount(null).setText(null).setBookSequence(executionSequence)
                .setTransactTimeMicros(clock).build());
    }

    Position position(String account, String symbol) {
        var positions = machine.state().positions.get(account);
        return positions == null ? null : positions.get(symbol);
    }

    List<OrderRejected> rejections() {
        return rejected.readValuesToList().stream().filter(r -> "risk".equals(r.getRejectedBy())).toList();
    }

    @Override
    public void close() {
        // nothing held: the driver is in memory
    }
}
