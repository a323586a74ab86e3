package dev.tickflow.gateway.orders;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderRejected;

/** Told of every live report and refusal once the gateway has caught up (WebSocket sessions push them on). */
public interface OrderUpdates {

    void executed(ExecutionReport report);

    void rejected(OrderRejected rejected);
}
