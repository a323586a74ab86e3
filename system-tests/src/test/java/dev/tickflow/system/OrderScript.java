package dev.tickflow.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;

/**
 * A reproducible stream of order commands for two accounts on two symbols, as the gateway would write them: limit
 * orders around 100, market orders, cancels and replaces of earlier orders (some no longer working), and a few orders
 * over the quantity limit. The same seed gives the same commands under any run prefix, so that two runs can be
 * compared once the prefix is taken out.
 */
final class OrderScript {

    record Step(OrderCommand command, long timestampMillis) {
    }

    private OrderScript() {
    }

    static List<Step> generate(long seed, int count, String[] accounts, String[] symbols, String run, long startMillis) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        List<OrderCommand> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = accounts[random.nextInt(accounts.length)];
            int kind = random.nextInt(100);
            Object body;
            OrderCommand target = null;
            if (kind < 62 || orders.isEmpty()) {
                long price = FixedPoint.parse("100") + (random.nextInt(41) - 20) * FixedPoint.parse("0.25");
                body = new NewOrder(random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                        1L + random.nextInt(50), price);
            } else if (kind < 72) {
                body = new NewOrder(random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.MARKET, TimeInForce.IOC,
                        1L + random.nextInt(30), null);
            } else if (kind < 87) {
                target = orders.get(random.nextInt(orders.size()));
                body = new CancelOrder(null);
            } else if (kind < 96) {
                target = orders.get(random.nextInt(orders.size()));
                body = new ReplaceOrder(random.nextBoolean() ? 1L + random.nextInt(60) : null,
                        FixedPoint.parse("100") + (random.nextInt(21) - 10) * FixedPoint.parse("0.25"));
            } else {
                body = new NewOrder(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 5_000_000L, FixedPoint.parse("100"));
            }
            String symbol = target != null ? target.getSymbol() : run + symbols[random.nextInt(symbols.length)];
            String orderId = target != null ? target.getOrderId() : run + "o" + i;
            String owner = target != null ? target.getAccount() : run + account;
            OrderCommand command = OrderCommand.newBuilder().setCommandId(run + "c" + i).setOrderId(orderId).setAccount(owner)
                    .setClientOrderId(run + "k" + i).setSymbol(symbol).setChannel(OrderChannel.OTHER)
                    .setSubmittedAtMicros((startMillis + i * 50L) * 1000).setCommand(body).build();
            if (target == null && body instanceof NewOrder) {
                orders.add(command);
            }
            steps.add(new Step(command, startMillis + i * 50L));
        }
        return steps;
    }
}
