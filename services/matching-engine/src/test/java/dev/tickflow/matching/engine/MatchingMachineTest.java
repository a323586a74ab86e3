package dev.tickflow.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import dev.tickflow.model.BookLevel;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Liquidity;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.TimeInForce;
import org.junit.jupiter.api.Test;

/** The engine's books through its state machine: reports for both sides, trades, L2 deltas, refusals. */
class MatchingMachineTest {

    private final EngineFixture engine = new EngineFixture();
    private final EngineFixture.Outbox<ExecutionReport> executions = engine.executions;
    private final EngineFixture.Outbox<Tick> trades = engine.trades;
    private final EngineFixture.Outbox<BookUpdate> book = engine.book;
    private final EngineFixture.Outbox<OrderRejected> rejected = engine.rejected;

    @Test
    void aCrossingOrderTradesAndBothSidesHearOfItKeyedByTheirAccounts() {
        send(Orders.limit("alice", "a1", "AAPL", Side.SELL, 100, "190.10"));
        send(Orders.limit("bob", "b1", "AAPL", Side.BUY, 60, "190.20"));

        List<EngineFixture.Received<ExecutionReport>> reports = executions.readRecordsToList();
        assertThat(reports).extracting(record -> record.value().getExecType() + " " + record.key())
                .containsExactly("NEW alice", "NEW bob", "TRADE alice", "TRADE bob");
        ExecutionReport maker = reports.get(2).value();
        ExecutionReport taker = reports.get(3).value();
        assertThat(maker.getLastPrice()).as("the resting price").isEqualTo(FixedPoint.parse("190.10"));
        assertThat(maker.getLastQuantity()).isEqualTo(60);
        assertThat(maker.getLeavesQuantity()).isEqualTo(40);
        assertThat(maker.getOrderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(maker.getLiquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(maker.getCounterpartyAccount()).isEqualTo("bob");
        assertThat(taker.getOrderStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(taker.getAveragePrice()).isEqualTo(FixedPoint.parse("190.10"));
        assertThat(taker.getTradeId()).isEqualTo(maker.getTradeId());
        assertThat(reports).extracting(record -> record.value().getExecutionId()).doesNotHaveDuplicates();

        Tick trade = trades.readValuesToList().getFirst();
        assertThat(trade.getSymbol()).isEqualTo("AAPL");
        assertThat(trade.getPrice()).isEqualTo(FixedPoint.parse("190.10"));
        assertThat(trade.getQuantity()).isEqualTo(60);
        assertThat(trade.getSide()).as("the aggressor bought").isEqualTo(Side.BUY);
        assertThat(trade.getSource()).isEqualTo(TickSource.MATCHING_ENGINE);
        assertThat(trade.getTradeId()).isEqualTo(maker.getTradeId());
    }

    @Test
    void bookChangesArePublishedAsLevelDeltasAfterASnapshot() {
        send(Orders.limit("alice", "a1", "MSFT", Side.SELL, 100, "400"));
        send(Orders.limit("alice", "a2", "MSFT", Side.BUY, 50, "399"));
        send(Orders.limit("bob", "b1", "MSFT", Side.BUY, 100, "400"));
        List<BookUpdate> updates = book.readValuesToList();
        assertThat(updates).hasSize(3);
        assertThat(updates.get(0).getSnapshot()).isTrue();
        assertThat(updates.get(0).getAsks()).containsExactly(new BookLevel(FixedPoint.parse("400"), 100L, 1));
        assertThat(updates.get(1).getBids()).containsExactly(new BookLevel(FixedPoint.parse("399"), 50L, 1));
        assertThat(updates.get(1).getAsks()).as("unchanged levels are not repeated").isEmpty();
        assertThat(updates.get(2).getAsks()).as("a level that went away has quantity 0")
                .containsExactly(new BookLevel(FixedPoint.parse("400"), 0L, 0));
        assertThat(updates).extracting(BookUpdate::getSequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void cancelsAndReplacesAreReportedAndUnknownOrdersRefused() {
        send(Orders.limit("alice", "a1", "AAPL", Side.BUY, 100, "100"));
        send(Orders.replace("alice", "a1", "AAPL", 80L, null));
        send(Orders.cancel("alice", "a1", "AAPL"));
        send(Orders.cancel("alice", "a1", "AAPL"));
        send(Orders.cancel("bob", "zz", "AAPL"));
        assertThat(executions.readValuesToList()).extracting(report -> report.getExecType() + " " + report.getLeavesQuantity())
                .containsExactly("NEW 100", "REPLACED 80", "CANCELED 0");
        assertThat(rejected.readValuesToList()).extracting(OrderRejected::getReason)
                .containsExactly(RejectReason.ORDER_NOT_ACTIVE, RejectReason.ORDER_NOT_ACTIVE);
    }

    @Test
    void aRefusedReplaceLeavesTheOrderAsItWas() {
        OrderCommand placed = Orders.limit("alice", "a1", "AAPL", Side.SELL, 100, "100");
        send(placed);
        send(Orders.limit("bob", "b1", "AAPL", Side.BUY, 60, "100"));
        OrderCommand refused = Orders.replace("alice", "a1", "AAPL", 50L, null);
        send(refused);
        send(Orders.limit("bob", "b2", "AAPL", Side.BUY, 40, "100"));
        assertThat(rejected.readValuesToList()).extracting(OrderRejected::getCommandId, OrderRejected::getReason)
                .containsExactly(tuple(refused.getCommandId(), RejectReason.INVALID_ORDER));
        List<ExecutionReport> alice = executions.readValuesToList().stream().filter(report -> report.getAccount().equals("alice")).toList();
        assertThat(alice).extracting(report -> report.getExecType() + " " + report.getLastQuantity() + " " + report.getLeavesQuantity())
                .containsExactly("NEW 0 100", "TRADE 60 40", "TRADE 40 0");
        assertThat(alice.getLast().getCommandId()).as("the fill after the refusal belongs to the order's own command")
                .isEqualTo(placed.getCommandId());
    }

    @Test
    void anotherAccountCannotCancelAnOrder() {
        send(Orders.limit("alice", "a1", "AAPL", Side.BUY, 100, "100"));
        send(Orders.cancel("mallory", "a1", "AAPL"));
        assertThat(rejected.readValuesToList()).hasSize(1);
        assertThat(executions.readValuesToList()).extracting(ExecutionReport::getExecType).containsExactly(ExecType.NEW);
    }

    @Test
    void aMarketOrderSweepsAndItsRemainderIsCancelled() {
        send(Orders.limit("alice", "a1", "AAPL", Side.SELL, 10, "100"));
        send(Orders.limit("alice", "a2", "AAPL", Side.SELL, 10, "101"));
        send(Orders.market("bob", "b1", "AAPL", Side.BUY, 25));
        List<ExecutionReport> bob = executions.readValuesToList().stream().filter(report -> report.getAccount().equals("bob")).toList();
        assertThat(bob).extracting(report -> report.getExecType() + " " + report.getLastQuantity() + " " + report.getText())
                .containsExactly("NEW 0 null", "TRADE 10 null", "TRADE 10 null", "CANCELED 0 NO_LIQUIDITY");
        assertThat(bob.getLast().getCumulativeQuantity()).isEqualTo(20);
        assertThat(bob.getLast().getAveragePrice()).isEqualTo(FixedPoint.parse("100.5"));
    }

    @Test
    void aGoodTillCancelledOrderOfTheSameAccountIsCancelledRatherThanTradedWith() {
        send(Orders.limit("alice", "a1", "AAPL", Side.SELL, 10, "100", TimeInForce.GTC));
        send(Orders.limit("alice", "a2", "AAPL", Side.BUY, 10, "100"));
        assertThat(executions.readValuesToList()).extracting(report -> report.getOrderId() + " " + report.getExecType())
                .containsExactly("a1 NEW", "a2 NEW", "a1 CANCELED");
        assertThat(trades.isEmpty()).isTrue();
    }

    private void send(OrderCommand command) {
        engine.send(command);
    }
}
