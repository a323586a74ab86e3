package dev.tickflow.gateway.ws;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tickflow.gateway.orders.OrderView;
import dev.tickflow.support.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything the server sends on /ws/orders, told apart by {@code type}: {@code order} (or {@code orders} for list)
 * answers a command with the client's {@code requestId}, {@code error} refuses one, {@code execution} and
 * {@code rejected} are pushed as they happen, and {@code unconfirmed} when an order had no outcome in time.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SocketMessage(String type, String requestId, OrderView order, List<OrderView> orders, Problem problem,
        ExecutionView execution, RejectView reject) {

    static SocketMessage order(String requestId, OrderView order) {
        return new SocketMessage("order", requestId, order, null, null, null, null);
    }

    static SocketMessage orders(String requestId, List<OrderView> orders) {
        return new SocketMessage("orders", requestId, null, orders, null, null, null);
    }

    static SocketMessage error(String requestId, Problem problem) {
        return new SocketMessage("error", requestId, null, null, problem, null, null);
    }

    static SocketMessage execution(ExecutionView execution) {
        return new SocketMessage("execution", null, null, null, null, execution, null);
    }

    static SocketMessage unconfirmed(OrderView order) {
        return new SocketMessage("unconfirmed", null, order, null, null, null, null);
    }

    static SocketMessage rejected(RejectView reject) {
        return new SocketMessage("rejected", null, null, null, null, null, reject);
    }
}
