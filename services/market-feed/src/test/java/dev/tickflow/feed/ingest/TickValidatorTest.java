package dev.tickflow.feed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import org.junit.jupiter.api.Test;

class TickValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T14:30:00Z");
    private final TickValidator validator = new TickValidator(Set.of("AAPL", "BRK.B")::contains,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));

    @Test
    void aValidTickKeepsItsExactPriceAndEventTime() {
        Validated verdict = validator.validate(raw("aapl", "190.123456", "100", "2026-11-22T14:29:59.123456Z", "sell"),
                FeedSource.PUSH_REST);
        assertThat(verdict).isInstanceOf(Validated.Accepted.class);
        Tick tick = ((Validated.Accepted) verdict).tick();
        assertThat(tick.getSymbol()).isEqualTo("AAPL");
        assertThat(tick.getPrice()).isEqualTo(190_123_456L);
        assertThat(tick.getQuantity()).isEqualTo(100);
        assertThat(tick.getEventTimeMicros()).isEqualTo(NOW.getEpochSecond() * 1_000_000 - 876_544);
        assertThat(tick.getIngestTimeMicros()).isEqualTo(NOW.getEpochSecond() * 1_000_000);
        assertThat(tick.getSide()).isEqualTo(Side.SELL);
        assertThat(tick.getSource()).isEqualTo(TickSource.PUSH);
    }

    @Test
    void epochMillisecondsAreAcceptedAsTimestamps() {
        Validated verdict = validator.validate(raw("BRK.B", "410", "1", Long.toString(NOW.toEpochMilli() - 1), null),
                FeedSource.FILE_REPLAY);
        assertThat(((Validated.Accepted) verdict).tick().getEventTimeMicros()).isEqualTo(NOW.toEpochMilli() * 1_000 - 1_000);
    }

    @Test
    void everyFailedRuleIsReportedNotJustTheFirst() {
        Validated verdict = validator.validate(raw("", "-1", "0", "yesterday", "up"), FeedSource.PUSH_REST);
        assertThat(codes(verdict)).containsExactly("symbol-missing", "price-not-positive", "quantity-not-positive",
                "timestamp-invalid", "side-invalid");
        assertThat(((Validated.Refused) verdict).primaryReason()).isEqualTo("symbol-missing");
    }

    @Test
    void unknownAndMalformedSymbolsAreRefused() {
        assertThat(codes(validator.validate(raw("MSFT", "1", "1", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("symbol-unknown");
        assertThat(codes(validator.validate(raw("1ABC", "1", "1", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("symbol-invalid");
    }

    @Test
    void notANumberAndOverPrecisePricesAreRefused() {
        assertThat(codes(validator.validate(raw("AAPL", "NaN", "1", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("price-invalid");
        assertThat(codes(validator.validate(raw("AAPL", "1.0000001", "1", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("price-precision");
        assertThat(codes(validator.validate(raw("AAPL", "1e30", "1", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("price-out-of-range");
        assertThat(codes(validator.validate(raw("AAPL", null, "1", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("price-missing");
    }

    @Test
    void fractionalQuantitiesAreRefused() {
        assertThat(codes(validator.validate(raw("AAPL", "1", "1.5", iso(NOW), null), FeedSource.PUSH_REST)))
                .containsExactly("quantity-invalid");
        assertThat(validator.validate(raw("AAPL", "1", "100.0", iso(NOW), null), FeedSource.PUSH_REST))
                .isInstanceOf(Validated.Accepted.class);
    }

    @Test
    void aTimestampBeyondTheSkewIsRefusedWithinItIsAccepted() {
        assertThat(codes(validator.validate(raw("AAPL", "1", "1", iso(NOW.plusSeconds(6)), null), FeedSource.PUSH_REST)))
                .containsExactly("timestamp-future");
        assertThat(validator.validate(raw("AAPL", "1", "1", iso(NOW.plusSeconds(4)), null), FeedSource.PUSH_REST))
                .isInstanceOf(Validated.Accepted.class);
        assertThat(codes(validator.validate(raw("AAPL", "1", "1", "1000", null), FeedSource.PUSH_REST)))
                .as("epoch seconds mistaken for milliseconds land in 1970").containsExactly("timestamp-invalid");
    }

    @Test
    void formatViolationsFromTheReaderAreKept() {
        RawTick raw = new RawTick("AAPL", "1", "1", iso(NOW), null, null, null, "[0]", new byte[0],
                List.of(new Violation("venue", "venue-invalid", "venue must be a string")));
        assertThat(codes(validator.validate(raw, FeedSource.PUSH_REST))).containsExactly("venue-invalid");
    }

    @Test
    void parsedPriceEqualsFixedPointParsing() {
        Validated verdict = validator.validate(raw("AAPL", "0.01", "1", iso(NOW), null), FeedSource.PUSH_REST);
        assertThat(((Validated.Accepted) verdict).tick().getPrice()).isEqualTo(FixedPoint.parse("0.01"));
    }

    static RawTick raw(String symbol, String price, String quantity, String timestamp, String side) {
        return new RawTick(symbol, price, quantity, timestamp, side, null, null, null, new byte[0], List.of());
    }

    private static String iso(Instant instant) {
        return instant.toString();
    }

    private static List<String> codes(Validated verdict) {
        assertThat(verdict).isInstanceOf(Validated.Refused.class);
        return ((Validated.Refused) verdict).violations().stream().map(Violation::code).toList();
    }
}
