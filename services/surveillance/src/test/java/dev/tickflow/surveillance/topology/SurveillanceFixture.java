package dev.tickflow.surveillance.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import dev.tickflow.model.Alert;
import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production topology in a TopologyTestDriver, with factories for the events the patterns watch. */
final class SurveillanceFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, AuthEvent> auth;
    final TestInputTopic<String, OrderCommand> commands;
    final TestInputTopic<String, ExecutionReport> executions;
    final TestInputTopic<String, Tick> ticks;
    final TestInputTopic<String, DailyStats> lastTrades;
    final TestInputTopic<String, Account> accounts;
    final TestOutputTopic<String, Alert> alerts;
    private int sequence;

    SurveillanceFixture() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "surveillance");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("surveillance-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(TopologyProducer.build(SurveillanceSettings.defaults(), new FillTimingMeter(registry)), config,
                T0);
        StringSerializer keys = new StringSerializer();
        auth = driver.createInputTopic(TopicNames.AUTH_EVENTS, keys, Topics.AUTH_EVENTS.valueSerde());
        commands = driver.createInputTopic(TopicNames.ORDERS_SUBMITTED, keys, Topics.ORDERS_SUBMITTED.valueSerde());
        executions = driver.createInputTopic(TopicNames.EXECUTIONS, keys, Topics.EXECUTIONS.valueSerde());
        ticks = driver.createInputTopic(TopicNames.MD_TICKS, keys, Topics.MD_TICKS.valueSerde());
        lastTrades = driver.createInputTopic(TopicNames.MD_DAILY_STATS, keys, Topics.MD_DAILY_STATS.valueSerde());
        accounts = driver.createInputTopic(TopicNames.REF_ACCOUNTS, keys, Topics.REF_ACCOUNTS.valueSerde());
        alerts = driver.createOutputTopic(TopicNames.ALERTS, new StringDeserializer(), Topics.ALERTS.valueSerde());
    }

    static long at(double seconds) {
        return EventTime.toMicros(T0) + Math.round(seconds * 1_000_000);
    }

    void failedLogin(String account, String address, double seconds) {
        auth.pipeInput(account != null ? account : address, new AuthEvent("e-" + (++sequence), account, AuthOutcome.FAILURE,
                "unknown token", address, "rest", at(seconds)), EventTime.toInstant(at(seconds)));
    }

    void lastTrade(String symbol, String price) {
        long last = FixedPoint.parse(price);
        lastTrades.pipeInput(symbol, DailyStats.newBuilder().setSymbol(symbol).setTradingDate("2026-11-20").setOpen(last).setHigh(last)
                .setLow(last).setLast(last).setPreviousClose(null).setChangePpm(0).setVolume(1).setTurnover(last).setTradeCount(1)
                .setLastEventTimeMicros(at(0)).setFirstEventTimeMicros(at(0)).setLastQuantity(1).setLastSide(Side.BUY)
                .setLastVenue("TEST").build(), T0);
    }

    void account(String id, String group) {
        accounts.pipeInput(id, Account.newBuilder().setAccountId(id).setDisplayName(id).setTokenHash("ab".repeat(32))
                .setStatus(AccountStatus.ACTIVE).setOwnerGroup(group).setAdmin(false).setUpdatedAtMicros(at(0)).build(), T0);
    }

    /** A new limit order; returns its order id. */
    String order(String account, String symbol, Side side, long quantity, String price, double seconds) {
        String orderId = symbol + "-o" + (++sequence);
        commands.pipeInput(account, OrderCommand.newBuilder().setCommandId("c-" + sequence).setOrderId(orderId).setAccount(account)
                .setClientOrderId("k-" + sequence).setSymbol(symbol).setChannel(OrderChannel.REST).setSubmittedAtMicros(at(seconds))
                .setAcceptedAtMicros(null).setCommand(new NewOrder(side, OrderType.LIMIT, TimeInForce.DAY, quantity,
                        FixedPoint.parse(price))).build(), EventTime.toInstant(at(seconds)));
        return orderId;
    }

    /** A cancel the trader asked for, as the engine reports it. */
    void cancelled(String account, String orderId, String symbol, Side side, long quantity, String price, double seconds) {
        cancelled(account, orderId, symbol, side, quantity, price, seconds, "REQUESTED");
    }

    /** A cancel for the reason the engine gives (REQUESTED, IOC_REMAINDER, SELF_TRADE_PREVENTION, NO_LIQUIDITY). */
    void cancelled(String account, String orderId, String symbol, Side side, long quantity, String price, double seconds, String reason) {
        ExecutionReport report = report(account, orderId, symbol, side, quantity, price, ExecType.CANCELED, OrderStatus.CANCELED,
                0, null, null, seconds);
        report.setText(reason);
        executions.pipeInput(account, report, EventTime.toInstant(at(seconds)));
    }

    void filled(String account, String orderId, String symbol, Side side, long quantity, String price, String counterparty,
            double seconds) {
        executions.pipeInput(account, report(account, orderId, symbol, side, quantity, price, ExecType.TRADE, OrderStatus.FILLED,
                quantity, price, counterparty, seconds), EventTime.toInstant(at(seconds)));
    }

    private ExecutionReport report(String account, String orderId, String symbol, Side side, long quantity, String price, ExecType type,
            OrderStatus status, long last, String lastPrice, String counterparty, double seconds) {
        int id = ++sequence;
        return ExecutionReport.newBuilder().setExecutionId(symbol + "-x" + id).setOrderId(orderId).setCommandId("c-" + id)
                .setAccount(account).setClientOrderId("k-" + id).setSymbol(symbol).setSide(side).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.DAY).setExecType(type).setOrderStatus(status).setOrderQuantity(quantity)
                .setLimitPrice(FixedPoint.parse(price)).setLastQuantity(last)
                .setLastPrice(lastPrice == null ? null : FixedPoint.parse(lastPrice)).setCumulativeQuantity(last)
                .setLeavesQuantity(quantity - last).setAveragePrice(lastPrice == null ? null : FixedPoint.parse(lastPrice))
                .setTradeId(lastPrice == null ? null : symbol + "-t" + id).setCounterpartyAccount(counterparty).setBookSequence(id)
                .setTransactTimeMicros(at(seconds)).build();
    }

    void tick(String symbol, String price, double seconds) {
        ticks.pipeInput(symbol, Tick.newBuilder().setSymbol(symbol).setPrice(FixedPoint.parse(price)).setQuantity(10)
                .setEventTimeMicros(at(seconds)).setIngestTimeMicros(at(seconds)).setSource(TickSource.SIMULATOR).setSide(null)
                .setVenue(null).setTradeId(null).build(), EventTime.toInstant(at(seconds)));
    }

    @Override
    public void close() {
        driver.close();
    }
}
