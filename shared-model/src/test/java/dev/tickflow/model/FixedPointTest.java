package dev.tickflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void parsesDecimalsExactly() {
        assertThat(FixedPoint.parse("190.25")).isEqualTo(190_250_000L);
        assertThat(FixedPoint.parse("0.000001")).isEqualTo(1L);
        assertThat(FixedPoint.parse("-3.5")).isEqualTo(-3_500_000L);
        assertThat(FixedPoint.parse(" 7 ")).isEqualTo(7_000_000L);
    }

    @Test
    void refusesToRoundInput() {
        assertThatThrownBy(() -> FixedPoint.parse("1.0000001")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesValuesBeyondLongRange() {
        assertThatThrownBy(() -> FixedPoint.parse("9300000000000")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void formatsShortestExactDecimal() {
        assertThat(FixedPoint.format(190_250_000L)).isEqualTo("190.25");
        assertThat(FixedPoint.format(5_000_000L)).isEqualTo("5");
        assertThat(FixedPoint.format(100_000_000L)).isEqualTo("100");
        assertThat(FixedPoint.format(-1L)).isEqualTo("-0.000001");
        assertThat(FixedPoint.format(0L)).isEqualTo("0");
    }

    @Test
    void notionalThrowsInsteadOfWrapping() {
        assertThat(FixedPoint.notional(FixedPoint.parse("190.25"), 1_000)).isEqualTo(FixedPoint.parse("190250"));
        assertThatThrownBy(() -> FixedPoint.notional(Long.MAX_VALUE / 2, 3)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void halfEvenDivisionAgreesWithBigDecimalEverywhere() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long numerator = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(-1_000_000, 1_000_000);
            long denominator = random.nextInt(4) == 0 ? random.nextLong(1, Long.MAX_VALUE) : random.nextLong(1, 1_000);
            long expected = BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            assertThat(FixedPoint.divideHalfEven(numerator, denominator))
                    .as("%d / %d", numerator, denominator).isEqualTo(expected);
        }
        assertThat(FixedPoint.divideHalfEven(5, 2)).isEqualTo(2);
        assertThat(FixedPoint.divideHalfEven(7, 2)).isEqualTo(4);
        assertThat(FixedPoint.divideHalfEven(-5, 2)).isEqualTo(-2);
    }

    @Test
    void roundingDerivedValuesIsHalfEven() {
        assertThat(FixedPoint.round(new BigDecimal("1.0000005"))).isEqualTo(1_000_000L);
        assertThat(FixedPoint.round(new BigDecimal("1.0000015"))).isEqualTo(1_000_002L);
    }

    @Test
    void tickSizeMultiples() {
        assertThat(FixedPoint.isMultipleOf(FixedPoint.parse("190.25"), FixedPoint.parse("0.01"))).isTrue();
        assertThat(FixedPoint.isMultipleOf(FixedPoint.parse("190.255"), FixedPoint.parse("0.01"))).isFalse();
    }
}
