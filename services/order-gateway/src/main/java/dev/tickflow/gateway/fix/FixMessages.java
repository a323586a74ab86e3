package dev.tickflow.gateway.fix;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.tickflow.gateway.orders.OrderRequest;
import dev.tickflow.gateway.orders.OrderView;
import dev.tickflow.gateway.orders.ReplaceRequest;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RejectReason;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.SecondaryExecID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;

/**
 * FIX 4.4 messages to and from the gateway's own types. Prices and quantities cross as decimal text, never as doubles:
 * QuickFIX/J's price fields are doubles, so they are read and written by tag as strings.
 */
final class FixMessages {

    /** Side (54) when the order is not known: undisclosed. */
    private static final char UNKNOWN_SIDE = '7';

    private FixMessages() {
    }

    /** NewOrderSingle (D) as the order request every channel makes; the validator judges the values. */
    static OrderRequest newOrder(Message single, String account) throws FieldNotFound {
        return new OrderRequest(single.getString(ClOrdID.FIELD), account, single.getString(Symbol.FIELD),
                side(single.getChar(Side.FIELD)), type(single.getChar(OrdType.FIELD)),
                single.isSetField(TimeInForce.FIELD) ? timeInForce(single.getChar(TimeInForce.FIELD)) : null,
                quantity(single.getString(OrderQty.FIELD)),
                single.isSetField(Price.FIELD) ? new BigDecimal(single.getString(Price.FIELD)) : null);
    }

    /** OrderCancelReplaceRequest (G): the new total quantity and price. */
    static ReplaceRequest replace(Message request) throws FieldNotFound {
        return new ReplaceRequest(request.isSetField(OrderQty.FIELD) ? quantity(request.getString(OrderQty.FIELD)) : null,
                request.isSetField(Price.FIELD) ? new BigDecimal(request.getString(Price.FIELD)) : null);
    }

    /** An execution report of the platform as ExecutionReport (8). */
    static quickfix.fix44.ExecutionReport report(ExecutionReport report) {
        quickfix.fix44.ExecutionReport message = new quickfix.fix44.ExecutionReport();
        message.setString(OrderID.FIELD, report.getOrderId());
        message.setString(ClOrdID.FIELD, report.getClientOrderId());
        message.setString(ExecID.FIELD, report.getExecutionId());
        message.setChar(ExecType.FIELD, execType(report.getExecType()));
        message.setChar(OrdStatus.FIELD, ordStatus(report.getOrderStatus()));
        message.setString(Symbol.FIELD, report.getSymbol());
        message.setChar(Side.FIELD, side(report.getSide().name()));
        message.setChar(OrdType.FIELD, report.getOrderType() == dev.tickflow.model.OrderType.MARKET ? OrdType.MARKET : OrdType.LIMIT);
        message.setChar(TimeInForce.FIELD, timeInForce(report.getTimeInForce()));
        message.setString(OrderQty.FIELD, Long.toString(report.getOrderQuantity()));
        if (report.getLimitPrice() != null) {
            message.setString(Price.FIELD, FixedPoint.format(report.getLimitPrice()));
        }
        if (report.getExecType() == dev.tickflow.model.ExecType.TRADE) {
            message.setString(LastQty.FIELD, Long.toString(report.getLastQuantity()));
            message.setString(LastPx.FIELD, FixedPoint.format(report.getLastPrice()));
            if (report.getTradeId() != null) {
                // FIX 4.4's ExecutionReport has no TrdMatchID (880): the trade id, shared by both sides, goes here
                message.setString(SecondaryExecID.FIELD, report.getTradeId());
            }
        }
        message.setString(LeavesQty.FIELD, Long.toString(report.getLeavesQuantity()));
        message.setString(CumQty.FIELD, Long.toString(report.getCumulativeQuantity()));
        message.setString(AvgPx.FIELD, report.getAveragePrice() == null ? "0" : FixedPoint.format(report.getAveragePrice()));
        message.setUtcTimeStamp(TransactTime.FIELD, utc(EventTime.toInstant(report.getTransactTimeMicros())), true);
        if (report.getText() != null) {
            message.setString(Text.FIELD, report.getText());
        }
        return message;
    }

    /** A refusal of a new order (by the gateway, risk or the book) as ExecutionReport (8) with ExecType Rejected. */
    static quickfix.fix44.ExecutionReport rejected(OrderRejected rejected, OrderView order) {
        quickfix.fix44.ExecutionReport message = rejection(rejected.getOrderId(), rejected.getClientOrderId(),
                "rejected-" + rejected.getCommandId(), rejected.getSymbol(), order == null ? null : order.side(), rejected.getMessage());
        message.setInt(OrdRejReason.FIELD, ordRejReason(rejected.getReason()));
        if (order != null) {
            message.setString(OrderQty.FIELD, Long.toString(order.quantity()));
        }
        message.setUtcTimeStamp(TransactTime.FIELD, utc(EventTime.toInstant(rejected.getRejectedAtMicros())), true);
        return message;
    }

    /** A new order the gateway refused before it reached Kafka (it breaks a rule, or the gateway is catching up). */
    static quickfix.fix44.ExecutionReport refused(OrderRequest request, String rejectionId, String text, Instant at) {
        quickfix.fix44.ExecutionReport message = rejection("NONE", request.clientOrderId(), rejectionId, request.symbol(),
                request.side(), text);
        message.setInt(OrdRejReason.FIELD, OrdRejReason.OTHER);
        message.setUtcTimeStamp(TransactTime.FIELD, utc(at), true);
        return message;
    }

    /**
     * The answer to an OrderStatusRequest (H): ExecType Order Status with where the order stands, or, for a ClOrdID the
     * account does not have, OrdStatus Rejected with the reason.
     */
    static quickfix.fix44.ExecutionReport status(Message request, OrderView order, String statusId, Instant at) throws FieldNotFound {
        quickfix.fix44.ExecutionReport message = new quickfix.fix44.ExecutionReport();
        String clientOrderId = request.getString(ClOrdID.FIELD);
        message.setString(ExecID.FIELD, statusId);
        message.setChar(ExecType.FIELD, ExecType.ORDER_STATUS);
        message.setString(ClOrdID.FIELD, clientOrderId);
        message.setUtcTimeStamp(TransactTime.FIELD, utc(at), true);
        if (order == null) {
            message.setString(OrderID.FIELD, "NONE");
            message.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
            message.setString(Symbol.FIELD, request.isSetField(Symbol.FIELD) ? request.getString(Symbol.FIELD) : "NONE");
            message.setChar(Side.FIELD, request.isSetField(Side.FIELD) ? request.getChar(Side.FIELD) : UNKNOWN_SIDE);
            message.setString(LeavesQty.FIELD, "0");
            message.setString(CumQty.FIELD, "0");
            message.setString(AvgPx.FIELD, "0");
            message.setString(Text.FIELD, "no order of this account has ClOrdID " + clientOrderId);
            return message;
        }
        message.setString(OrderID.FIELD, order.orderId());
        message.setChar(OrdStatus.FIELD, ordStatus(order.status()));
        message.setString(Symbol.FIELD, order.symbol());
        message.setChar(Side.FIELD, order.side() == null ? UNKNOWN_SIDE : side(order.side()));
        if (order.type() != null) {
            message.setChar(OrdType.FIELD, "MARKET".equals(order.type()) ? OrdType.MARKET : OrdType.LIMIT);
        }
        message.setString(OrderQty.FIELD, Long.toString(order.quantity()));
        if (order.limitPrice() != null) {
            message.setString(Price.FIELD, order.limitPrice());
        }
        message.setString(LeavesQty.FIELD, Long.toString(order.leavesQuantity()));
        message.setString(CumQty.FIELD, Long.toString(order.filledQuantity()));
        message.setString(AvgPx.FIELD, order.averagePrice() == null ? "0" : order.averagePrice());
        if (order.rejectMessage() != null) {
            message.setString(Text.FIELD, order.rejectMessage());
        }
        return message;
    }

    /** OrderCancelReject (9), for a cancel (F) or replace (G) that cannot be carried out. */
    static quickfix.fix44.OrderCancelReject cancelRejected(String clientOrderId, String originalClientOrderId, OrderView order,
            boolean replace, int reason, String text) {
        quickfix.fix44.OrderCancelReject message = new quickfix.fix44.OrderCancelReject();
        message.setString(OrderID.FIELD, order == null ? "NONE" : order.orderId());
        message.setString(ClOrdID.FIELD, clientOrderId);
        message.setString(OrigClOrdID.FIELD, originalClientOrderId);
        message.setChar(OrdStatus.FIELD, order == null ? OrdStatus.REJECTED : ordStatus(order.status()));
        message.setChar(CxlRejResponseTo.FIELD, replace ? CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST
                : CxlRejResponseTo.ORDER_CANCEL_REQUEST);
        message.setInt(CxlRejReason.FIELD, reason);
        message.setString(Text.FIELD, text);
        return message;
    }

    private static quickfix.fix44.ExecutionReport rejection(String orderId, String clientOrderId, String executionId, String symbol,
            String side, String text) {
        quickfix.fix44.ExecutionReport message = new quickfix.fix44.ExecutionReport();
        message.setString(OrderID.FIELD, orderId);
        message.setString(ClOrdID.FIELD, clientOrderId);
        message.setString(ExecID.FIELD, executionId);
        message.setChar(ExecType.FIELD, ExecType.REJECTED);
        message.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
        message.setString(Symbol.FIELD, symbol == null ? "NONE" : symbol);
        message.setChar(Side.FIELD, side == null ? UNKNOWN_SIDE : side(side));
        message.setString(LeavesQty.FIELD, "0");
        message.setString(CumQty.FIELD, "0");
        message.setString(AvgPx.FIELD, "0");
        message.setString(Text.FIELD, text);
        return message;
    }

    static int ordRejReason(RejectReason reason) {
        return switch (reason) {
            case UNKNOWN_INSTRUMENT -> OrdRejReason.UNKNOWN_SYMBOL;
            case INSTRUMENT_NOT_TRADABLE -> OrdRejReason.EXCHANGE_CLOSED;
            case MAX_ORDER_QUANTITY, MAX_ORDER_NOTIONAL, MAX_POSITION, MAX_OPEN_ORDERS, ORDER_RATE, PRICE_COLLAR ->
                    OrdRejReason.ORDER_EXCEEDS_LIMIT;
            case UNKNOWN_ORDER -> OrdRejReason.UNKNOWN_ORDER;
            case UNKNOWN_ACCOUNT -> OrdRejReason.UNKNOWN_ACCOUNT;
            default -> OrdRejReason.OTHER;
        };
    }

    private static String side(char side) {
        return switch (side) {
            case Side.BUY -> "BUY";
            case Side.SELL -> "SELL";
            default -> "FIX side " + side;
        };
    }

    private static char side(String side) {
        return switch (side) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> UNKNOWN_SIDE;
        };
    }

    private static String type(char type) {
        return switch (type) {
            case OrdType.LIMIT -> "LIMIT";
            case OrdType.MARKET -> "MARKET";
            default -> "FIX type " + type;
        };
    }

    private static String timeInForce(char timeInForce) {
        return switch (timeInForce) {
            case TimeInForce.DAY -> "DAY";
            case TimeInForce.GOOD_TILL_CANCEL -> "GTC";
            case TimeInForce.IMMEDIATE_OR_CANCEL -> "IOC";
            default -> "FIX time in force " + timeInForce;
        };
    }

    private static char timeInForce(dev.tickflow.model.TimeInForce timeInForce) {
        return switch (timeInForce) {
            case GTC -> TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> TimeInForce.IMMEDIATE_OR_CANCEL;
            default -> TimeInForce.DAY;
        };
    }

    /** A whole number of shares; "100" and "100.0" alike, a fraction is the validator's to refuse (as zero here). */
    private static Long quantity(String text) {
        BigDecimal quantity = new BigDecimal(text).stripTrailingZeros();
        return quantity.scale() > 0 ? Long.valueOf(0) : Long.valueOf(quantity.longValueExact());
    }

    private static char execType(dev.tickflow.model.ExecType type) {
        return switch (type) {
            case NEW -> ExecType.NEW;
            case TRADE -> ExecType.TRADE;
            case CANCELED -> ExecType.CANCELED;
            case REPLACED -> ExecType.REPLACED;
            case EXPIRED -> ExecType.EXPIRED;
            default -> ExecType.ORDER_STATUS;
        };
    }

    private static char ordStatus(dev.tickflow.model.OrderStatus status) {
        return ordStatus(status.name());
    }

    private static char ordStatus(String status) {
        return switch (status) {
            case "NEW" -> OrdStatus.NEW;
            case "PENDING_NEW" -> OrdStatus.PENDING_NEW;
            case "PARTIALLY_FILLED" -> OrdStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrdStatus.FILLED;
            case "CANCELED" -> OrdStatus.CANCELED;
            case "EXPIRED" -> OrdStatus.EXPIRED;
            default -> OrdStatus.REJECTED;
        };
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
