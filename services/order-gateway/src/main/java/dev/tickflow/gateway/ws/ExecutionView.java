package dev.tickflow.gateway.ws;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An execution report as its owner sees it over the WebSocket; prices are exact decimal strings. */
@RegisterForReflection
public record ExecutionView(String executionId, String orderId, String clientOrderId, String account, String symbol, String side,
        String execType, String orderStatus, long orderQuantity, String limitPrice, long lastQuantity, String lastPrice,
        long cumulativeQuantity, long leavesQuantity, String averagePrice, String liquidity, String tradeId, String text,
        String transactTime) {

    static ExecutionView of(ExecutionReport report) {
        return new ExecutionView(report.getExecutionId(), report.getOrderId(), report.getClientOrderId(), report.getAccount(),
                report.getSymbol(), report.getSide().name(), report.getExecType().name(), report.getOrderStatus().name(),
                report.getOrderQuantity(), price(report.getLimitPrice()), report.getLastQuantity(), price(report.getLastPrice()),
                report.getCumulativeQuantity(), report.getLeavesQuantity(), price(report.getAveragePrice()),
                report.getLiquidity() == null ? null : report.getLiquidity().name(), report.getTradeId(), report.getText(),
                EventTime.toInstant(report.getTransactTimeMicros()).toString());
    }

    private static String price(Long micros) {
        return micros == null ? null : FixedPoint.format(micros);
    }
}
