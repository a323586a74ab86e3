package dev.tickflow.gateway.ws;

import java.math.BigDecimal;

import dev.tickflow.gateway.orders.OrderRequest;
import dev.tickflow.gateway.orders.ReplaceRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A command sent on /ws/orders: {@code action} is new, cancel, replace, get or list; the other fields are those of
 * the REST bodies. {@code requestId} is echoed in the answer so the client can pair them.
 */
@RegisterForReflection
public record SocketCommand(String action, String requestId, String orderId, String clientOrderId, String account, String symbol,
        String side, String type, String timeInForce, Long quantity, BigDecimal limitPrice, String status) {

    OrderRequest order() {
        return new OrderRequest(clientOrderId, account, symbol, side, type, timeInForce, quantity, limitPrice);
    }

    ReplaceRequest replace() {
        return new ReplaceRequest(quantity, limitPrice);
    }
}
