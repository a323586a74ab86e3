package dev.tickflow.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickflow.model.ExecType;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.risk.state.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Positions move with fills only, and open quantities follow the orders' lives. */
class PositionsTest {

    private final RiskFixture risk = new RiskFixture();

    @AfterEach
    void close() {
        risk.close();
    }

    @Test
    void fillsMoveThePositionAndTheOpenQuantity() {
        risk.limit("alice", "o1", "AAPL", Side.BUY, 100, "10");
        assertThat(risk.position("alice", "AAPL").openBuyQuantity).isEqualTo(100);
        risk.report("alice", "o1", "AAPL", Side.BUY, ExecType.TRADE, 60, "10", 60, 40);
        risk.report("alice", "o1", "AAPL", Side.BUY, ExecType.TRADE, 40, "10.5", 100, 0);
        Position position = risk.position("alice", "AAPL");
        assertThat(position.quantity).isEqualTo(100);
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("10.2"));
        assertThat(position.openBuyQuantity).isZero();
        assertThat(risk.machine.state().openOrders).as("a filled order is no longer open").isEmpty();
        assertThat(risk.machine.state().accounts.get("alice").openOrders).isZero();

        risk.advanceMillis(1_000);
        risk.limit("alice", "o2", "AAPL", Side.SELL, 30, "12");
        risk.report("alice", "o2", "AAPL", Side.SELL, ExecType.TRADE, 30, "12", 30, 0);
        position = risk.position("alice", "AAPL");
        assertThat(position.quantity).isEqualTo(70);
        assertThat(position.realizedPnl).isEqualTo(FixedPoint.parse("54"));
        assertThat(position.averageCost()).isEqualTo(FixedPoint.parse("10.2"));
    }

    @Test
    void aCancelReleasesTheRemainingOpenQuantity() {
        risk.limit("alice", "o1", "AAPL", Side.SELL, 100, "10");
        risk.report("alice", "o1", "AAPL", Side.SELL, ExecType.TRADE, 30, "10", 30, 70);
        assertThat(risk.position("alice", "AAPL").openSellQuantity).isEqualTo(70);
        risk.report("alice", "o1", "AAPL", Side.SELL, ExecType.CANCELED, 0, null, 30, 0);
        Position position = risk.position("alice", "AAPL");
        assertThat(position.openSellQuantity).isZero();
        assertThat(position.quantity).isEqualTo(-30);
    }
}
