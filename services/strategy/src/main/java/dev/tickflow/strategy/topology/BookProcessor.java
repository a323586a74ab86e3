package dev.tickflow.strategy.topology;

import java.util.List;
import java.util.Map;

import dev.tickflow.model.BookLevel;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.strategy.state.BookMarks;
import dev.tickflow.strategy.state.SymbolState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each symbol's published book top (md.book's changed levels, applied) in the symbol's state, for the
 * order-book imbalance feature, and marks how it stood at each minute's start ({@link BookAsOf}). md.book and
 * md.bars.1m are both keyed by symbol with the same partition count, so a symbol's book and bars meet in one task.
 */
final class BookProcessor implements Processor<String, BookUpdate, Void, Void> {

    /** Levels beyond the published top are never reported again; a few more than published are kept. */
    static final int MAX_LEVELS = 20;

    private KeyValueStore<String, SymbolState> store;
    private KeyValueStore<String, BookMarks> marks;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.SYMBOLS);
        marks = context.getStateStore(StoreNames.BOOK_MARKS);
    }

    @Override
    public void process(Record<String, BookUpdate> record) {
        BookUpdate update = record.value();
        if (record.key() == null || update == null) {
            return;
        }
        SymbolState state = store.get(record.key());
        if (state == null) {
            state = SymbolStates.initial(record.key());
        }
        BookMarks marked = marks.get(record.key());
        if (marked == null) {
            marked = BookAsOf.empty();
        }
        if (BookAsOf.beforeUpdate(marked, update.getEventTimeMicros(), quantity(state.getBids()), quantity(state.getAsks()))) {
            marks.put(record.key(), marked);
        }
        if (update.getSnapshot()) {
            state.getBids().clear();
            state.getAsks().clear();
        }
        apply(state.getBids(), update.getBids(), true);
        apply(state.getAsks(), update.getAsks(), false);
        store.put(record.key(), state);
    }

    private static void apply(Map<String, Long> side, List<BookLevel> levels, boolean bids) {
        for (BookLevel level : levels) {
            String price = Long.toString(level.getPrice());
            if (level.getQuantity() == 0) {
                side.remove(price);
            } else {
                side.put(price, level.getQuantity());
            }
        }
        while (side.size() > MAX_LEVELS) {
            // drop the level furthest from the touch: the lowest bid, the highest ask
            String furthest = side.keySet().stream()
                    .reduce((a, b) -> (Long.parseLong(a) < Long.parseLong(b)) == bids ? a : b).orElseThrow();
            side.remove(furthest);
        }
    }

    /** Quantity on a side's levels. */
    static long quantity(Map<String, Long> side) {
        long total = 0;
        for (long quantity : side.values()) {
            total += quantity;
        }
        return total;
    }
}
