package dev.tickflow.risk.state;

import dev.tickflow.model.FixedPoint;

/**
 * One account's position in one symbol. The cost of the open quantity is kept exactly (the sum of price x quantity of
 * the fills still open, micro-units): an average cost is derived from it for display only, so no rounding ever reaches
 * realized P&amp;L.
 */
public final class Position {

    public final String account;
    public final String symbol;
    /** Signed: long positive, short negative. */
    public long quantity;
    /** Exact cost (long) or proceeds (short) of the open quantity, micro-units, never negative. */
    public long costBasis;
    public long realizedPnl;
    public long openBuyQuantity;
    public long openSellQuantity;
    public long boughtQuantity;
    public long soldQuantity;
    public long lastFillMicros;

    public Position(String account, String symbol) {
        this.account = account;
        this.symbol = symbol;
    }

    /** The average price of the open quantity, half-even to the micro-unit; 0 when flat. */
    public long averageCost() {
        return quantity == 0 ? 0 : FixedPoint.divideHalfEven(costBasis, Math.abs(quantity));
    }

    public Position copy() {
        Position copy = new Position(account, symbol);
        copy.quantity = quantity;
        copy.costBasis = costBasis;
        copy.realizedPnl = realizedPnl;
        copy.openBuyQuantity = openBuyQuantity;
        copy.openSellQuantity = openSellQuantity;
        copy.boughtQuantity = boughtQuantity;
        copy.soldQuantity = soldQuantity;
        copy.lastFillMicros = lastFillMicros;
        return copy;
    }
}
