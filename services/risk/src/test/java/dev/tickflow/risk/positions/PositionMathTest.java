package dev.tickflow.risk.positions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.risk.state.PositionState;
import org.junit.jupiter.api.Test;

class PositionMathTest {

    @Test
    void buyingAtTwoPricesAveragesTheCost() {
        PositionState position = PositionMath.flat("a", "S");
        PositionMath.applyFill(position, true, 100, FixedPoint.parse("10"), 0);
        PositionMath.applyFill(position, true, 300, FixedPoint.parse("11"), 0);
        assertThat(position.getQuantity()).isEqualTo(400);
        assertThat(position.getAverageCost()).isEqualTo(FixedPoint.parse("10.75"));
        assertThat(position.getRealizedPnl()).isZero();
    }

    @Test
    void sellingPartRealizesAgainstTheAverageCost() {
        PositionState position = PositionMath.flat("a", "S");
        PositionMath.applyFill(position, true, 400, FixedPoint.parse("10.75"), 0);
        PositionMath.applyFill(position, false, 100, FixedPoint.parse("12"), 0);
        assertThat(position.getQuantity()).isEqualTo(300);
        assertThat(position.getRealizedPnl()).isEqualTo(FixedPoint.parse("125"));
        assertThat(position.getAverageCost()).isEqualTo(FixedPoint.parse("10.75"));
        assertThat(PositionMath.unrealized(position, FixedPoint.parse("11"))).isEqualTo(FixedPoint.parse("75"));
    }

    @Test
    void aShortCoveredAtALowerPriceIsAProfit() {
        PositionState position = PositionMath.flat("a", "S");
        PositionMath.applyFill(position, false, 50, FixedPoint.parse("20"), 0);
        PositionMath.applyFill(position, true, 50, FixedPoint.parse("18"), 0);
        assertThat(position.getQuantity()).isZero();
        assertThat(position.getRealizedPnl()).isEqualTo(FixedPoint.parse("100"));
        assertThat(position.getAverageCost()).isZero();
    }

    @Test
    void aFillThroughZeroOpensTheRestAtTheFillPrice() {
        PositionState position = PositionMath.flat("a", "S");
        PositionMath.applyFill(position, true, 100, FixedPoint.parse("10"), 0);
        PositionMath.applyFill(position, false, 150, FixedPoint.parse("9"), 0);
        assertThat(position.getQuantity()).isEqualTo(-50);
        assertThat(position.getRealizedPnl()).isEqualTo(FixedPoint.parse("-100"));
        assertThat(position.getAverageCost()).isEqualTo(FixedPoint.parse("9"));
        assertThat(PositionMath.unrealized(position, FixedPoint.parse("8"))).isEqualTo(FixedPoint.parse("50"));
    }

    @Test
    void averageCostRoundsHalfEvenToTheMicroUnit() {
        PositionState position = PositionMath.flat("a", "S");
        PositionMath.applyFill(position, true, 2, FixedPoint.parse("10.000001"), 0);
        PositionMath.applyFill(position, true, 1, FixedPoint.parse("10"), 0);
        // (20.000002 + 10) / 3 = 10.00000066...
        assertThat(position.getAverageCost()).isEqualTo(FixedPoint.parse("10.000001"));
    }
}
