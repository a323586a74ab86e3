package dev.tickflow.stats.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.Tick;
import dev.tickflow.stats.metrics.StatsMetrics;
import dev.tickflow.support.streams.BeforeCommitHook;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Everything a tick changes, in one processor: its instrument looked up, its 1-minute bar (event time, with a grace)
 * and its symbol's session. Open bars and sessions stay in memory as objects between ticks; what changed is written to
 * the stores once, just before the task commits ({@link BeforeCommitHook}), so the stores and their changelogs always
 * hold exactly the effect of the committed ticks; they are what a restart, a rebalance and the REST queries read (REST
 * sees a commit interval's delay). Reading and writing the stores on every tick (an encode and a decode per aggregate,
 * a record-cache update) and passing each tick through a chain of DSL nodes cost several times the arithmetic: see
 * BENCHMARKS.md.
 *
 * <p>A bar closes once the task's stream time reaches its window's end plus the grace; it is then written back marked
 * closed and emitted once, in the same transaction as the tick that closed it. A tick for a window already closed is
 * counted and left out of the bars (but not out of the session). Open bars and sessions that changed are emitted at most
 * once per {@code liveInterval} (wall clock), or on every tick when it is zero. After a restart or a rebalance every
 * session and open bar of the task is emitted again once: an emission the previous owner had not made yet when it
 * stopped is made then, and these topics keep the latest value per key.
 */
final class TickAggregator implements Processor<String, Tick, String, StatsUpdate> {

    static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final int INTERVAL_SECONDS = 60;
    private static final Comparator<DueBar> CLOSING_ORDER = Comparator.<DueBar>comparingLong(due -> due.bar.start)
            .thenComparing(due -> due.symbol.name);

    private final long graceMillis;
    private final Duration liveInterval;
    private final DailyStatsMath daily;
    private final StatsMetrics metrics;
    private final Map<String, SymbolState> symbols = new HashMap<>();
    /** Symbols with an open bar or a session not emitted since it changed. */
    private final List<SymbolState> changed = new ArrayList<>();
    /** Symbols with an open bar or a session not written to its store since it changed. */
    private final List<SymbolState> unwritten = new ArrayList<>();
    /** Bars closed since the last commit: written back, marked closed, in the next. */
    private final List<DueBar> closedUnwritten = new ArrayList<>();
    /** The earliest stream time at which an open bar closes. */
    private long nextCloseTime = Long.MAX_VALUE;
    private ProcessorContext<String, StatsUpdate> context;
    private Cancellable publisher;
    private TimestampedWindowStore<String, Bar> bars;
    private TimestampedKeyValueStore<String, DailyStats> sessions;
    private TimestampedKeyValueStore<String, Instrument> instruments;

    TickAggregator(Duration grace, Duration liveInterval, DailyStatsMath daily, StatsMetrics metrics) {
        this.graceMillis = grace.toMillis();
        this.liveInterval = liveInterval;
        this.daily = daily;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, StatsUpdate> context) {
        this.context = context;
        bars = context.getStateStore(StoreNames.BARS_1M);
        sessions = context.getStateStore(StoreNames.DAILY_STATS);
        instruments = context.getStateStore(StoreNames.INSTRUMENTS);
        context.<BeforeCommitHook>getStateStore(StoreNames.TICKS_COMMIT_HOOK).beforeCommit(this::writeChanges);
        // a task revived after a failure is initialised again on the same processor: start from its stores alone
        symbols.clear();
        changed.clear();
        unwritten.clear();
        closedUnwritten.clear();
        nextCloseTime = Long.MAX_VALUE;
        close();
        reload(context.currentStreamTimeMs());
    }

    /**
     * Stops the publishing only. The memory stays: Kafka Streams closes the processors of a task it suspends before it
     * commits the task, and that commit's hook writes what changed since the last.
     */
    @Override
    public void close() {
        if (publisher != null) {
            publisher.cancel();
            publisher = null;
        }
    }

    @Override
    public void process(Record<String, Tick> record) {
        Tick tick = record.value();
        if (tick == null || record.key() == null) {
            return;
        }
        SymbolState known = symbols.get(record.key());
        SymbolState symbol = known != null ? known : new SymbolState(record.key());
        long streamTime = context.currentStreamTimeMs();
        long timestamp = record.timestamp();
        long start = Math.floorDiv(timestamp, WINDOW_MILLIS) * WINDOW_MILLIS;
        long closeTime = start + WINDOW_MILLIS + graceMillis;
        boolean late = closeTime <= streamTime;
        OpenBar open = late ? null : symbol.openBar(start);
        ValueAndTimestamp<Bar> stored = late || open != null ? null : bars.fetch(symbol.name, start);
        if (stored != null && stored.value().getClosed()) {
            // closed before a restart that did not know the stream time (offsets committed without it): not reopened
            late = true;
        }
        if (!late) {
            // a trade is taken whole or not at all: the session below changes only if the bar will take it too
            BarMath.checkAddable(tick, open != null ? open.bar : stored != null ? stored.value() : null);
        }
        addToSession(symbol, tick, timestamp);
        if (known == null) {
            symbols.put(symbol.name, symbol);
        }
        if (late) {
            metrics.lateTickDropped("bars-1m");
        } else {
            addToBar(symbol, open != null ? open : openBar(symbol, start, closeTime, stored), tick, timestamp);
        }
        if (streamTime >= nextCloseTime) {
            closeDueBars(streamTime);
        }
        if (liveInterval.isZero()) {
            emitChanged();
        }
    }

    /** @param stored the window's bar in the store, if the store has one this memory does not (rare: see reload) */
    private OpenBar openBar(SymbolState symbol, long start, long closeTime, ValueAndTimestamp<Bar> stored) {
        OpenBar open = new OpenBar(start, stored == null ? BarMath.empty() : stored.value());
        if (stored != null) {
            open.timestamp = stored.timestamp();
        }
        symbol.open.add(open);
        nextCloseTime = Math.min(nextCloseTime, closeTime);
        return open;
    }

    private void addToBar(SymbolState symbol, OpenBar open, Tick tick, long timestamp) {
        ValueAndTimestamp<Instrument> instrument = instruments.get(symbol.name);
        BarMath.addTick(symbol.name, tick, instrument == null ? null : instrument.value(), open.bar);
        open.timestamp = Math.max(open.timestamp, timestamp);
        open.changed = true;
        open.unwritten = true;
        markChanged(symbol);
    }

    private void addToSession(SymbolState symbol, Tick tick, long timestamp) {
        DailyStats session = daily.add(symbol.name, tick, symbol.session == null ? DailyStatsMath.empty() : symbol.session);
        symbol.session = session;
        symbol.sessionTimestamp = Math.max(symbol.sessionTimestamp, timestamp);
        symbol.sessionChanged = true;
        symbol.sessionUnwritten = true;
        markChanged(symbol);
    }

    /**
     * Emits every bar whose close time has come, oldest window first. A bar leaves memory only as it is emitted, and the
     * next close time stays at the earliest bar still open: if emitting one fails, the rest close on the next tick.
     */
    private void closeDueBars(long streamTime) {
        List<DueBar> due = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (SymbolState symbol : symbols.values()) {
            for (OpenBar open : symbol.open) {
                long closeTime = open.start + WINDOW_MILLIS + graceMillis;
                if (closeTime <= streamTime) {
                    due.add(new DueBar(symbol, open));
                } else {
                    next = Math.min(next, closeTime);
                }
            }
        }
        due.sort(CLOSING_ORDER);
        for (DueBar bar : due) {
            close(bar.symbol, bar.bar);
        }
        nextCloseTime = next;
    }

    private void close(SymbolState symbol, OpenBar open) {
        if (open.changed) {
            emitLive(symbol, open); // its last change is not lost to live readers
        }
        context.forward(new Record<>(symbol.name, new StatsUpdate.ClosedBar(output(symbol, open, true)), open.start));
        metrics.barEmitted(INTERVAL_SECONDS, true, System.currentTimeMillis() - (open.start + WINDOW_MILLIS));
        symbol.open.remove(open);
        open.bar.setClosed(true);
        open.unwritten = true;
        closedUnwritten.add(new DueBar(symbol, open));
    }

    /**
     * Schedules the live publishing while something waits for it, and only then: every wall-clock punctuation makes
     * Kafka Streams commit the task, and under exactly-once a commit is a transaction, so a publisher left running on
     * an idle input would cost a transaction per interval for nothing.
     */
    private void armPublisher() {
        if (publisher == null && !liveInterval.isZero()) {
            publisher = context.schedule(liveInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishLive());
        }
    }

    private void publishLive() {
        emitChanged();
        if (changed.isEmpty()) {
            close();
        }
    }

    private void emitChanged() {
        int emitted = 0;
        try {
            for (SymbolState symbol : changed) {
                for (OpenBar open : symbol.open) {
                    if (open.changed) {
                        emitLive(symbol, open);
                    }
                }
                if (symbol.sessionChanged && !DailyStatsMath.isEmpty(symbol.session)) {
                    context.forward(new Record<>(symbol.name, new StatsUpdate.Session(DailyStats.newBuilder(symbol.session).build()),
                            symbol.sessionTimestamp));
                    symbol.sessionChanged = false;
                }
                symbol.queued = false;
                emitted++;
            }
        } finally {
            // a symbol whose publishing failed stays queued, once, for the next interval
            changed.subList(0, emitted).clear();
        }
    }

    private void emitLive(SymbolState symbol, OpenBar open) {
        Bar bar = output(symbol, open, false);
        context.forward(new Record<>(symbol.name, new StatsUpdate.LiveBar(bar), open.timestamp));
        metrics.barEmitted(INTERVAL_SECONDS, false, System.currentTimeMillis() - EventTime.toMillis(bar.getLastEventTimeMicros()));
        open.changed = false;
    }

    private static Bar output(SymbolState symbol, OpenBar open, boolean closed) {
        return Bar.newBuilder(open.bar)
                .setSymbol(symbol.name)
                .setIntervalSeconds(INTERVAL_SECONDS)
                .setWindowStartMicros(EventTime.fromMillis(open.start))
                .setWindowEndMicros(EventTime.fromMillis(open.start + WINDOW_MILLIS))
                .setClosed(closed)
                .build();
    }

    private void markChanged(SymbolState symbol) {
        if (!symbol.queued) {
            symbol.queued = true;
            changed.add(symbol);
        }
        armPublisher();
        if (!symbol.queuedForWrite) {
            symbol.queuedForWrite = true;
            unwritten.add(symbol);
        }
    }

    /** Writes every session and bar changed since the last commit to its store: called just before the next commit. */
    private void writeChanges() {
        for (SymbolState symbol : unwritten) {
            symbol.queuedForWrite = false;
            if (symbol.sessionUnwritten) {
                symbol.sessionUnwritten = false;
                sessions.put(symbol.name, ValueAndTimestamp.make(symbol.session, symbol.sessionTimestamp));
            }
            for (OpenBar open : symbol.open) {
                write(symbol, open);
            }
        }
        unwritten.clear();
        for (DueBar closed : closedUnwritten) {
            write(closed.symbol, closed.bar);
        }
        closedUnwritten.clear();
    }

    private void write(SymbolState symbol, OpenBar bar) {
        if (bar.unwritten) {
            bar.unwritten = false;
            bars.put(symbol.name, ValueAndTimestamp.make(bar.bar, bar.timestamp), bar.start);
        }
    }

    /**
     * Takes back the task's sessions and its open bars from the stores. Every symbol with a bar has a session, and an open
     * bar's window is within a window and a grace of the symbol's last trade. A bar not marked closed but already due at
     * the restored stream time was emitted by an earlier version of the topology, which did not mark them: left closed.
     */
    private void reload(long streamTime) {
        List<SymbolState> reloaded = new ArrayList<>();
        long latestTrade = Long.MIN_VALUE;
        try (KeyValueIterator<String, ValueAndTimestamp<DailyStats>> all = sessions.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<DailyStats>> entry = all.next();
                if (entry.value == null || DailyStatsMath.isEmpty(entry.value.value())) {
                    continue;
                }
                SymbolState symbol = new SymbolState(entry.key);
                symbol.session = entry.value.value();
                symbol.sessionTimestamp = entry.value.timestamp();
                symbol.sessionChanged = true;
                reloaded.add(symbol);
                latestTrade = Math.max(latestTrade, EventTime.toMillis(symbol.session.getLastEventTimeMicros()));
            }
        }
        // offsets committed without the stream time (by a reset tool): it was at least the latest trade of any session
        long closedBefore = streamTime >= 0 ? streamTime : latestTrade;
        for (SymbolState symbol : reloaded) {
            reloadOpenBars(symbol, closedBefore);
            symbols.put(symbol.name, symbol);
            markChanged(symbol);
        }
    }

    private void reloadOpenBars(SymbolState symbol, long streamTime) {
        long lastTrade = EventTime.toMillis(symbol.session.getLastEventTimeMicros());
        try (WindowStoreIterator<ValueAndTimestamp<Bar>> windows = bars.fetch(symbol.name,
                lastTrade - 2 * WINDOW_MILLIS - graceMillis, lastTrade)) {
            while (windows.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<Bar>> window = windows.next();
                Bar bar = window.value.value();
                long closeTime = window.key + WINDOW_MILLIS + graceMillis;
                if (bar.getTradeCount() > 0 && !bar.getClosed() && closeTime > streamTime) {
                    OpenBar open = new OpenBar(window.key, bar);
                    open.timestamp = window.value.timestamp();
                    open.changed = true;
                    symbol.open.add(open);
                    nextCloseTime = Math.min(nextCloseTime, closeTime);
                }
            }
        }
    }

    /** One symbol's state in this task: its session and its bars not closed yet (one, two around a window's end). */
    private static final class SymbolState {
        final String name;
        final List<OpenBar> open = new ArrayList<>(2);
        DailyStats session;
        long sessionTimestamp = Long.MIN_VALUE;
        boolean sessionChanged;
        boolean sessionUnwritten;
        boolean queued;
        boolean queuedForWrite;

        SymbolState(String name) {
            this.name = name;
        }

        OpenBar openBar(long start) {
            for (OpenBar bar : open) {
                if (bar.start == start) {
                    return bar;
                }
            }
            return null;
        }
    }

    /** A 1-minute bar not closed yet; {@code timestamp} is the latest of its ticks' record timestamps. */
    private static final class OpenBar {
        final long start;
        final Bar bar;
        long timestamp = Long.MIN_VALUE;
        boolean changed;
        boolean unwritten;

        OpenBar(long start, Bar bar) {
            this.start = start;
            this.bar = bar;
        }
    }

    private record DueBar(SymbolState symbol, OpenBar bar) {
    }
}
