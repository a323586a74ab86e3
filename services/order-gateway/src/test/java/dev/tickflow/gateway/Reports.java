package dev.tickflow.gateway;

import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.RejectReason;

/** What risk and the matching engine would answer to a command, for driving the gateway on its own. */
final class Reports {

    private Reports() {
    }

    static ExecutionReport acknowledged(OrderCommand command) {
        return report(command, command, ExecType.NEW, OrderStatus.NEW, 0, null, 0);
    }

    static ExecutionReport traded(OrderCommand order, long quantity, long price, long cumulative) {
        long total = ((NewOrder) order.getCommand()).getQuantity();
        OrderStatus status = cumulative == total ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return report(order, order, ExecType.TRADE, status, quantity, price, cumulative);
    }

    static ExecutionReport canceled(OrderCommand order, OrderCommand cancel) {
        return report(order, cancel, ExecType.CANCELED, OrderStatus.CANCELED, 0, null, 0);
    }

    static OrderRejected rejected(OrderCommand command, RejectReason reason, String message) {
        return new OrderRejected(command.getCommandId(), command.getOrderId(), command.getAccount(), command.getClientOrderId(),
                command.getSymbol(), reason, message, "risk", command.getSubmittedAtMicros() + 50);
    }

    private static ExecutionReport report(OrderCommand order, OrderCommand cause, ExecType type, OrderStatus status, long last,
            Long lastPrice, long cumulative) {
        NewOrder terms = (NewOrder) order.getCommand();
        long leaves = status == OrderStatus.CANCELED || status == OrderStatus.FILLED ? 0 : terms.getQuantity() - cumulative;
        return ExecutionReport.newBuilder()
                .setExecutionId(cause.getCommandId() + "-" + type + "-" + cumulative)
                .setOrderId(order.getOrderId()).setCommandId(cause.getCommandId()).setAccount(order.getAccount())
                .setClientOrderId(order.getClientOrderId()).setSymbol(order.getSymbol()).setSide(terms.getSide())
                .setOrderType(terms.getType()).setTimeInForce(terms.getTimeInForce()).setExecType(type).setOrderStatus(status)
                .setOrderQuantity(terms.getQuantity()).setLimitPrice(terms.getLimitPrice()).setLastQuantity(last)
                .setLastPrice(lastPrice).setCumulativeQuantity(cumulative).setLeavesQuantity(leaves)
                .setAveragePrice(lastPrice).setBookSequence(1).setTransactTimeMicros(cause.getSubmittedAtMicros() + 100)
                .build();
    }
}
