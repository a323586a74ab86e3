package dev.tickflow.risk.positions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.risk.state.Position;
import org.junit.jupiter.api.Test;

class PositionMathTest {

    @Test
    void buyingAtTwoPricesAveragesTheCost() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, true, 100, FixedPoint.parse("10"), 0);
        PositionMath.applyFill(position, true, 300, FixedPoint.parse("11"), 0);
        assertThat(position.quantity).isEqualTo(400);
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("10.75"));
        assertThat(position.realizedPnl).isZero();
    }

    @Test
    void sellingPartRealizesAgainstTheAverageCost() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, true, 400, FixedPoint.parse("10.75"), 0);
        PositionMath.applyFill(position, false, 100, FixedPoint.parse("12"), 0);
        assertThat(position.quantity).isEqualTo(300);
        assertThat(position.realizedPnl).isEqualTo(FixedPoint.parse("125"));
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("10.75"));
        assertThat(PositionMath.unrealized(position, FixedPoint.parse("11"))).isEqualTo(FixedPoint.parse("75"));
    }

    @Test
    void aShortCoveredAtALowerPriceIsAProfit() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, false, 50, FixedPoint.parse("20"), 0);
        PositionMath.applyFill(position, true, 50, FixedPoint.parse("18"), 0);
        assertThat(position.quantity).isZero();
        assertThat(position.realizedPnl).isEqualTo(FixedPoint.parse("100"));
        assertThat(position.averageCost()).isZero();
    }

    @Test
    void aFillThroughZeroOpensTheRestAtTheFillPrice() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, true, 100, FixedPoint.parse("10"), 0);
        PositionMath.applyFill(position, false, 150, FixedPoint.parse("9"), 0);
        assertThat(position.quantity).isEqualTo(-50);
        assertThat(position.realizedPnl).isEqualTo(FixedPoint.parse("-100"));
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("9"));
        assertThat(PositionMath.unrealized(position, FixedPoint.parse("8"))).isEqualTo(FixedPoint.parse("50"));
    }

    @Test
    void realizedPnlIsExactAcrossFillsWhoseAverageDoesNotRound() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, true, 1_000, FixedPoint.parse("190.25"), 0);
        PositionMath.applyFill(position, true, 2_000, FixedPoint.parse("190.26"), 0);
        // the average, 190.256666..., shows rounded; the cost behind it stays exact
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("190.256667"));
        PositionMath.applyFill(position, false, 3_000, FixedPoint.parse("190.30"), 0);
        assertThat(position.realizedPnl).isEqualTo(FixedPoint.parse("130"));
        assertThat(position.costBasis).isZero();
    }

    @Test
    void partialClosesLeaveNoRemainderWhenThePositionCloses() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, true, 3, FixedPoint.parse("10"), 0);
        PositionMath.applyFill(position, true, 3, FixedPoint.parse("10.000001"), 0);
        for (int i = 0; i < 6; i++) {
            PositionMath.applyFill(position, false, 1, FixedPoint.parse("11"), 0);
        }
        // 6 x 11 - (30 + 30.000003), however the six closes rounded their shares of the cost
        assertThat(position.realizedPnl).isEqualTo(FixedPoint.parse("5.999997"));
        assertThat(position.quantity).isZero();
        assertThat(position.costBasis).isZero();
    }

    @Test
    void averageCostRoundsHalfEvenToTheMicroUnit() {
        Position position = new Position("a", "S");
        PositionMath.applyFill(position, true, 2, FixedPoint.parse("10.000001"), 0);
        PositionMath.applyFill(position, true, 1, FixedPoint.parse("10"), 0);
        // (20.000002 + 10) / 3 = 10.00000066...
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("10.000001"));
    }
}
