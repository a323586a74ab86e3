package dev.tickflow.gateway.ws;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.OrderRejected;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A refused command as its owner sees it over the WebSocket. */
@RegisterForReflection
public record RejectView(String orderId, String clientOrderId, String account, String symbol, String reason, String message,
        String rejectedBy, String rejectedAt) {

    static RejectView of(OrderRejected rejected) {
        return new RejectView(rejected.getOrderId(), rejected.getClientOrderId(), rejected.getAccount(), rejected.getSymbol(),
                rejected.getReason().name(), rejected.getMessage(), rejected.getRejectedBy(),
                EventTime.toInstant(rejected.getRejectedAtMicros()).toString());
    }
}
