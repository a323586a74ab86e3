package dev.tickflow.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import org.junit.jupiter.api.Test;

/** Reports from three topics arrive in any order; an order's state only moves forward. */
class OrderStateTest {

    private final OrderCommand order = OrderCommand.newBuilder().setCommandId("c1").setOrderId("o1").setAccount("alice")
            .setClientOrderId("k1").setSymbol("AAA").setChannel(OrderChannel.REST).setSubmittedAtMicros(1_000)
            .setCommand(new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100L, FixedPoint.parse("10"))).build();

    @Test
    void aFillReadBeforeTheAcknowledgementIsNotUndoneByIt() {
        OrderState state = new OrderState("o1", "alice");
        state.submitted(order);
        state.report(report(ExecType.TRADE, OrderStatus.PARTIALLY_FILLED, 40, 60));
        state.report(report(ExecType.NEW, OrderStatus.NEW, 0, 100));

        OrderView view = state.view();
        assertThat(view.status()).isEqualTo("PARTIALLY_FILLED");
        assertThat(view.filledQuantity()).isEqualTo(40);
        assertThat(view.leavesQuantity()).isEqualTo(60);
    }

    @Test
    void aFinishedOrderStaysFinished() {
        OrderState state = new OrderState("o1", "alice");
        state.submitted(order);
        state.report(report(ExecType.TRADE, OrderStatus.FILLED, 100, 0));
        state.report(report(ExecType.TRADE, OrderStatus.PARTIALLY_FILLED, 40, 60));

        assertThat(state.view().status()).isEqualTo("FILLED");
        assertThat(state.view().filledQuantity()).isEqualTo(100);
    }

    @Test
    void aRefusedCancelLeavesTheOrderWorkingWhileARefusedOrderIsRejected() {
        OrderState state = new OrderState("o1", "alice");
        state.submitted(order);
        state.report(report(ExecType.NEW, OrderStatus.NEW, 0, 100));

        assertThat(state.rejected(refusal("c2", RejectReason.UNKNOWN_ORDER))).isFalse();
        assertThat(state.view().status()).isEqualTo("NEW");

        OrderState refused = new OrderState("o1", "alice");
        refused.submitted(order);
        assertThat(refused.rejected(refusal("c1", RejectReason.PRICE_COLLAR))).isTrue();
        assertThat(refused.view().status()).isEqualTo("REJECTED");
        assertThat(refused.view().rejectReason()).isEqualTo("PRICE_COLLAR");
        assertThat(refused.view().leavesQuantity()).isZero();
    }

    @Test
    void aRefusalReadBeforeTheOrdersCommandRejectsTheOrderWhenTheCommandComes() {
        OrderState state = new OrderState("o1", "alice");
        state.rejected(refusal("c1", RejectReason.PRICE_COLLAR));
        assertThat(state.view().status()).isEqualTo("PENDING_NEW");

        state.submitted(order);
        assertThat(state.view().status()).isEqualTo("REJECTED");
        assertThat(state.view().rejectReason()).isEqualTo("PRICE_COLLAR");
    }

    @Test
    void aRefusedCancelReadBeforeTheOrdersCommandLeavesTheOrderPending() {
        OrderState state = new OrderState("o1", "alice");
        state.rejected(refusal("c9", RejectReason.UNKNOWN_ORDER));
        state.submitted(order);
        assertThat(state.view().status()).isEqualTo("PENDING_NEW");
    }

    private ExecutionReport report(ExecType type, OrderStatus status, long cumulative, long leaves) {
        return ExecutionReport.newBuilder().setExecutionId("e-" + type + cumulative).setOrderId("o1").setCommandId("c1")
                .setAccount("alice").setClientOrderId("k1").setSymbol("AAA").setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.DAY).setExecType(type).setOrderStatus(status).setOrderQuantity(100)
                .setLimitPrice(FixedPoint.parse("10")).setLastQuantity(0).setCumulativeQuantity(cumulative).setLeavesQuantity(leaves)
                .setAveragePrice(cumulative == 0 ? null : FixedPoint.parse("10")).setBookSequence(1).setTransactTimeMicros(2_000)
                .build();
    }

    private static OrderRejected refusal(String commandId, RejectReason reason) {
        return new OrderRejected(commandId, "o1", "alice", "k1", "AAA", reason, "no", "risk", 3_000L);
    }
}
