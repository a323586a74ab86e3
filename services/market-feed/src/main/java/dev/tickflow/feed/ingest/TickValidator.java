package dev.tickflow.feed.ingest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.instruments.KnownSymbols;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rules every incoming tick must pass, whatever its source. It reports every failed rule, not just the first,
 * so a feed owner fixes their data in one round trip.
 */
@ApplicationScoped
public class TickValidator {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,15}");
    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");
    /** Earlier than this is a unit mistake (seconds sent as milliseconds), not market data. */
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    private static final int MAX_VENUE = 16;
    private static final int MAX_TRADE_ID = 64;

    private final Predicate<String> knownSymbol;
    private final Clock clock;
    private final long maxFutureSkewMicros;

    @Inject
    TickValidator(KnownSymbols knownSymbols, Clock clock, FeedConfig config) {
        this(knownSymbols::contains, clock, config.maxFutureSkew());
    }

    public TickValidator(Predicate<String> knownSymbol, Clock clock, Duration maxFutureSkew) {
        this.knownSymbol = knownSymbol;
        this.clock = clock;
        this.maxFutureSkewMicros = maxFutureSkew.toNanos() / 1_000;
    }

    public Validated validate(RawTick raw, FeedSource source) {
        long nowMicros = EventTime.nowMicros(clock);
        List<Violation> violations = new ArrayList<>(raw.formatViolations());
        String symbol = symbol(raw.symbol(), violations);
        long price = price(raw.price(), violations);
        long quantity = quantity(raw.quantity(), violations);
        long eventTime = timestamp(raw.timestamp(), nowMicros, violations);
        Side side = side(raw.side(), violations);
        String venue = bounded("venue", raw.venue(), MAX_VENUE, violations);
        String tradeId = bounded("tradeId", raw.tradeId(), MAX_TRADE_ID, violations);
        if (!violations.isEmpty()) {
            return new Validated.Refused(raw, violations);
        }
        Tick tick = Tick.newBuilder()
                .setSymbol(symbol)
                .setPrice(price)
                .setQuantity(quantity)
                .setEventTimeMicros(eventTime)
                .setIngestTimeMicros(nowMicros)
                .setSource(source.tickSource())
                .setSide(side)
                .setVenue(venue)
                .setTradeId(tradeId)
                .build();
        return new Validated.Accepted(raw, tick);
    }

    private String symbol(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation("symbol", "symbol-missing", "symbol is required"));
            return null;
        }
        String symbol = text.trim().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(symbol).matches()) {
            violations.add(new Violation("symbol", "symbol-invalid",
                    "symbol '" + abbreviate(text) + "' must be 1-16 letters, digits, '.' or '-', starting with a letter"));
            return null;
        }
        if (!knownSymbol.test(symbol)) {
            violations.add(new Violation("symbol", "symbol-unknown", "symbol " + symbol + " is not a known instrument"));
            return null;
        }
        return symbol;
    }

    private static long price(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation("price", "price-missing", "price is required"));
            return 0;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            violations.add(new Violation("price", "price-invalid", "price '" + abbreviate(text) + "' is not a decimal number"));
            return 0;
        }
        if (value.signum() <= 0) {
            violations.add(new Violation("price", "price-not-positive", "price must be greater than 0, was " + text.trim()));
            return 0;
        }
        try {
            return FixedPoint.of(value);
        } catch (ArithmeticException e) {
            boolean tooPrecise = value.stripTrailingZeros().scale() > FixedPoint.SCALE;
            violations.add(tooPrecise
                    ? new Violation("price", "price-precision", "price has more than " + FixedPoint.SCALE + " decimals")
                    : new Violation("price", "price-out-of-range", "price is too large"));
            return 0;
        }
    }

    private static long quantity(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation("quantity", "quantity-missing", "quantity is required"));
            return 0;
        }
        long quantity;
        try {
            quantity = new BigDecimal(text.trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            violations.add(new Violation("quantity", "quantity-invalid", "quantity '" + abbreviate(text) + "' is not a whole number"));
            return 0;
        }
        if (quantity <= 0) {
            violations.add(new Violation("quantity", "quantity-not-positive", "quantity must be greater than 0, was " + quantity));
        }
        return quantity;
    }

    private long timestamp(String text, long nowMicros, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation("timestamp", "timestamp-missing", "timestamp is required (ISO-8601 or epoch milliseconds)"));
            return 0;
        }
        Instant instant;
        try {
            instant = parseTimestamp(text);
        } catch (DateTimeException e) {
            violations.add(new Violation("timestamp", "timestamp-invalid",
                    "timestamp '" + abbreviate(text) + "' is neither ISO-8601 with an offset nor epoch milliseconds"));
            return 0;
        }
        if (instant.isBefore(EARLIEST)) {
            violations.add(new Violation("timestamp", "timestamp-invalid", "timestamp " + instant + " is before " + EARLIEST));
            return 0;
        }
        long micros = EventTime.toMicros(instant);
        if (micros - nowMicros > maxFutureSkewMicros) {
            violations.add(new Violation("timestamp", "timestamp-future",
                    "timestamp " + instant + " is ahead of the feed's clock " + EventTime.toInstant(nowMicros)));
        }
        return micros;
    }

    /**
     * ISO-8601 with an offset ({@code 2026-11-22T14:30:00.123Z}) or epoch milliseconds ({@code 1795357800123}).
     *
     * @throws DateTimeException when it is neither
     */
    public static Instant parseTimestamp(String text) {
        String trimmed = text.trim();
        if (DIGITS.matcher(trimmed).matches()) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new DateTimeException("epoch milliseconds out of range: " + trimmed);
            }
        }
        return OffsetDateTime.parse(trimmed).toInstant();
    }

    private static Side side(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "BUY", "B" -> Side.BUY;
            case "SELL", "S" -> Side.SELL;
            default -> {
                violations.add(new Violation("side", "side-invalid", "side must be BUY or SELL, was '" + abbreviate(text) + "'"));
                yield null;
            }
        };
    }

    private static String bounded(String field, String text, int maxLength, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > maxLength) {
            violations.add(new Violation(field, field.toLowerCase(Locale.ROOT) + "-invalid",
                    field + " is longer than " + maxLength + " characters"));
            return null;
        }
        return text.trim();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
