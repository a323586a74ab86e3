package dev.tickflow.risk.engine;

import java.math.BigInteger;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.Side;
import dev.tickflow.risk.state.AccountState;
import dev.tickflow.risk.state.OpenOrder;
import dev.tickflow.risk.state.Position;

/**
 * The pre-trade rules, each with its own reason. Pure: everything it needs is passed in, so the same input always
 * gets the same verdict (a replay after a crash decides as the first run did).
 */
public final class PreTradeChecks {

    private final boolean rejectUnknownInstruments;

    public PreTradeChecks(boolean rejectUnknownInstruments) {
        this.rejectUnknownInstruments = rejectUnknownInstruments;
    }

    /** Why a check failed, or {@link #PASS}. */
    public record Verdict(RejectReason reason, String message) {

        public boolean passed() {
            return reason == null;
        }
    }

    public static final Verdict PASS = new Verdict(null, null);

    /**
     * @param referencePrice the symbol's last trade, micro-units; null when none is known
     * @param instrument null when reference data does not know the symbol
     */
    public Verdict newOrder(String symbol, NewOrder order, long submittedAtMicros, Limits limits, AccountState account,
            Position position, Long referencePrice, Instrument instrument) {
        if (account.halted) {
            return new Verdict(RejectReason.ACCOUNT_HALTED, "trading is halted for " + account.accountId
                    + (account.haltReason == null ? "" : ": " + account.haltReason));
        }
        Verdict tradable = tradable(symbol, instrument);
        if (!tradable.passed()) {
            return tradable;
        }
        Verdict increments = increments(order.getType() == OrderType.MARKET ? null : order.getLimitPrice(), order.getQuantity(),
                instrument);
        if (!increments.passed()) {
            return increments;
        }
        if (order.getQuantity() > limits.maxOrderQuantity()) {
            return new Verdict(RejectReason.MAX_ORDER_QUANTITY, "quantity " + order.getQuantity() + " exceeds the maximum of "
                    + limits.maxOrderQuantity());
        }
        boolean market = order.getType() == OrderType.MARKET;
        if (market && referencePrice == null) {
            return new Verdict(RejectReason.NO_REFERENCE_PRICE, "no last trade of " + symbol + " to value a market order against");
        }
        long valuationPrice = market ? referencePrice : order.getLimitPrice();
        Verdict notional = notional(order.getQuantity(), valuationPrice, limits);
        if (!notional.passed()) {
            return notional;
        }
        if (!market && referencePrice != null) {
            Verdict collar = collar(order.getLimitPrice(), referencePrice, limits);
            if (!collar.passed()) {
                return collar;
            }
        }
        if (account.openOrders >= limits.maxOpenOrders()) {
            return new Verdict(RejectReason.MAX_OPEN_ORDERS, account.openOrders + " orders are open, the maximum is "
                    + limits.maxOpenOrders());
        }
        if (OrderRate.count(account, submittedAtMicros) >= limits.maxOrdersPerSecond()) {
            return new Verdict(RejectReason.ORDER_RATE, "more than " + limits.maxOrdersPerSecond() + " orders within one second");
        }
        return position(order.getSide() == Side.BUY, order.getQuantity(), position, limits);
    }

    /** A replace may raise the quantity or move the price: the checks that depend on them run again. */
    public Verdict replace(OpenOrder open, Long newQuantity, Long newPrice, long filled, Limits limits, AccountState account,
            Position position, Long referencePrice, Instrument instrument) {
        if (account.halted) {
            return new Verdict(RejectReason.ACCOUNT_HALTED, "trading is halted for " + account.accountId);
        }
        Verdict increments = increments(newPrice, newQuantity, instrument);
        if (!increments.passed()) {
            return increments;
        }
        long price = newPrice != null ? newPrice : open.limitPrice == null ? 0 : open.limitPrice;
        long totalQuantity = newQuantity != null ? newQuantity : filled + open.leaves;
        if (totalQuantity > limits.maxOrderQuantity()) {
            return new Verdict(RejectReason.MAX_ORDER_QUANTITY, "quantity " + totalQuantity + " exceeds the maximum of "
                    + limits.maxOrderQuantity());
        }
        Verdict notional = notional(totalQuantity, price, limits);
        if (!notional.passed()) {
            return notional;
        }
        if (newPrice != null && referencePrice != null) {
            Verdict collar = collar(newPrice, referencePrice, limits);
            if (!collar.passed()) {
                return collar;
            }
        }
        long addedLeaves = Math.max(0, totalQuantity - filled - open.leaves);
        return position(open.buy, addedLeaves, position, limits);
    }

    /** Prices on the instrument's tick grid and quantities in whole lots, when reference data knows the instrument. */
    private static Verdict increments(Long price, Long quantity, Instrument instrument) {
        if (instrument == null) {
            return PASS;
        }
        if (price != null && instrument.getTickSize() > 0 && price % instrument.getTickSize() != 0) {
            return new Verdict(RejectReason.INVALID_ORDER, "price " + FixedPoint.format(price) + " is not a multiple of the tick size "
                    + FixedPoint.format(instrument.getTickSize()) + " of " + instrument.getSymbol());
        }
        if (quantity != null && instrument.getLotSize() > 0 && quantity % instrument.getLotSize() != 0) {
            return new Verdict(RejectReason.INVALID_ORDER, "quantity " + quantity + " is not a whole number of lots of "
                    + instrument.getLotSize() + " of " + instrument.getSymbol());
        }
        return PASS;
    }

    private Verdict tradable(String symbol, Instrument instrument) {
        if (instrument == null) {
            return rejectUnknownInstruments
                    ? new Verdict(RejectReason.UNKNOWN_INSTRUMENT, "no instrument " + symbol + " in reference data") : PASS;
        }
        return instrument.getTradable() ? PASS : new Verdict(RejectReason.INSTRUMENT_NOT_TRADABLE, symbol + " is not tradable");
    }

    private static Verdict notional(long quantity, long price, Limits limits) {
        long notional;
        try {
            notional = FixedPoint.notional(price, quantity);
        } catch (ArithmeticException e) {
            notional = Long.MAX_VALUE;
        }
        if (notional > limits.maxOrderNotional()) {
            return new Verdict(RejectReason.MAX_ORDER_NOTIONAL, "notional " + FixedPoint.format(Math.min(notional, Long.MAX_VALUE))
                    + " exceeds the maximum of " + FixedPoint.format(limits.maxOrderNotional()));
        }
        return PASS;
    }

    /** |price - reference| / reference must not exceed the collar; compared exactly. */
    private static Verdict collar(long price, long reference, Limits limits) {
        BigInteger distance = BigInteger.valueOf(Math.abs(price - reference)).multiply(BigInteger.valueOf(10_000));
        BigInteger allowed = BigInteger.valueOf(reference).multiply(BigInteger.valueOf(limits.priceCollarBps()));
        if (distance.compareTo(allowed) > 0) {
            return new Verdict(RejectReason.PRICE_COLLAR, "limit " + FixedPoint.format(price) + " is more than "
                    + limits.priceCollarBps() + " bp from the last trade " + FixedPoint.format(reference));
        }
        return PASS;
    }

    /** The worst case: the position if every open order on that side and this one filled. */
    private static Verdict position(boolean buy, long quantity, Position position, Limits limits) {
        long worst = buy
                ? position.quantity + position.openBuyQuantity + quantity
                : position.quantity - position.openSellQuantity - quantity;
        if (Math.abs(worst) > limits.maxPositionQuantity()) {
            return new Verdict(RejectReason.MAX_POSITION, "position could reach " + worst + ", the maximum is "
                    + limits.maxPositionQuantity());
        }
        return PASS;
    }
}
