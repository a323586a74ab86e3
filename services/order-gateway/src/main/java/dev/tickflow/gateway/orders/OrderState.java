package dev.tickflow.gateway.orders;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;

/**
 * One order's life as the gateway learns it from the three topics it reads. Reports may arrive in any order across
 * topics, so the state only moves forward: a terminal status stays terminal and the filled quantity never shrinks.
 */
final class OrderState {

    /** Where an order is in its life; the later ones are final. */
    enum Status {
        PENDING_NEW, UNCONFIRMED, NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED;

        boolean terminal() {
            return this == FILLED || this == CANCELED || this == EXPIRED || this == REJECTED;
        }
    }

    final String orderId;
    final String account;
    String clientOrderId;
    String symbol;
    String newCommandId;
    NewOrder order;
    long quantity;
    Long limitPrice;
    Status status = Status.PENDING_NEW;
    long filled;
    long leaves;
    Long averagePrice;
    String rejectReason;
    String rejectMessage;
    String note;
    long submittedAtMicros;
    long updatedAtMicros;
    /** A refusal read before any command of the order: whether it refuses the order itself is known once that comes. */
    private OrderRejected earlyRefusal;

    OrderState(String orderId, String account) {
        this.orderId = orderId;
        this.account = account;
    }

    synchronized void submitted(OrderCommand command) {
        if (!(command.getCommand() instanceof NewOrder newOrder)) {
            return;
        }
        clientOrderId = command.getClientOrderId();
        symbol = command.getSymbol();
        newCommandId = command.getCommandId();
        order = newOrder;
        if (quantity == 0) {
            quantity = newOrder.getQuantity();
            leaves = newOrder.getQuantity();
            limitPrice = newOrder.getLimitPrice();
        }
        submittedAtMicros = command.getSubmittedAtMicros();
        updatedAtMicros = Math.max(updatedAtMicros, submittedAtMicros);
        if (earlyRefusal != null) {
            OrderRejected refusal = earlyRefusal;
            earlyRefusal = null;
            rejected(refusal);
        }
    }

    synchronized void report(ExecutionReport report) {
        if (clientOrderId == null) {
            clientOrderId = report.getClientOrderId();
            symbol = report.getSymbol();
        }
        updatedAtMicros = Math.max(updatedAtMicros, report.getTransactTimeMicros());
        if (status.terminal()) {
            return;
        }
        if (report.getExecType() == ExecType.REPLACED || report.getExecType() == ExecType.NEW) {
            quantity = report.getOrderQuantity();
            limitPrice = report.getLimitPrice();
        }
        if (report.getCumulativeQuantity() >= filled) {
            filled = report.getCumulativeQuantity();
            leaves = report.getLeavesQuantity();
            averagePrice = report.getAveragePrice();
        }
        Status reported = Status.valueOf(report.getOrderStatus().name());
        if (reported.terminal() || reported.ordinal() >= status.ordinal()) {
            status = reported;
            note = null;
        }
    }

    /** A refusal: of the order itself (it never worked), or of a later cancel or replace (the order is unchanged). */
    synchronized boolean rejected(OrderRejected rejected) {
        updatedAtMicros = Math.max(updatedAtMicros, rejected.getRejectedAtMicros());
        if (newCommandId == null && status == Status.PENDING_NEW) {
            // another gateway's order, whose command this one reads later than the outcome topics
            earlyRefusal = rejected;
            if (clientOrderId == null) {
                clientOrderId = rejected.getClientOrderId();
                symbol = rejected.getSymbol();
            }
            return false;
        }
        boolean ofTheOrder = rejected.getCommandId().equals(newCommandId);
        if (ofTheOrder && !status.terminal()) {
            status = Status.REJECTED;
            note = null;
            leaves = 0;
            rejectReason = rejected.getReason().name();
            rejectMessage = rejected.getMessage();
        }
        if (clientOrderId == null) {
            clientOrderId = rejected.getClientOrderId();
            symbol = rejected.getSymbol();
        }
        return ofTheOrder;
    }

    /** No outcome is known: a pending order says so, with why; one that is already working is left as it is. */
    synchronized boolean unconfirmed(String why) {
        if (status != Status.PENDING_NEW && status != Status.UNCONFIRMED) {
            return false;
        }
        status = Status.UNCONFIRMED;
        note = why;
        return true;
    }

    synchronized OrderView view() {
        return new OrderView(orderId, clientOrderId, account, symbol, order == null ? null : order.getSide().name(),
                order == null ? null : order.getType().name(), order == null ? null : order.getTimeInForce().name(), quantity,
                limitPrice == null ? null : FixedPoint.format(limitPrice), status.name(), filled, leaves,
                averagePrice == null ? null : FixedPoint.format(averagePrice), rejectReason, rejectMessage,
                submittedAtMicros == 0 ? null : EventTime.toInstant(submittedAtMicros).toString(),
                updatedAtMicros == 0 ? null : EventTime.toInstant(updatedAtMicros).toString(), note);
    }

    synchronized boolean sameAs(NewOrder other, String otherSymbol) {
        return order != null && order.equals(other) && otherSymbol.equals(symbol);
    }

    synchronized Status status() {
        return status;
    }

    synchronized String clientOrderId() {
        return clientOrderId;
    }
}
