package dev.tickflow.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;

import dev.tickflow.matching.state.EngineSymbol;
import dev.tickflow.matching.state.RestingOrder;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.Side;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A processor started on the stores another one left behind (a restart from committed state) must continue exactly as
 * the original would have: same executions, same ids, same book.
 */
class EngineRecoveryTest {

    @Test
    void aProcessorRebuiltFromTheStoresContinuesExactlyAsTheOriginal() {
        List<OrderCommand> flow = randomFlow(new SplittableRandom(17), 600);
        Engine original = new Engine();
        flow.subList(0, 300).forEach(original::process);
        assertThat(original.resting.approximateNumEntries()).as("orders rest in the books at the restart").isPositive();

        // a new instance restores the committed stores from their changelogs: a copy of them
        Engine restarted = new Engine();
        copy(original.resting, restarted.resting);
        copy(original.symbols, restarted.symbols);
        restarted.start();

        original.context.resetForwards();
        flow.subList(300, 600).forEach(original::process);
        flow.subList(300, 600).forEach(restarted::process);
        List<String> expected = executions(original.context);
        assertThat(expected).hasSizeGreaterThan(300);
        assertThat(executions(restarted.context)).isEqualTo(expected);
        assertThat(contents(restarted.resting)).isEqualTo(contents(original.resting));
    }

    @Test
    void aProcessorInitialisedAgainContinuesFromItsStoresAlone() {
        List<OrderCommand> flow = randomFlow(new SplittableRandom(23), 400);
        Engine revived = new Engine();
        flow.subList(0, 200).forEach(revived::process);
        Engine fresh = new Engine();
        copy(revived.resting, fresh.resting);
        copy(revived.symbols, fresh.symbols);
        fresh.start();

        // Kafka Streams may close a task's processor and initialise the same instance again (a revived task)
        revived.processor.close();
        revived.context.resetForwards();
        revived.start();

        flow.subList(200, 400).forEach(revived::process);
        flow.subList(200, 400).forEach(fresh::process);
        List<String> expected = executions(fresh.context);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(executions(revived.context)).isEqualTo(expected);
        assertThat(contents(revived.resting)).isEqualTo(contents(fresh.resting));
    }

    /** A processor with its own in-memory stores. */
    private static final class Engine {
        final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        final KeyValueStore<String, RestingOrder> resting = store(context, StoreNames.RESTING_ORDERS, RestingOrder.class,
                RestingOrder.getClassSchema());
        final KeyValueStore<String, EngineSymbol> symbols = store(context, StoreNames.SYMBOLS, EngineSymbol.class,
                EngineSymbol.getClassSchema());
        final MatchingProcessor processor = new MatchingProcessor(new TradingSession(ZoneId.of("UTC"), LocalTime.of(16, 0)));
        private boolean started;

        void start() {
            // execution ids and reports carry the processing time: both engines must see the same clock
            context.setCurrentSystemTimeMs(1_795_000_000_000L);
            processor.init(context);
            started = true;
        }

        void process(OrderCommand command) {
            if (!started) {
                start();
            }
            processor.process(new Record<>(command.getSymbol(), command, 0L));
        }
    }

    private static <T> void copy(KeyValueStore<String, T> from, KeyValueStore<String, T> to) {
        try (KeyValueIterator<String, T> all = from.all()) {
            all.forEachRemaining(entry -> to.put(entry.key, entry.value));
        }
    }

    private static <T> Map<String, T> contents(KeyValueStore<String, T> store) {
        Map<String, T> contents = new TreeMap<>();
        try (KeyValueIterator<String, T> all = store.all()) {
            all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    private static List<String> executions(MockProcessorContext<String, SpecificRecord> context) {
        List<String> reports = new ArrayList<>();
        for (MockProcessorContext.CapturedForward<? extends String, ? extends SpecificRecord> forward : context.forwarded()) {
            if (forward.record().value() instanceof ExecutionReport report) {
                reports.add(report.getExecutionId() + " " + report.getOrderId() + " " + report.getCommandId() + " "
                        + report.getExecType() + " "
                        + report.getLastQuantity() + "@" + report.getLastPrice() + " leaves " + report.getLeavesQuantity());
            }
        }
        return reports;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> KeyValueStore<String, T> store(
            MockProcessorContext<String, SpecificRecord> context, String name, Class<T> type, org.apache.avro.Schema schema) {
        KeyValueStore<String, T> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                new AvroSerde<>(RecordType.unversioned(type, schema))).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
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
