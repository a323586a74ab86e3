package dev.tickflow.risk.positions;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.risk.state.PositionState;

/**
 * Position keeping by average cost. A fill in the direction of the position (or from flat) moves the average cost to
 * the quantity-weighted average (half-even to the micro-unit); a fill against it realizes (fill price - average cost) x
 * closed quantity and leaves the cost of the rest unchanged; a fill through zero opens the remainder at the fill price.
 * All money is exact micro-units; overflow throws.
 */
public final class PositionMath {

    private PositionMath() {
    }

    public static PositionState flat(String account, String symbol) {
        return PositionState.newBuilder().setAccountId(account).setSymbol(symbol).setQuantity(0).setAverageCost(0).setRealizedPnl(0)
                .setOpenBuyQuantity(0).setOpenSellQuantity(0).setBoughtQuantity(0).setSoldQuantity(0).setLastFillMicros(0).build();
    }

    public static void applyFill(PositionState position, boolean buy, long quantity, long price, long timeMicros) {
        long signed = buy ? quantity : -quantity;
        long held = position.getQuantity();
        if (held == 0 || Long.signum(held) == Long.signum(signed)) {
            long total = Math.abs(held) + quantity;
            long cost = Math.addExact(FixedPoint.notional(position.getAverageCost(), Math.abs(held)), FixedPoint.notional(price, quantity));
            position.setAverageCost(FixedPoint.divideHalfEven(cost, total));
            position.setQuantity(held + signed);
        } else {
            long closing = Math.min(Math.abs(held), quantity);
            long pnlPerUnit = Math.subtractExact(price, position.getAverageCost());
            long realized = FixedPoint.notional(pnlPerUnit, closing) * Long.signum(held);
            position.setRealizedPnl(Math.addExact(position.getRealizedPnl(), realized));
            long after = held + signed;
            position.setQuantity(after);
            if (after == 0) {
                position.setAverageCost(0);
            } else if (Long.signum(after) != Long.signum(held)) {
                position.setAverageCost(price);
            }
        }
        if (buy) {
            position.setBoughtQuantity(position.getBoughtQuantity() + quantity);
        } else {
            position.setSoldQuantity(position.getSoldQuantity() + quantity);
        }
        position.setLastFillMicros(timeMicros);
    }

    /** (mark - average cost) x quantity; zero when flat. */
    public static long unrealized(PositionState position, long markPrice) {
        if (position.getQuantity() == 0) {
            return 0;
        }
        return FixedPoint.notional(Math.subtractExact(markPrice, position.getAverageCost()), position.getQuantity());
    }
}
