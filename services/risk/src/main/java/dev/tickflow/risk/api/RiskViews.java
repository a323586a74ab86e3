package dev.tickflow.risk.api;

import java.util.List;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.risk.positions.PositionMath;
import dev.tickflow.risk.state.PositionState;
import dev.tickflow.risk.topology.Limits;
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

        static PositionView of(PositionState position, Long last) {
            long mark = last != null ? last : position.getAverageCost();
            return new PositionView(position.getSymbol(), position.getQuantity(), FixedPoint.format(position.getAverageCost()),
                    last == null ? null : FixedPoint.format(last), FixedPoint.format(FixedPoint.notional(mark, position.getQuantity())),
                    FixedPoint.format(PositionMath.unrealized(position, mark)), FixedPoint.format(position.getRealizedPnl()),
                    position.getOpenBuyQuantity(), position.getOpenSellQuantity(), position.getBoughtQuantity(),
                    position.getSoldQuantity());
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
