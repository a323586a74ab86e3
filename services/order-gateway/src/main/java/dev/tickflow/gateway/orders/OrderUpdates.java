package dev.tickflow.gateway.orders;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderRejected;

/** Told of every live report and refusal once the gateway has caught up (WebSocket sessions push them on). */
public interface OrderUpdates {

    void executed(ExecutionReport report);

    void rejected(OrderRejected rejected);

    /** An order had no outcome in time, or the fate of its write is unknown. */
    default void unconfirmed(OrderView order) {
    }
}
