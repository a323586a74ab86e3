package dev.tickflow.risk.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Side;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.risk.positions.PositionMath;
import dev.tickflow.risk.state.AccountState;
import dev.tickflow.risk.state.CommandOutcomes;
import dev.tickflow.risk.state.OpenOrder;
import dev.tickflow.risk.state.Position;
import dev.tickflow.risk.state.RiskState;
import dev.tickflow.sequencer.Input;
import dev.tickflow.sequencer.Outputs;
import dev.tickflow.sequencer.StateMachine;

/**
 * The accounts of one partition: commands are checked against the account's limits, open orders and position and
 * either accepted (to orders.accepted, keyed by symbol, for the matching engine) or refused (to orders.rejected, keyed
 * by account, with the reason); executions move positions and release open orders; the engine's refusals release them
 * too; kill-switch changes halt or resume the account and a halt cancels its open orders.
 *
 * <p>Decisions use the inputs and the reference data (limits, last prices, instruments). The reference data is read as
 * it is now, so a replay could decide differently from the first run: when the replay hands over the outcome the first
 * run wrote for a command, that outcome is applied and written again instead of a new decision. A command id seen
 * before gets its first outcome: a refusal is repeated, an acceptance is not sent to the engine a second time.
 */
public final class RiskMachine implements StateMachine {

    static final String SERVICE = "risk";
    /** Longer ids would bloat the state and its snapshots: such a command is refused without being remembered. */
    static final int MAX_ID_LENGTH = 128;

    private final PreTradeChecks checks;
    private final Limits defaults;
    private final Supplier<ReferenceData> reference;
    private final LongSupplier nowMicros;
    private final RiskState state;

    public RiskMachine(PreTradeChecks checks, Limits defaults, Supplier<ReferenceData> reference, LongSupplier nowMicros,
            RiskState state) {
        this.checks = checks;
        this.defaults = defaults;
        this.reference = reference;
        this.nowMicros = nowMicros;
        this.state = state;
    }

    public RiskState state() {
        return state;
    }

    @Override
    public byte[] snapshot() {
        return state.encode();
    }

    @Override
    public void apply(Input input, Outputs outputs) {
        switch (input.topicIndex()) {
            case RiskInputs.SUBMITTED -> command(RecordTypes.ORDER_COMMAND.decode(required(input)), input, outputs);
            case RiskInputs.EXECUTIONS -> execution(RecordTypes.EXECUTION_REPORT.decode(required(input)));
            case RiskInputs.REJECTED -> engineRejection(RecordTypes.ORDER_REJECTED.decode(required(input)));
            case RiskInputs.CONTROLS -> control(RecordTypes.RISK_CONTROL.decode(required(input)), input, outputs);
            default -> throw new IllegalArgumentException("not a risk input: " + input.topic());
        }
    }

    /** A command risk failed on is refused to its account, so that its sender is not left waiting. */
    @Override
    public void failed(Input input, RuntimeException cause, Outputs outputs) {
        if (input.topicIndex() != RiskInputs.SUBMITTED || input.value() == null) {
            return;
        }
        OrderCommand command = RecordTypes.ORDER_COMMAND.decode(input.value());
        if (command.getAccount() != null && !tooLong(command.getAccount()) && !tooLong(command.getCommandId())) {
            reject(command, RejectReason.OTHER, "risk could not process the command (" + cause.getClass().getSimpleName()
                    + "); it went to orders.submitted.dlq", outputs);
        }
    }

    private static byte[] required(Input input) {
        if (input.value() == null) {
            throw new IllegalArgumentException("an empty record (tombstone) is not a risk input");
        }
        return input.value();
    }

    private void command(OrderCommand command, Input input, Outputs outputs) {
        if (tooLong(command.getCommandId()) || tooLong(command.getOrderId()) || tooLong(command.getAccount())
                || tooLong(command.getSymbol()) || tooLong(command.getClientOrderId())) {
            reject(command, RejectReason.INVALID_ORDER, "an id, account or symbol longer than " + MAX_ID_LENGTH + " characters", outputs);
            return;
        }
        String account = command.getAccount();
        if (!input.recorded().isEmpty()) {
            followRecorded(command, input.recorded(), outputs);
            return;
        }
        CommandOutcomes.Outcome earlier = state.outcomes.get(command.getCommandId());
        if (earlier != null) {
            if (!earlier.accepted()) {
                reject(command, earlier.reason(), earlier.message(), outputs);
            }
            return;
        }
        AccountState risk = state.account(account);
        switch (command.getCommand()) {
            case NewOrder order -> newOrder(account, risk, command, order, outputs);
            case CancelOrder cancel -> {
                OpenOrder open = state.openOrders.get(command.getOrderId());
                if (open == null || !open.accountId.equals(account)) {
                    decideReject(command, RejectReason.UNKNOWN_ORDER, "no open order " + command.getOrderId() + " of " + account, outputs);
                } else {
                    decideAccept(open.symbol, command, outputs);
                }
            }
            case ReplaceOrder replace -> replace(account, risk, command, replace, outputs);
            default -> decideReject(command, RejectReason.INVALID_ORDER, "unknown command", outputs);
        }
    }

    private void newOrder(String account, AccountState risk, OrderCommand command, NewOrder order, Outputs outputs) {
        String symbol = command.getSymbol();
        ReferenceData data = reference.get();
        Position position = state.position(account, symbol);
        PreTradeChecks.Verdict verdict = checks.newOrder(symbol, order, command.getSubmittedAtMicros(), limits(data, account), risk,
                position, data.lastPrice(symbol), data.instruments().get(symbol));
        if (!verdict.passed()) {
            decideReject(command, verdict.reason(), verdict.message(), outputs);
            return;
        }
        open(account, command, order);
        decideAccept(symbol, command, outputs);
    }

    /** What accepting a new order holds: its slot, its open quantity, its place in the order rate. */
    private void open(String account, OrderCommand command, NewOrder order) {
        boolean buy = order.getSide() == Side.BUY;
        state.openOrders.put(command.getOrderId(), new OpenOrder(command.getOrderId(), account, command.getSymbol(), buy,
                order.getLimitPrice(), order.getQuantity(), 0, command.getCommandId()));
        Position position = state.position(account, command.getSymbol());
        if (buy) {
            position.openBuyQuantity += order.getQuantity();
        } else {
            position.openSellQuantity += order.getQuantity();
        }
        AccountState risk = state.account(account);
        risk.openOrders++;
        OrderRate.record(risk, command.getSubmittedAtMicros());
    }

    private void replace(String account, AccountState risk, OrderCommand command, ReplaceOrder replace, Outputs outputs) {
        OpenOrder open = state.openOrders.get(command.getOrderId());
        if (open == null || !open.accountId.equals(account)) {
            decideReject(command, RejectReason.UNKNOWN_ORDER, "no open order " + command.getOrderId() + " of " + account, outputs);
            return;
        }
        if (replace.getQuantity() == null && replace.getLimitPrice() == null) {
            decideReject(command, RejectReason.INVALID_ORDER, "a replace changes the quantity, the limit price or both", outputs);
            return;
        }
        if (replace.getQuantity() != null && replace.getQuantity() <= open.filled) {
            decideReject(command, RejectReason.INVALID_ORDER, "the new quantity must exceed the " + open.filled + " already filled",
                    outputs);
            return;
        }
        ReferenceData data = reference.get();
        PreTradeChecks.Verdict verdict = checks.replace(open, replace.getQuantity(), replace.getLimitPrice(), open.filled,
                limits(data, account), risk, state.position(account, open.symbol), data.lastPrice(open.symbol),
                data.instruments().get(open.symbol));
        if (!verdict.passed()) {
            decideReject(command, verdict.reason(), verdict.message(), outputs);
            return;
        }
        decideAccept(open.symbol, command, outputs);
    }

    /**
     * Replaying a command whose outcome the first run wrote: its effect is applied as it was decided then, and the same
     * records go out again (the runtime does not write those it knows were written).
     */
    private void followRecorded(OrderCommand command, List<Input.Recorded> recorded, Outputs outputs) {
        boolean accepted = recorded.stream().anyMatch(output -> output.topic().equals(TopicNames.ORDERS_ACCEPTED));
        if (state.outcomes.get(command.getCommandId()) == null) {
            if (accepted && command.getCommand() instanceof NewOrder order) {
                open(command.getAccount(), command, order);
            }
            state.outcomes.put(command.getCommandId(), accepted ? CommandOutcomes.Outcome.ACCEPTED
                    : recordedRefusal(recorded));
        }
        recorded.forEach(outputs::resend);
    }

    private static CommandOutcomes.Outcome recordedRefusal(List<Input.Recorded> recorded) {
        for (Input.Recorded output : recorded) {
            if (output.topic().equals(TopicNames.ORDERS_REJECTED)) {
                OrderRejected rejected = RecordTypes.ORDER_REJECTED.decode(output.value());
                return new CommandOutcomes.Outcome(rejected.getReason(), rejected.getMessage());
            }
        }
        return new CommandOutcomes.Outcome(RejectReason.OTHER, "refused");
    }

    private void execution(ExecutionReport report) {
        String account = report.getAccount();
        OpenOrder open = state.openOrders.get(report.getOrderId());
        boolean buy = report.getSide() == Side.BUY;
        Position position = state.position(account, report.getSymbol());
        switch (report.getExecType()) {
            case TRADE -> {
                PositionMath.applyFill(position, buy, report.getLastQuantity(), report.getLastPrice(), report.getTransactTimeMicros());
                if (open != null) {
                    adjustOpen(position, buy, -report.getLastQuantity());
                    open.leaves = report.getLeavesQuantity();
                    open.filled = report.getCumulativeQuantity();
                    if (open.leaves <= 0) {
                        close(open);
                    }
                }
            }
            case CANCELED, EXPIRED -> {
                if (open != null) {
                    adjustOpen(position, buy, -open.leaves);
                    close(open);
                }
            }
            case REPLACED -> {
                if (open != null) {
                    adjustOpen(position, buy, report.getLeavesQuantity() - open.leaves);
                    open.leaves = report.getLeavesQuantity();
                    open.limitPrice = report.getLimitPrice();
                }
            }
            default -> {
                // NEW and anything else: nothing changes for risk
            }
        }
    }

    /** The matching engine refused a new order this partition accepted: it is not working any more. */
    private void engineRejection(OrderRejected rejected) {
        if (SERVICE.equals(rejected.getRejectedBy())) {
            return;
        }
        OpenOrder open = state.openOrders.get(rejected.getOrderId());
        if (open != null && open.commandId.equals(rejected.getCommandId())) {
            adjustOpen(state.position(open.accountId, open.symbol), open.buy, -open.leaves);
            close(open);
        }
    }

    private void control(RiskControl control, Input input, Outputs outputs) {
        String account = control.getAccountId();
        if (tooLong(account)) {
            throw new IllegalArgumentException("an account longer than " + MAX_ID_LENGTH + " characters");
        }
        AccountState risk = state.account(account);
        risk.halted = control.getHalted();
        String reason = control.getReason() == null ? null : control.getReason().substring(0, Math.min(500, control.getReason().length()));
        risk.haltReason = control.getHalted() ? reason : null;
        if (!input.recorded().isEmpty()) {
            input.recorded().forEach(outputs::resend);
        } else if (control.getHalted()) {
            cancelOpenOrders(account, control, reason, outputs);
        }
    }

    /**
     * A kill switch also pulls the account's orders from the books: a cancel per open order goes to the engine as if the
     * account had sent it, in order id order, with ids derived from the switch record. The orders stay counted until
     * the engine's reports close them, as for any cancel.
     */
    private void cancelOpenOrders(String account, RiskControl control, String reason, Outputs outputs) {
        List<OpenOrder> open = new ArrayList<>();
        for (OpenOrder order : state.openOrders.values()) {
            if (order.accountId.equals(account)) {
                open.add(order);
            }
        }
        open.sort(Comparator.comparing(order -> order.orderId));
        String text = "kill switch" + (reason == null ? "" : ": " + reason);
        for (OpenOrder order : open) {
            String commandId = "halt-" + control.getRequestedAtMicros() + "-" + order.orderId;
            OrderCommand cancel = OrderCommand.newBuilder().setCommandId(commandId).setOrderId(order.orderId).setAccount(account)
                    .setClientOrderId(commandId).setSymbol(order.symbol).setChannel(OrderChannel.OTHER)
                    .setSubmittedAtMicros(control.getRequestedAtMicros()).setAcceptedAtMicros(null).setCommand(new CancelOrder(text))
                    .build();
            forward(order.symbol, cancel, outputs);
        }
    }

    private void close(OpenOrder open) {
        state.openOrders.remove(open.orderId);
        AccountState risk = state.account(open.accountId);
        risk.openOrders = Math.max(0, risk.openOrders - 1);
    }

    private static void adjustOpen(Position position, boolean buy, long delta) {
        if (buy) {
            position.openBuyQuantity = Math.max(0, position.openBuyQuantity + delta);
        } else {
            position.openSellQuantity = Math.max(0, position.openSellQuantity + delta);
        }
    }

    private void decideAccept(String symbol, OrderCommand command, Outputs outputs) {
        state.outcomes.put(command.getCommandId(), CommandOutcomes.Outcome.ACCEPTED);
        forward(symbol, command, outputs);
    }

    private void decideReject(OrderCommand command, RejectReason reason, String message, Outputs outputs) {
        state.outcomes.put(command.getCommandId(), new CommandOutcomes.Outcome(reason, message));
        reject(command, reason, message, outputs);
    }

    private void forward(String symbol, OrderCommand command, Outputs outputs) {
        // stamped in place: the command was decoded for this input alone
        command.setAcceptedAtMicros(nowMicros.getAsLong());
        outputs.send(TopicNames.ORDERS_ACCEPTED, symbol, RecordTypes.ORDER_COMMAND.encode(command));
    }

    private void reject(OrderCommand command, RejectReason reason, String message, Outputs outputs) {
        OrderRejected rejected = OrderRejected.newBuilder().setCommandId(command.getCommandId()).setOrderId(command.getOrderId())
                .setAccount(command.getAccount()).setClientOrderId(command.getClientOrderId()).setSymbol(command.getSymbol())
                .setReason(reason).setMessage(message).setRejectedBy(SERVICE).setRejectedAtMicros(nowMicros.getAsLong()).build();
        outputs.send(TopicNames.ORDERS_REJECTED, command.getAccount(), RecordTypes.ORDER_REJECTED.encode(rejected));
    }

    private Limits limits(ReferenceData data, String account) {
        RiskLimits accountLimits = data.limits().get(account);
        return accountLimits != null ? Limits.of(accountLimits) : defaults;
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_ID_LENGTH;
    }
}
