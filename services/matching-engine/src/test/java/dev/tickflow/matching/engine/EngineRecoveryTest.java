package dev.tickflow.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.Side;
import org.junit.jupiter.api.Test;

/**
 * A machine restored from another's snapshot must continue exactly as the original would have: same executions, ids
 * included, same book updates, same books.
 */
class EngineRecoveryTest {

    @Test
    void aMachineRestoredFromASnapshotContinuesExactlyAsTheOriginal() {
        List<OrderCommand> flow = randomFlow(new SplittableRandom(17), 600);
        EngineFixture original = new EngineFixture();
        flow.subList(0, 300).forEach(original::send);
        assertThat(original.machine.books.values()).as("orders rest in the books at the snapshot")
                .anyMatch(book -> book.book().orderCount() > 0);
        original.executions.readValuesToList();
        original.book.readValuesToList();

        MatchingMachine restoredMachine = new MatchingMachine(EngineFixture.NEW_YORK, () -> 1_795_000_000_000_000L);
        EngineSnapshot.restore(restoredMachine, original.machine.snapshot());
        EngineFixture restored = new EngineFixture(restoredMachine);

        flow.subList(300, 600).forEach(original::send);
        flow.subList(300, 600).forEach(restored::send);
        List<String> expected = executions(original);
        assertThat(expected).hasSizeGreaterThan(300);
        assertThat(executions(restored)).isEqualTo(expected);
        assertThat(restored.book.readValuesToList()).as("the same L2 deltas").isEqualTo(original.book.readValuesToList());
        assertThat(restored.machine.snapshot()).as("the same state").isEqualTo(original.machine.snapshot());
    }

    @Test
    void aRepeatedCommandIsDroppedNotAppliedTwice() {
        EngineFixture engine = new EngineFixture();
        OrderCommand sell = Orders.limit("alice", "a1", "AAPL", Side.SELL, 10, "100");
        OrderCommand buy = Orders.limit("bob", "b1", "AAPL", Side.BUY, 10, "100");
        engine.send(sell);
        engine.send(buy);
        engine.send(buy);
        engine.send(sell);
        assertThat(engine.reports()).containsExactly("a1 NEW", "b1 NEW", "a1 TRADE", "b1 TRADE");
        assertThat(engine.rejected.readValuesToList()).as("a repeat is not an order id already in the book").isEmpty();
    }

    private static List<String> executions(EngineFixture engine) {
        List<String> reports = new ArrayList<>();
        for (ExecutionReport report : engine.executions.readValuesToList()) {
            reports.add(report.getExecutionId() + " " + report.getOrderId() + " " + report.getCommandId() + " " + report.getExecType()
                    + " " + report.getLastQuantity() + "@" + report.getLastPrice() + " leaves " + report.getLeavesQuantity());
        }
        return reports;
    }

    static List<OrderCommand> randomFlow(SplittableRandom random, int count) {
        List<OrderCommand> flow = new ArrayList<>();
        List<String[]> live = new ArrayList<>();
        String[] accounts = {"alice", "bob", "carol"};
        String[] symbols = {"AAPL", "MSFT"};
        for (int i = 0; i < count; i++) {
            int action = random.nextInt(10);
            if (action < 7 || live.isEmpty()) {
                String account = accounts[random.nextInt(accounts.length)];
                String symbol = symbols[random.nextInt(symbols.length)];
                String id = "o" + i;
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                flow.add(random.nextInt(10) == 0 ? Orders.market(account, id, symbol, side, 1 + random.nextInt(50))
                        : Orders.limit(account, id, symbol, side, 1 + random.nextInt(100), Integer.toString(100 + random.nextInt(-5, 6))));
                live.add(new String[] {account, id, symbol});
            } else if (action < 9) {
                String[] order = live.remove(random.nextInt(live.size()));
                flow.add(Orders.cancel(order[0], order[1], order[2]));
            } else {
                String[] order = live.get(random.nextInt(live.size()));
                flow.add(Orders.replace(order[0], order[1], order[2], (long) (50 + random.nextInt(100)), null));
            }
        }
        return flow;
    }
}
