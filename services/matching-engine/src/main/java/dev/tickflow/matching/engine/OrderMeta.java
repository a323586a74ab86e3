package dev.tickflow.matching.engine;

import dev.tickflow.model.OrderType;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;

/** What the engine knows of an order beyond the book's numbers: who, what, and the cumulative fill value. */
final class OrderMeta {

    final String orderId;
    final String account;
    final String clientOrderId;
    final String symbol;
    final Side side;
    final OrderType type;
    final TimeInForce timeInForce;
    final long bookId;
    String commandId;
    long filledNotional;

    OrderMeta(String orderId, String account, String clientOrderId, String symbol, Side side, OrderType type, TimeInForce timeInForce,
            long bookId, String commandId) {
        this.orderId = orderId;
        this.account = account;
        this.clientOrderId = clientOrderId;
        this.symbol = symbol;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.bookId = bookId;
        this.commandId = commandId;
    }
}
