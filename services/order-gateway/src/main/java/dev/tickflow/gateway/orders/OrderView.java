package dev.tickflow.gateway.orders;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An order as its owner sees it. Prices are exact decimal strings.
 *
 * @param status PENDING_NEW (sent, not yet acknowledged), UNCONFIRMED (no outcome in time, or the write's fate unknown),
 *     NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED or REJECTED
 * @param note why an order is UNCONFIRMED; null otherwise
 */
@RegisterForReflection
public record OrderView(String orderId, String clientOrderId, String account, String symbol, String side, String type,
        String timeInForce, long quantity, String limitPrice, String status, long filledQuantity, long leavesQuantity,
        String averagePrice, String rejectReason, String rejectMessage, String submittedAt, String updatedAt, String note) {
}
