package dev.tickflow.risk.engine;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.risk.RiskConfig;

/**
 * The limits a check runs against: the account's from ref.limits, else the configured defaults.
 *
 * @param maxOrderNotional micro-units
 * @param priceCollarBps a limit price may be this many basis points from the last trade
 */
public record Limits(long maxOrderQuantity, long maxOrderNotional, long maxPositionQuantity, int maxOpenOrders,
        int maxOrdersPerSecond, int priceCollarBps) {

    public static Limits of(RiskLimits limits) {
        return new Limits(limits.getMaxOrderQuantity(), limits.getMaxOrderNotional(), limits.getMaxPositionQuantity(),
                limits.getMaxOpenOrders(), limits.getMaxOrdersPerSecond(), limits.getPriceCollarBps());
    }

    public static Limits of(RiskConfig.DefaultLimits defaults) {
        return new Limits(defaults.maxOrderQuantity(), FixedPoint.parse(defaults.maxOrderNotional()), defaults.maxPositionQuantity(),
                defaults.maxOpenOrders(), defaults.maxOrdersPerSecond(), defaults.priceCollarBps());
    }
}
