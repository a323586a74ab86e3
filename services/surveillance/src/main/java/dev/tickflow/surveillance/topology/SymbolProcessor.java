package dev.tickflow.surveillance.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Severity;
import dev.tickflow.model.Tick;
import dev.tickflow.surveillance.patterns.Alerts;
import dev.tickflow.surveillance.state.SymbolWatch;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per symbol: a tick whose log return lies beyond k standard deviations of the recent returns (price anomaly), and,
 * on a wall-clock check, a liquid symbol that stopped ticking (gap). A gap is judged on processing time, since it is the
 * silence of the feed now that matters.
 */
final class SymbolProcessor implements Processor<String, Tick, String, Alert> {

    private static final long MINUTE_MICROS = 60_000_000L;

    private final SurveillanceSettings settings;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SymbolWatch> store;

    SymbolProcessor(SurveillanceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SYMBOLS);
        context.schedule(settings.gapCheckEvery(), PunctuationType.WALL_CLOCK_TIME, this::checkGaps);
    }

    @Override
    public void process(Record<String, Tick> record) {
        Tick tick = record.value();
        if (record.key() == null || tick == null || tick.getPrice() <= 0) {
            return;
        }
        SymbolWatch watch = store.get(record.key());
        if (watch == null) {
            watch = new SymbolWatch(record.key(), 0L, 0L, 0L, new ArrayList<>(), new ArrayList<>(), false);
        }
        // Avro's arrays cannot remove while iterating
        watch.setRecentTicks(new ArrayList<>(watch.getRecentTicks()));
        long now = tick.getEventTimeMicros();
        if (watch.getLastPrice() > 0) {
            double change = Math.log((double) tick.getPrice() / watch.getLastPrice());
            List<Double> returns = watch.getReturns();
            if (returns.size() >= settings.anomalyMinReturns()) {
                double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double variance = returns.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum() / returns.size();
                double deviation = Math.sqrt(variance);
                if (deviation > 0 && Math.abs(change - mean) > settings.anomalySigmas() * deviation) {
                    double sigmas = Math.abs(change - mean) / deviation;
                    Alert alert = Alerts.of(AlertType.PRICE_ANOMALY, Severity.WARNING, null, record.key(), null, String.format(
                            Locale.ROOT, "%s moved %.2f%% in one tick, %.1f standard deviations of its last %d returns",
                            record.key(), (Math.exp(change) - 1) * 100, sigmas, returns.size()),
                            List.of(new Evidence("tick", tick.getTradeId() == null ? record.key() + "@" + now : tick.getTradeId(), now,
                                    FixedPoint.format(watch.getLastPrice()) + " -> " + FixedPoint.format(tick.getPrice()))),
                            watch.getLastTickMicros(), now, now);
                    context.forward(new Record<>(record.key(), alert, record.timestamp()));
                }
            }
            returns.add(change);
            while (returns.size() > settings.anomalyReturns()) {
                returns.remove(0);
            }
        }
        watch.setLastPrice(tick.getPrice());
        watch.setLastTickMicros(Math.max(watch.getLastTickMicros(), now));
        watch.setLastSeenAtMillis(context.currentSystemTimeMs());
        watch.getRecentTicks().add(now);
        long minuteStart = watch.getLastTickMicros() - MINUTE_MICROS;
        watch.getRecentTicks().removeIf(time -> time < minuteStart);
        watch.setGapAlerted(false);
        store.put(record.key(), watch);
    }

    private void checkGaps(long wallClockMillis) {
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
                    + silence + " s after " + watch.getRecentTicks().size() + " ticks in its last minute",
                    List.of(new Evidence("last-tick", entry.key, watch.getLastTickMicros(), "last price "
                            + FixedPoint.format(watch.getLastPrice()))), watch.getLastTickMicros(), watch.getLastTickMicros(),
                    wallClockMillis * 1_000);
            context.forward(new Record<>(entry.key, alert, wallClockMillis));
            watch.setGapAlerted(true);
            store.put(entry.key, watch);
        }
    }
}
