package dev.tickflow.risk.topology;

import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Side;
import dev.tickflow.risk.positions.PositionMath;
import dev.tickflow.risk.state.AccountRisk;
import dev.tickflow.risk.state.OpenOrder;
import dev.tickflow.risk.state.PositionState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * One account's risk, in the account's task: commands are checked against its limits, open orders and position and
 * either accepted (forwarded keyed by symbol, for the matching engine) or refused (keyed by account, with the reason);
 * executions move the position and release open orders; kill-switch changes halt or resume the account. State and
 * output commit together (exactly-once), so a crash neither loses an accepted order nor applies one twice.
 */
final class RiskProcessor implements Processor<String, RiskInput, String, SpecificRecord> {

    static final String SERVICE = "risk";

    private final PreTradeChecks checks;
    private final Limits defaults;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, AccountRisk> accounts;
    private KeyValueStore<String, PositionState> positions;
    private KeyValueStore<String, OpenOrder> openOrders;
    private KeyValueStore<String, Object> limits;
    private KeyValueStore<String, Object> prices;
    private KeyValueStore<String, Object> instruments;

    RiskProcessor(PreTradeChecks checks, Limits defaults) {
        this.checks = checks;
        this.defaults = defaults;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        accounts = context.getStateStore(StoreNames.ACCOUNTS);
        positions = context.getStateStore(StoreNames.POSITIONS);
        openOrders = context.getStateStore(StoreNames.OPEN_ORDERS);
        limits = context.getStateStore(StoreNames.LIMITS);
        prices = context.getStateStore(StoreNames.PRICES);
        instruments = context.getStateStore(StoreNames.INSTRUMENTS);
    }

    @Override
    public void process(Record<String, RiskInput> record) {
        String account = record.key();
        switch (record.value()) {
            case RiskInput.Command command -> command(account, command.command(), record.timestamp());
            case RiskInput.Execution execution -> execution(account, execution.report());
            case RiskInput.Rejection rejection -> engineRejection(account, rejection.rejected());
            case RiskInput.Control control -> control(account, control.control(), record.timestamp());
        }
    }

    private void command(String account, OrderCommand command, long timestamp) {
        AccountRisk risk = account(account);
        switch (command.getCommand()) {
            case NewOrder order -> newOrder(account, risk, command, order, timestamp);
            case CancelOrder cancel -> {
                OpenOrder open = openOrders.get(command.getOrderId());
                if (open == null || !open.getAccountId().equals(account)) {
                    reject(command, RejectReason.UNKNOWN_ORDER, "no open order " + command.getOrderId() + " of " + account, timestamp);
                } else {
                    accept(open.getSymbol(), command, timestamp);
                }
            }
            case ReplaceOrder replace -> replace(account, risk, command, replace, timestamp);
            default -> reject(command, RejectReason.INVALID_ORDER, "unknown command", timestamp);
        }
    }

    private void newOrder(String account, AccountRisk risk, OrderCommand command, NewOrder order, long timestamp) {
        String symbol = command.getSymbol();
        PositionState position = position(account, symbol);
        Limits accountLimits = limits(account);
        PreTradeChecks.Verdict verdict = checks.newOrder(symbol, order, command.getSubmittedAtMicros(), accountLimits, risk, position,
                lastPrice(symbol), value(instruments, symbol, Instrument.class));
        if (!verdict.passed()) {
            reject(command, verdict.reason(), verdict.message(), timestamp);
            return;
        }
        boolean buy = order.getSide() == Side.BUY;
        openOrders.put(command.getOrderId(), OpenOrder.newBuilder().setOrderId(command.getOrderId()).setAccountId(account).setSymbol(symbol)
                .setBuy(buy).setLimitPrice(order.getLimitPrice()).setLeaves(order.getQuantity()).setFilled(0)
                .setCommandId(command.getCommandId()).build());
        if (buy) {
            position.setOpenBuyQuantity(position.getOpenBuyQuantity() + order.getQuantity());
        } else {
            position.setOpenSellQuantity(position.getOpenSellQuantity() + order.getQuantity());
        }
        positions.put(StoreNames.positionKey(account, symbol), position);
        risk.setOpenOrders(risk.getOpenOrders() + 1);
        OrderRate.record(risk, command.getSubmittedAtMicros());
        accounts.put(account, risk);
        accept(symbol, command, timestamp);
    }

    private void replace(String account, AccountRisk risk, OrderCommand command, ReplaceOrder replace, long timestamp) {
        OpenOrder open = openOrders.get(command.getOrderId());
        if (open == null || !open.getAccountId().equals(account)) {
            reject(command, RejectReason.UNKNOWN_ORDER, "no open order " + command.getOrderId() + " of " + account, timestamp);
            return;
        }
        if (replace.getQuantity() == null && replace.getLimitPrice() == null) {
            reject(command, RejectReason.INVALID_ORDER, "a replace changes the quantity, the limit price or both", timestamp);
            return;
        }
        if (replace.getQuantity() != null && replace.getQuantity() <= open.getFilled()) {
            reject(command, RejectReason.INVALID_ORDER, "the new quantity must exceed the " + open.getFilled() + " already filled",
                    timestamp);
            return;
        }
        PreTradeChecks.Verdict verdict = checks.replace(open, replace.getQuantity(), replace.getLimitPrice(), open.getFilled(),
                limits(account), risk, position(account, open.getSymbol()), lastPrice(open.getSymbol()),
                value(instruments, open.getSymbol(), Instrument.class));
        if (!verdict.passed()) {
            reject(command, verdict.reason(), verdict.message(), timestamp);
            return;
        }
        accept(open.getSymbol(), command, timestamp);
    }

    private void execution(String account, ExecutionReport report) {
        OpenOrder open = openOrders.get(report.getOrderId());
        boolean buy = report.getSide() == Side.BUY;
        PositionState position = position(account, report.getSymbol());
        switch (report.getExecType()) {
            case TRADE -> {
                PositionMath.applyFill(position, buy, report.getLastQuantity(), report.getLastPrice(), report.getTransactTimeMicros());
                if (open != null) {
                    adjustOpen(position, buy, -report.getLastQuantity());
                    open.setLeaves(report.getLeavesQuantity());
                    open.setFilled(report.getCumulativeQuantity());
                    if (open.getLeaves() <= 0) {
                        close(account, open);
                    } else {
                        openOrders.put(open.getOrderId(), open);
                    }
                }
            }
            case CANCELED, EXPIRED -> {
                if (open != null) {
                    adjustOpen(position, buy, -open.getLeaves());
                    close(account, open);
                }
            }
            case REPLACED -> {
                if (open != null) {
                    adjustOpen(position, buy, report.getLeavesQuantity() - open.getLeaves());
                    open.setLeaves(report.getLeavesQuantity());
                    open.setLimitPrice(report.getLimitPrice());
                    openOrders.put(open.getOrderId(), open);
                }
            }
            default -> {
                return;
            }
        }
        positions.put(StoreNames.positionKey(account, report.getSymbol()), position);
    }

    /** The matching engine refused a new order this task accepted: it is not working any more. */
    private void engineRejection(String account, OrderRejected rejected) {
        if (SERVICE.equals(rejected.getRejectedBy())) {
            return;
        }
        OpenOrder open = openOrders.get(rejected.getOrderId());
        if (open != null && open.getCommandId().equals(rejected.getCommandId())) {
            PositionState position = position(account, open.getSymbol());
            adjustOpen(position, open.getBuy(), -open.getLeaves());
            positions.put(StoreNames.positionKey(account, open.getSymbol()), position);
            close(account, open);
        }
    }

    private void control(String account, RiskControl control, long timestamp) {
        AccountRisk risk = account(account);
        risk.setHalted(control.getHalted());
        risk.setHaltReason(control.getHalted() ? control.getReason() : null);
        accounts.put(account, risk);
        if (control.getHalted()) {
            cancelOpenOrders(account, control, timestamp);
        }
    }

    /**
     * A kill switch also pulls the account's orders from the books: a cancel for each open order goes to the engine as
     * if the account had sent it. Their ids derive from the switch record, so a replay after a crash repeats them.
     * The open orders stay counted until the engine's reports close them, as for any cancel.
     */
    private void cancelOpenOrders(String account, RiskControl control, long timestamp) {
        List<OpenOrder> open = new ArrayList<>();
        try (KeyValueIterator<String, OpenOrder> all = openOrders.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getAccountId().equals(account)) {
                    open.add(entry.value);
                }
            });
        }
        long now = EventTime.fromMillis(context.currentSystemTimeMs());
        String reason = "kill switch" + (control.getReason() == null ? "" : ": " + control.getReason());
        for (OpenOrder order : open) {
            String commandId = "halt-" + control.getRequestedAtMicros() + "-" + order.getOrderId();
            accept(order.getSymbol(), OrderCommand.newBuilder().setCommandId(commandId).setOrderId(order.getOrderId())
                    .setAccount(account).setClientOrderId(commandId).setSymbol(order.getSymbol()).setChannel(OrderChannel.OTHER)
                    .setSubmittedAtMicros(now).setAcceptedAtMicros(null).setCommand(new CancelOrder(reason)).build(), timestamp);
        }
    }

    private void close(String account, OpenOrder open) {
        openOrders.delete(open.getOrderId());
        AccountRisk risk = account(account);
        risk.setOpenOrders(Math.max(0, risk.getOpenOrders() - 1));
        accounts.put(account, risk);
    }

    private static void adjustOpen(PositionState position, boolean buy, long delta) {
        if (buy) {
            position.setOpenBuyQuantity(Math.max(0, position.getOpenBuyQuantity() + delta));
        } else {
            position.setOpenSellQuantity(Math.max(0, position.getOpenSellQuantity() + delta));
        }
    }

    private void accept(String symbol, OrderCommand command, long timestamp) {
        // Stamped in place: the command was decoded for this record alone, and a builder copy would deep-copy every field
        // (and resolve its enums through the thread's context class loader, which is not the application's in tests).
        command.setAcceptedAtMicros(EventTime.fromMillis(context.currentSystemTimeMs()));
        context.forward(new Record<>(symbol, command, timestamp));
    }

    private void reject(OrderCommand command, RejectReason reason, String message, long timestamp) {
        OrderRejected rejected = OrderRejected.newBuilder().setCommandId(command.getCommandId()).setOrderId(command.getOrderId())
                .setAccount(command.getAccount()).setClientOrderId(command.getClientOrderId()).setSymbol(command.getSymbol())
                .setReason(reason).setMessage(message).setRejectedBy(SERVICE)
                .setRejectedAtMicros(EventTime.fromMillis(context.currentSystemTimeMs())).build();
        context.forward(new Record<>(command.getAccount(), rejected, timestamp));
    }

    private AccountRisk account(String account) {
        AccountRisk risk = accounts.get(account);
        return risk != null ? risk : AccountRisk.newBuilder().setAccountId(account).setHalted(false).setHaltReason(null)
                .setOpenOrders(0).setRateBuckets(OrderRate.emptyBuckets()).setRateLatestBucket(0).build();
    }

    private PositionState position(String account, String symbol) {
        PositionState position = positions.get(StoreNames.positionKey(account, symbol));
        return position != null ? position : PositionMath.flat(account, symbol);
    }

    private Limits limits(String account) {
        RiskLimits accountLimits = value(limits, account, RiskLimits.class);
        return accountLimits != null ? Limits.of(accountLimits) : defaults;
    }

    private Long lastPrice(String symbol) {
        DailyStats session = value(prices, symbol, DailyStats.class);
        return session == null || session.getTradeCount() == 0 ? null : session.getLast();
    }

    /** Global tables materialize timestamped values; unwrap them. */
    private static <V> V value(KeyValueStore<String, Object> store, String key, Class<V> type) {
        Object value = store.get(key);
        if (value instanceof ValueAndTimestamp<?> stamped) {
            value = stamped.value();
        }
        return type.isInstance(value) ? type.cast(value) : null;
    }
}
