package dev.tickflow.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prices and money as {@code long} micro-units: an implied scale of 6 decimal places.
 *
 * <p>Why not {@code double}: binary floating point cannot represent 0.1, and sums of prices drift.
 * Why not {@link BigDecimal} on the wire and in state: it allocates on every operation, and the
 * matching path runs millions of comparisons a second. A {@code long} at scale 6 holds prices up to
 * about 9.2 trillion and compares in one instruction. Arithmetic that could overflow (notional,
 * turnover) uses the exact methods here, which throw instead of wrapping. See docs/adr/0002.
 */
public final class FixedPoint {

    public static final int SCALE = 6;
    public static final long ONE = 1_000_000L;

    private FixedPoint() {
    }

    /**
     * Converts a decimal exactly.
     *
     * @throws ArithmeticException when the value has more than 6 decimals or does not fit a long:
     *     an order price is never silently rounded
     */
    public static long of(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** Parses a decimal string such as {@code "190.25"} exactly; see {@link #of(BigDecimal)}. */
    public static long parse(String decimal) {
        return of(new BigDecimal(decimal.trim()));
    }

    /** Rounds half-even to the micro-unit: for values that are derived (averages), never for input. */
    public static long round(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    public static long ofUnits(long wholeUnits) {
        return Math.multiplyExact(wholeUnits, ONE);
    }

    public static BigDecimal toBigDecimal(long micros) {
        return BigDecimal.valueOf(micros, SCALE);
    }

    /** Shortest exact decimal: 190250000 becomes "190.25", 5000000 becomes "5". */
    public static String format(long micros) {
        BigDecimal plain = toBigDecimal(micros).stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }

    /** price x quantity in micro-units, throwing on overflow. */
    public static long notional(long priceMicros, long quantity) {
        return Math.multiplyExact(priceMicros, quantity);
    }

    /** numerator / denominator rounded half-even, exact for every long input; denominator must be positive. */
    public static long divideHalfEven(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new ArithmeticException("denominator must be positive: " + denominator);
        }
        long quotient = Math.floorDiv(numerator, denominator);
        long remainder = Math.floorMod(numerator, denominator);
        // remainder < denominator, so comparing against denominator - remainder cannot overflow
        boolean overHalf = remainder > denominator - remainder;
        boolean exactlyHalf = remainder == denominator - remainder;
        if (overHalf || exactlyHalf && (quotient & 1) == 1) {
            return quotient + 1;
        }
        return quotient;
    }

    public static boolean isMultipleOf(long micros, long incrementMicros) {
        return incrementMicros > 0 && micros % incrementMicros == 0;
    }
}
