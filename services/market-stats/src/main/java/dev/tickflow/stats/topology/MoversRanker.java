package dev.tickflow.stats.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Movers;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single ranking task: every symbol's session arrives here through the one-partition repartition topic, is kept
 * per symbol in a store, and at most once per interval (wall clock), if anything changed, the ranking is recomputed
 * from the whole store and published. Ranking on a timer instead of per update keeps the cost independent of the tick
 * rate: with N symbols it is one N log N sort per interval. The timer runs only while a change waits for it: every
 * wall-clock punctuation makes Kafka Streams commit the task, a transaction under exactly-once, idle or not.
 */
final class MoversRanker implements Processor<String, DailyStats, String, Movers> {

    private final int size;
    private final Duration interval;
    private KeyValueStore<String, DailyStats> sessions;
    private KeyValueStore<String, Movers> latest;
    private ProcessorContext<String, Movers> context;
    private boolean changed;
    private Cancellable publisher;

    MoversRanker(int size, Duration interval) {
        this.size = size;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, Movers> context) {
        this.context = context;
        this.sessions = context.getStateStore(StoreNames.MOVERS_SESSIONS);
        this.latest = context.getStateStore(StoreNames.MOVERS);
        close();
        if (changed) {
            arm();
        }
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.cancel();
            publisher = null;
        }
    }

    @Override
    public void process(Record<String, DailyStats> record) {
        DailyStats stats = record.value();
        if (stats == null || stats.getTradeCount() == 0) {
            return;
        }
        sessions.put(stats.getSymbol(), stats);
        changed = true;
        arm();
    }

    private void arm() {
        if (publisher == null) {
            publisher = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
        }
    }

    /** A ranking that fails keeps the timer and the change, and is tried again an interval later. */
    private void publish(long wallClockMillis) {
        if (changed) {
            List<DailyStats> all = new ArrayList<>();
            try (KeyValueIterator<String, DailyStats> iterator = sessions.all()) {
                iterator.forEachRemaining(entry -> all.add(entry.value));
            }
            Movers movers = MoverRanking.rank(all, size, EventTime.fromMillis(wallClockMillis));
            latest.put(StoreNames.MOVERS_KEY, movers);
            context.forward(new Record<>(StoreNames.MOVERS_KEY, movers, wallClockMillis));
            changed = false;
        }
        close();
    }
}
