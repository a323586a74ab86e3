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

/** The registry remembers working orders and each account's newest finished ones; what it forgets frees its client order id. */
class OrderRegistryTest {

    private final OrderRegistry registry = new OrderRegistry(2);

    @Test
    void finishedOrdersBeyondTheLimitAreForgottenWithTheirClientOrderIds() {
        OrderCommand working = command("alice", 0);
        registry.submitted(working);
        registry.reported(report(working, ExecType.NEW, OrderStatus.NEW));
        for (int i = 1; i <= 3; i++) {
            OrderCommand filled = command("alice", i);
            registry.submitted(filled);
            registry.reported(report(filled, ExecType.TRADE, OrderStatus.FILLED));
        }

        assertThat(registry.find("alice-o1")).isEmpty();
        assertThat(registry.byClientOrderId("alice", "k1")).isEmpty();
        assertThat(registry.claim("alice", "k1", "a-new-order")).isEmpty();
        assertThat(registry.find("alice-o2")).isPresent();
        assertThat(registry.find("alice-o3")).isPresent();
        assertThat(registry.ordersOf("alice")).extracting(OrderView::orderId).containsExactlyInAnyOrder("alice-o0", "alice-o2",
                "alice-o3");
        assertThat(registry.claim("alice", "k0", "another")).contains("alice-o0");
    }

    @Test
    void eachAccountKeepsItsOwnFinishedOrders() {
        for (int i = 1; i <= 2; i++) {
            OrderCommand alices = command("alice", i);
            registry.submitted(alices);
            registry.refused(refusal(alices));
        }
        OrderCommand bobs = command("bob", 1);
        registry.submitted(bobs);
        registry.refused(refusal(bobs));

        assertThat(registry.size()).isEqualTo(3);
        assertThat(registry.find("alice-o1").map(state -> state.view().status())).contains("REJECTED");
    }

    @Test
    void anOrderRefusedBeforeItsCommandIsReadCountsAsFinished() {
        for (int i = 1; i <= 3; i++) {
            OrderCommand order = command("alice", i);
            registry.refused(refusal(order));
            registry.submitted(order);
        }

        assertThat(registry.find("alice-o1")).isEmpty();
        assertThat(registry.find("alice-o3").map(state -> state.view().status())).contains("REJECTED");
    }

    private static OrderCommand command(String account, int number) {
        return OrderCommand.newBuilder().setCommandId(account + "-c" + number).setOrderId(account + "-o" + number).setAccount(account)
                .setClientOrderId("k" + number).setSymbol("AAA").setChannel(OrderChannel.REST).setSubmittedAtMicros(1_000L * number)
                .setCommand(new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100L, FixedPoint.parse("10"))).build();
    }

    private static ExecutionReport report(OrderCommand order, ExecType type, OrderStatus status) {
        long filled = status == OrderStatus.FILLED ? 100 : 0;
        return ExecutionReport.newBuilder().setExecutionId(order.getCommandId() + "-" + type).setOrderId(order.getOrderId())
                .setCommandId(order.getCommandId()).setAccount(order.getAccount()).setClientOrderId(order.getClientOrderId())
                .setSymbol("AAA").setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.DAY).setExecType(type)
                .setOrderStatus(status).setOrderQuantity(100).setLimitPrice(FixedPoint.parse("10")).setLastQuantity(filled)
                .setCumulativeQuantity(filled).setLeavesQuantity(100 - filled)
                .setAveragePrice(filled == 0 ? null : FixedPoint.parse("10")).setBookSequence(1)
                .setTransactTimeMicros(order.getSubmittedAtMicros() + 10).build();
    }

    private static OrderRejected refusal(OrderCommand order) {
        return new OrderRejected(order.getCommandId(), order.getOrderId(), order.getAccount(), order.getClientOrderId(), "AAA",
                RejectReason.PRICE_COLLAR, "off the collar", "risk", order.getSubmittedAtMicros() + 10);
    }
}
