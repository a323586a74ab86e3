package dev.tickflow.risk.api;

import java.util.List;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.risk.positions.PositionMath;
import dev.tickflow.risk.engine.Limits;
import dev.tickflow.risk.state.Position;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the risk API returns; money and prices are exact decimal strings. */
public final class RiskViews {

    private RiskViews() {
    }

    /** One position, valued at the symbol's last trade when there is one. */
    @RegisterForReflection
    public record PositionView(String symbol, long quantity, String averageCost, String lastPrice, String marketValue,
            String unrealizedPnl, String realizedPnl, long openBuyQuantity, long openSellQuantity, long boughtQuantity,
            long soldQuantity) {

        /** Average cost is rounded here, for display; P&amp;L comes from the exact cost basis. */
        static PositionView of(Position position, Long last) {
            long mark = last != null ? last : position.averageCost();
            long unrealized = last != null ? PositionMath.unrealized(position, last) : 0;
            return new PositionView(position.symbol, position.quantity, FixedPoint.format(position.averageCost()),
                    last == null ? null : FixedPoint.format(last), FixedPoint.format(FixedPoint.notional(mark, position.quantity)),
                    FixedPoint.format(unrealized), FixedPoint.format(position.realizedPnl), position.openBuyQuantity,
                    position.openSellQuantity, position.boughtQuantity, position.soldQuantity);
        }
    }

    /** GET /accounts/{account}/pnl. */
    @RegisterForReflection
    public record PnlView(String account, String realizedPnl, String unrealizedPnl, String totalPnl, List<PositionView> positions) {
    }

    /** GET /accounts/{account}/risk: the switch, the open orders and the limits in force. */
    @RegisterForReflection
    public record RiskView(String account, boolean halted, String haltReason, int openOrders, LimitsView limits) {
    }

    /** Limits as decimals. */
    @RegisterForReflection
    public record LimitsView(long maxOrderQuantity, String maxOrderNotional, long maxPositionQuantity, int maxOpenOrders,
            int maxOrdersPerSecond, int priceCollarBps) {

        static LimitsView of(Limits limits) {
            return new LimitsView(limits.maxOrderQuantity(), FixedPoint.format(limits.maxOrderNotional()), limits.maxPositionQuantity(),
                    limits.maxOpenOrders(), limits.maxOrdersPerSecond(), limits.priceCollarBps());
        }
    }

    /** Body of POST /accounts/{account}/halt. */
    @RegisterForReflection
    public record HaltRequest(String reason) {
    }
}
