package dev.tickflow.surveillance.topology;

import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.Severity;
import dev.tickflow.surveillance.patterns.Alerts;
import dev.tickflow.surveillance.state.AuthFailure;
import dev.tickflow.surveillance.state.AuthWatch;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * More than N failed logins for one key of auth.events (the account, or the source address when the token matched no
 * account) within a sliding window: one alert with every failure as evidence, then quiet for a window. Keys with
 * nothing left in the window are swept, so a spray from many addresses does not grow the store without end.
 */
final class FailedLoginsProcessor implements Processor<String, AuthEvent, String, Alert> {

    private final SurveillanceSettings settings;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AuthWatch> store;

    FailedLoginsProcessor(SurveillanceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.LOGINS);
        // keys are source addresses too, which anyone can vary: what no longer counts is swept, once per window
        context.schedule(settings.loginWindow(), PunctuationType.STREAM_TIME, this::sweep);
    }

    /** Drops every key whose failures have all left the window and whose quiet period is over. */
    void sweep(long streamTimeMillis) {
        long now = streamTimeMillis * 1_000;
        long windowStart = now - SurveillanceSettings.micros(settings.loginWindow());
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, AuthWatch> watches = store.all()) {
            while (watches.hasNext()) {
                KeyValue<String, AuthWatch> watch = watches.next();
                boolean counting = watch.value.getFailures().stream().anyMatch(failure -> failure.getAtMicros() >= windowStart);
                if (!counting && watch.value.getQuietUntilMicros() <= now) {
                    stale.add(watch.key);
                }
            }
        }
        stale.forEach(store::delete);
    }

    @Override
    public void process(Record<String, AuthEvent> record) {
        AuthEvent event = record.value();
        if (record.key() == null || event == null || event.getOutcome() != AuthOutcome.FAILURE) {
            return;
        }
        AuthWatch watch = store.get(record.key());
        if (watch == null) {
            watch = new AuthWatch(new ArrayList<>(), 0L);
        }
        // Avro's arrays cannot remove while iterating
        watch.setFailures(new ArrayList<>(watch.getFailures()));
        long now = event.getOccurredAtMicros();
        long windowStart = now - SurveillanceSettings.micros(settings.loginWindow());
        List<AuthFailure> failures = watch.getFailures();
        failures.removeIf(failure -> failure.getAtMicros() < windowStart);
        failures.add(new AuthFailure(event.getEventId(), event.getAccount(), event.getSourceAddress(), event.getReason(), now));
        if (failures.size() > settings.maxFailedLogins() && now >= watch.getQuietUntilMicros()) {
            List<Evidence> evidence = failures.stream().map(failure -> new Evidence("auth-failure", failure.getEventId(),
                    failure.getAtMicros(), "from " + failure.getSourceAddress() + ": " + failure.getReason())).toList();
            long first = failures.get(0).getAtMicros();
            Alert alert = Alerts.of(AlertType.FAILED_LOGINS, Severity.WARNING, event.getAccount(), null,
                    event.getAccount() == null ? record.key() : event.getSourceAddress(),
                    failures.size() + " failed logins within " + settings.loginWindow().toSeconds() + " s", evidence, first, now, now);
            context.forward(new Record<>(Alerts.key(alert), alert, record.timestamp()));
            watch.setQuietUntilMicros(now + SurveillanceSettings.micros(settings.loginWindow()));
            failures.clear();
        }
        store.put(record.key(), watch);
    }
}
