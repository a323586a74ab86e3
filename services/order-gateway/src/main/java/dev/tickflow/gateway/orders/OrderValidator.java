package dev.tickflow.gateway.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.support.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/** The shape rules of order entry; every broken rule is reported at once, and nothing invalid reaches Kafka. */
@ApplicationScoped
public class OrderValidator {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,15}");
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:\\-]+");

    private final int maxClientOrderIdLength;
    private final boolean requireKnownSymbols;
    private final InstrumentDirectory instruments;

    OrderValidator(GatewayConfig config, InstrumentDirectory instruments) {
        this.maxClientOrderIdLength = config.maxClientOrderIdLength();
        this.requireKnownSymbols = config.requireKnownSymbols();
        this.instruments = instruments;
    }

    /** A valid new order, or the list of what is wrong with it. */
    public sealed interface Checked {
    }

    /** Every rule passed. */
    public record Valid(String clientOrderId, String symbol, NewOrder order) implements Checked {
    }

    /** Some rule failed. */
    public record Invalid(List<Problem.FieldError> errors) implements Checked {
    }

    public Checked newOrder(OrderRequest request) {
        if (request == null) {
            return new Invalid(List.of(new Problem.FieldError("$", "missing", "an order body is required")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String clientOrderId = clientOrderId(request.clientOrderId(), errors);
        String symbol = request.symbol() == null ? null : request.symbol().trim().toUpperCase(Locale.ROOT);
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
            errors.add(new Problem.FieldError("symbol", "invalid", "symbol must be 1-16 letters, digits, '.' or '-'"));
        } else if (requireKnownSymbols) {
            var instrument = instruments.find(symbol);
            if (instrument.isEmpty()) {
                errors.add(new Problem.FieldError("symbol", "unknown", "reference data lists no instrument " + symbol));
            } else if (!instrument.get().getTradable()) {
                errors.add(new Problem.FieldError("symbol", "not-tradable", symbol + " is not tradable"));
            }
        }
        Side side = parse(Side.class, request.side(), "side", errors, null);
        OrderType type = parse(OrderType.class, request.type(), "type", errors, OrderType.LIMIT);
        TimeInForce timeInForce = parse(TimeInForce.class, request.timeInForce(), "timeInForce", errors, TimeInForce.DAY);
        if (request.quantity() == null || request.quantity() <= 0) {
            errors.add(new Problem.FieldError("quantity", "invalid", "quantity must be a whole number above 0"));
        }
        Long price = null;
        if (type == OrderType.LIMIT) {
            price = price(request.limitPrice(), errors);
        } else if (type == OrderType.MARKET && request.limitPrice() != null) {
            errors.add(new Problem.FieldError("limitPrice", "not-allowed", "a market order has no limit price"));
        }
        if (type == OrderType.MARKET && timeInForce == TimeInForce.GTC) {
            errors.add(new Problem.FieldError("timeInForce", "not-allowed", "a market order cannot rest: use IOC or DAY"));
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(clientOrderId, symbol, new NewOrder(side, type, type == OrderType.MARKET ? TimeInForce.IOC : timeInForce,
                request.quantity(), price));
    }

    /** A valid replace, or what is wrong with it. */
    public ReplaceOrder replace(ReplaceRequest request, List<Problem.FieldError> errors) {
        if (request == null || request.quantity() == null && request.limitPrice() == null) {
            errors.add(new Problem.FieldError("$", "missing", "a replace changes quantity, limitPrice or both"));
            return null;
        }
        if (request.quantity() != null && request.quantity() <= 0) {
            errors.add(new Problem.FieldError("quantity", "invalid", "quantity must be a whole number above 0"));
        }
        Long price = request.limitPrice() == null ? null : price(request.limitPrice(), errors);
        return errors.isEmpty() ? new ReplaceOrder(request.quantity(), price) : null;
    }

    private String clientOrderId(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError("clientOrderId", "missing", "clientOrderId is required: it makes a retry safe"));
            return null;
        }
        if (value.length() > maxClientOrderIdLength || !CLIENT_ORDER_ID.matcher(value).matches()) {
            errors.add(new Problem.FieldError("clientOrderId", "invalid", "clientOrderId must be up to " + maxClientOrderIdLength
                    + " letters, digits or . _ : -"));
            return null;
        }
        return value;
    }

    private static Long price(BigDecimal value, List<Problem.FieldError> errors) {
        if (value == null) {
            errors.add(new Problem.FieldError("limitPrice", "missing", "a limit order needs a limit price"));
            return null;
        }
        if (value.signum() <= 0) {
            errors.add(new Problem.FieldError("limitPrice", "invalid", "limitPrice must be above 0"));
            return null;
        }
        try {
            return FixedPoint.of(value);
        } catch (ArithmeticException e) {
            errors.add(new Problem.FieldError("limitPrice", "invalid", "limitPrice has more than 6 decimals or is too large"));
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<Problem.FieldError> errors, E fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                errors.add(new Problem.FieldError(field, "missing", field + " is required"));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "invalid", field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
