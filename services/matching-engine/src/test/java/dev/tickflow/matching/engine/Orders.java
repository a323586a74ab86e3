package dev.tickflow.matching.engine;

import java.util.UUID;

import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;

/** Accepted commands as risk would forward them. */
final class Orders {

    private Orders() {
    }

    static OrderCommand limit(String account, String orderId, String symbol, Side side, long quantity, String price) {
        return command(account, orderId, symbol, new NewOrder(side, OrderType.LIMIT, TimeInForce.DAY, quantity, FixedPoint.parse(price)));
    }

    static OrderCommand limit(String account, String orderId, String symbol, Side side, long quantity, String price, TimeInForce tif) {
        return command(account, orderId, symbol, new NewOrder(side, OrderType.LIMIT, tif, quantity, FixedPoint.parse(price)));
    }

    static OrderCommand market(String account, String orderId, String symbol, Side side, long quantity) {
        return command(account, orderId, symbol, new NewOrder(side, OrderType.MARKET, TimeInForce.IOC, quantity, null));
    }

    static OrderCommand cancel(String account, String orderId, String symbol) {
        return command(account, orderId, symbol, new CancelOrder(null));
    }

    static OrderCommand replace(String account, String orderId, String symbol, Long quantity, String price) {
        return command(account, orderId, symbol, new ReplaceOrder(quantity, price == null ? null : FixedPoint.parse(price)));
    }

    private static OrderCommand command(String account, String orderId, String symbol, Object body) {
        return OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setOrderId(orderId).setAccount(account)
                .setClientOrderId("c-" + orderId).setSymbol(symbol).setChannel(OrderChannel.REST).setSubmittedAtMicros(1L)
                .setAcceptedAtMicros(2L).setCommand(body).build();
    }
}
