package dev.tickflow.risk.topology;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

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
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.risk.state.PositionState;
import dev.tickflow.support.streams.DeadLetterDeserializationHandler;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The production risk topology in a TopologyTestDriver, with order and execution factories. */
final class RiskFixture implements AutoCloseable {

    /** Small defaults, so each limit is easy to reach. */
    static final Limits DEFAULTS = new Limits(1_000, FixedPoint.parse("100000"), 1_500, 3, 5, 500);

    final TopologyTestDriver driver;
    final TestInputTopic<String, OrderCommand> submitted;
    final TestInputTopic<String, ExecutionReport> executions;
    final TestInputTopic<String, OrderRejected> rejections;
    final TestInputTopic<String, RiskControl> controls;
    final TestInputTopic<String, RiskLimits> limits;
    final TestInputTopic<String, DailyStats> prices;
    final TestInputTopic<String, Instrument> instruments;
    final TestOutputTopic<String, OrderCommand> accepted;
    final TestOutputTopic<String, OrderRejected> rejected;
    private long clock = 1_795_000_000_000_000L;
    private int executionSequence;

    RiskFixture() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("risk-test").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(RiskTopology.build(new PreTradeChecks(false), DEFAULTS), config);
        StringSerializer keys = new StringSerializer();
        submitted = driver.createInputTopic(TopicNames.ORDERS_SUBMITTED, keys, Topics.ORDERS_SUBMITTED.valueSerde());
        executions = driver.createInputTopic(TopicNames.EXECUTIONS, keys, Topics.EXECUTIONS.valueSerde());
        rejections = driver.createInputTopic(TopicNames.ORDERS_REJECTED, keys, Topics.ORDERS_REJECTED.valueSerde());
        controls = driver.createInputTopic(TopicNames.RISK_CONTROLS, keys, Topics.RISK_CONTROLS.valueSerde());
        limits = driver.createInputTopic(TopicNames.REF_LIMITS, keys, Topics.REF_LIMITS.valueSerde());
        prices = driver.createInputTopic(TopicNames.MD_DAILY_STATS, keys, Topics.MD_DAILY_STATS.valueSerde());
        instruments = driver.createInputTopic(TopicNames.REF_INSTRUMENTS, keys, Topics.REF_INSTRUMENTS.valueSerde());
        accepted = driver.createOutputTopic(TopicNames.ORDERS_ACCEPTED, new StringDeserializer(), Topics.ORDERS_ACCEPTED.valueSerde());
        rejected = driver.createOutputTopic(TopicNames.ORDERS_REJECTED, new StringDeserializer(), Topics.ORDERS_REJECTED.valueSerde());
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

    PositionState position(String account, String symbol) {
        KeyValueStore<String, PositionState> positions = driver.getKeyValueStore(StoreNames.POSITIONS);
        return positions.get(StoreNames.positionKey(account, symbol));
    }

    List<OrderRejected> rejections() {
        return rejected.readValuesToList().stream().filter(r -> "risk".equals(r.getRejectedBy())).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
