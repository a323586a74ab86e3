package dev.tickflow.risk.positions;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.risk.state.Position;

/**
 * Position keeping on an exact cost basis. A fill in the direction of the position (or from flat) adds price x quantity
 * to the cost of the open quantity; a fill against it takes the closed share of that cost out (all of it when the
 * position closes, so nothing is ever left over) and realizes the difference to the fill's value; a fill through zero
 * closes the position and opens the rest at the fill price. Money is exact micro-units; overflow throws.
 */
public final class PositionMath {

    private PositionMath() {
    }

    public static void applyFill(Position position, boolean buy, long quantity, long price, long timeMicros) {
        long signed = buy ? quantity : -quantity;
        long held = position.quantity;
        long value = FixedPoint.notional(price, quantity);
        if (held == 0 || Long.signum(held) == Long.signum(signed)) {
            position.costBasis = Math.addExact(position.costBasis, value);
            position.quantity = Math.addExact(held, signed);
        } else {
            long closing = Math.min(Math.abs(held), quantity);
            long closedCost = closing == Math.abs(held) ? position.costBasis : share(position.costBasis, closing, Math.abs(held));
            long closedValue = FixedPoint.notional(price, closing);
            // a long position realizes what it sells for above its cost, a short what it cost to buy back below its proceeds
            long realized = held > 0 ? Math.subtractExact(closedValue, closedCost) : Math.subtractExact(closedCost, closedValue);
            position.realizedPnl = Math.addExact(position.realizedPnl, realized);
            position.costBasis = Math.subtractExact(position.costBasis, closedCost);
            long after = held + signed;
            position.quantity = after;
            if (after != 0 && Long.signum(after) != Long.signum(held)) {
                position.costBasis = FixedPoint.notional(price, Math.abs(after));
            }
        }
        if (buy) {
            position.boughtQuantity += quantity;
        } else {
            position.soldQuantity += quantity;
        }
        position.lastFillMicros = timeMicros;
    }

    /** (mark x quantity) against the cost of the open quantity; zero when flat. */
    public static long unrealized(Position position, long markPrice) {
        if (position.quantity == 0) {
            return 0;
        }
        long marked = FixedPoint.notional(markPrice, position.quantity);
        return position.quantity > 0 ? Math.subtractExact(marked, position.costBasis) : Math.addExact(marked, position.costBasis);
    }

    /** cost x part / whole, half-even to the micro-unit, without overflow. */
    private static long share(long cost, long part, long whole) {
        return new BigDecimal(BigInteger.valueOf(cost).multiply(BigInteger.valueOf(part)))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
