package dev.tickflow.surveillance.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Severity;
import dev.tickflow.model.Tick;
import dev.tickflow.surveillance.patterns.Alerts;
import dev.tickflow.surveillance.state.SymbolWatch;
import dev.tickflow.support.streams.BeforeCommitHook;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per symbol: a tick whose move, in ticks, lies beyond k robust deviations of the recent moves (price anomaly), and,
 * on a wall-clock check, a liquid symbol that stopped ticking (gap). A gap is judged on processing time, since it is the
 * silence of the feed now that matters.
 *
 * <p>Each symbol's watch stays in memory as an object between ticks and is written to its store once per commit, just
 * before it ({@link BeforeCommitHook}): decoding and encoding the watch on every tick was a third of this service's
 * CPU at 1,000 ticks/s. The store, and its changelog, still hold exactly what the committed offsets cover.
 */
final class SymbolProcessor implements Processor<String, Tick, String, Alert> {

    private static final long MINUTE_MICROS = 60_000_000L;

    /** The median absolute deviation of normally distributed values times this is their standard deviation. */
    private static final double MAD_TO_SIGMA = 1.4826;

    private final SurveillanceSettings settings;
    /**
     * When each symbol may alert again. Kept in memory, one entry per symbol this task has seen: after a restart a symbol
     * may alert once more within its cooldown.
     */
    private final Map<String, Long> cooldownUntil = new HashMap<>();
    /** The watches this task has read or changed since it was initialised. */
    private final Map<String, SymbolWatch> watches = new HashMap<>();
    /** Symbols whose watch changed since the last commit. */
    private final Set<String> unwritten = new LinkedHashSet<>();
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SymbolWatch> store;

    SymbolProcessor(SurveillanceSettings settings) {
        this.settings = settings;
    }

    /**
     * A price moves in whole ticks, and most ticks do not move it at all: a standard deviation of such changes is tiny
     * and an ordinary one-tick move is "many sigmas". So the changes are judged in ticks, against their median and a
     * robust scale (the median absolute deviation, never less than one tick), and a symbol that alerted stays quiet for
     * the cooldown. The tick is the smallest move the recent changes show.
     */
    private void anomaly(Record<String, Tick> record, Tick tick, SymbolWatch watch, double change, List<Double> changes, long now) {
        double[] sorted = changes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double tickSize = Double.MAX_VALUE;
        for (double value : sorted) {
            if (value != 0 && Math.abs(value) < tickSize) {
                tickSize = Math.abs(value);
            }
        }
        if (tickSize == Double.MAX_VALUE) {
            // nothing has moved yet: no tick to measure in
            return;
        }
        double median = median(sorted);
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        java.util.Arrays.sort(deviations);
        double scale = Math.max(MAD_TO_SIGMA * median(deviations), tickSize);
        double score = Math.abs(change - median) / scale;
        if (score <= settings.anomalySigmas()) {
            return;
        }
        cooldownUntil.put(record.key(), now + SurveillanceSettings.micros(settings.anomalyCooldown()));
        double percent = change / watch.getLastPrice() * 100;
        Alert alert = Alerts.of(AlertType.PRICE_ANOMALY, Severity.WARNING, null, record.key(), null, String.format(Locale.ROOT,
                "%s moved %.2f%% (%.0f ticks) in one tick, %.1f robust deviations of its last %d moves", record.key(), percent,
                change / tickSize, score, changes.size()),
                List.of(new Evidence("tick", tick.getTradeId() == null ? record.key() + "@" + now : tick.getTradeId(), now,
                        FixedPoint.format(watch.getLastPrice()) + " -> " + FixedPoint.format(tick.getPrice()))),
                watch.getLastTickMicros(), now, now);
        context.forward(new Record<>(record.key(), alert, record.timestamp()));
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SYMBOLS);
        // a task revived after a failure is initialised again on the same processor: its stores are what counts
        watches.clear();
        unwritten.clear();
        context.<BeforeCommitHook>getStateStore(StoreNames.SYMBOLS_COMMIT_HOOK).beforeCommit(this::writeChanges);
        context.schedule(settings.gapCheckEvery(), PunctuationType.WALL_CLOCK_TIME, this::checkGaps);
    }

    private void writeChanges() {
        for (String symbol : unwritten) {
            store.put(symbol, watches.get(symbol));
        }
        unwritten.clear();
    }

    /** The symbol's watch, read from the store the first time this task meets it; its lists are mutable. */
    private SymbolWatch watch(String symbol) {
        SymbolWatch watch = watches.get(symbol);
        if (watch == null) {
            SymbolWatch stored = store.get(symbol);
            watch = stored != null ? stored
                    : new SymbolWatch(symbol, 0L, 0L, 0L, new ArrayList<>(), new ArrayList<>(), false);
            // Avro's arrays cannot remove while iterating
            watch.setRecentTicks(new ArrayList<>(watch.getRecentTicks()));
            watch.setReturns(new ArrayList<>(watch.getReturns()));
            watches.put(symbol, watch);
        }
        return watch;
    }

    @Override
    public void process(Record<String, Tick> record) {
        Tick tick = record.value();
        if (record.key() == null || tick == null || tick.getPrice() <= 0) {
            return;
        }
        SymbolWatch watch = watch(record.key());
        long now = tick.getEventTimeMicros();
        if (watch.getLastPrice() > 0) {
            double change = tick.getPrice() - watch.getLastPrice();
            List<Double> changes = watch.getReturns();
            if (changes.size() >= settings.anomalyMinReturns() && now >= cooldownUntil.getOrDefault(record.key(), Long.MIN_VALUE)) {
                anomaly(record, tick, watch, change, changes, now);
            }
            changes.add(change);
            while (changes.size() > settings.anomalyReturns()) {
                changes.remove(0);
            }
        }
        watch.setLastPrice(tick.getPrice());
        watch.setLastTickMicros(Math.max(watch.getLastTickMicros(), now));
        watch.setLastSeenAtMillis(context.currentSystemTimeMs());
        List<Long> recent = watch.getRecentTicks();
        recent.add(now);
        long minuteStart = watch.getLastTickMicros() - MINUTE_MICROS;
        recent.removeIf(time -> time < minuteStart);
        // "liquid" asks only whether the last minute had that many ticks: the newest that many answer it, and a busy
        // symbol's state stays a few hundred bytes instead of every tick of its minute, written on every tick
        if (recent.size() > settings.liquidTicks()) {
            recent.subList(0, recent.size() - settings.liquidTicks()).clear();
        }
        watch.setGapAlerted(false);
        unwritten.add(record.key());
    }

    private void checkGaps(long wallClockMillis) {
        // the store holds every symbol of the task, memory only those met since the start: the store, brought up to date
        writeChanges();
        List<KeyValue<String, SymbolWatch>> silent = new ArrayList<>();
        try (KeyValueIterator<String, SymbolWatch> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, SymbolWatch> entry = all.next();
                SymbolWatch watch = entry.value;
                if (!watch.getGapAlerted() && watch.getRecentTicks().size() >= settings.liquidTicks()
                        && wallClockMillis - watch.getLastSeenAtMillis() >= settings.gapAfter().toMillis()) {
                    silent.add(entry);
                }
            }
        }
        for (KeyValue<String, SymbolWatch> entry : silent) {
            SymbolWatch watch = entry.value;
            long silence = Duration.ofMillis(wallClockMillis - watch.getLastSeenAtMillis()).toSeconds();
            Alert alert = Alerts.of(AlertType.TICK_GAP, Severity.WARNING, null, entry.key, null, entry.key + " has not traded for "
                    + silence + " s after at least " + watch.getRecentTicks().size() + " ticks in its last minute",
                    List.of(new Evidence("last-tick", entry.key, watch.getLastTickMicros(), "last price "
                            + FixedPoint.format(watch.getLastPrice()))), watch.getLastTickMicros(), watch.getLastTickMicros(),
                    wallClockMillis * 1_000);
            context.forward(new Record<>(entry.key, alert, wallClockMillis));
            watch(entry.key).setGapAlerted(true);
            unwritten.add(entry.key);
        }
    }
}
