package dev.tickflow.support.auth;

import dev.tickflow.model.AuthEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends authentication attempts to auth.events, keyed as {@link AuthEvents} keys them, without holding up the sign-in:
 * each is counted by outcome, and a failed send is counted, not retried. Not a bean: a service that takes tokens from
 * people makes one around its own auth.events emitter.
 */
public final class AuthEventSender {

    private final MutinyEmitter<AuthEvent> events;
    private final MeterRegistry meters;
    private final String meter;
    private final String channel;

    /**
     * @param meter counter name for attempts by outcome; failed sends count under {@code <meter>.unsent}
     * @param channel the channel every attempt is reported under, or null to keep the one the attempt names
     */
    public AuthEventSender(MutinyEmitter<AuthEvent> events, MeterRegistry meters, String meter, String channel) {
        this.events = events;
        this.meters = meters;
        this.meter = meter;
        this.channel = channel;
    }

    public void send(AuthEvents.Attempt attempt) {
        if (channel != null) {
            attempt.event().setChannel(channel);
        }
        meters.counter(meter, "outcome", attempt.event().getOutcome().name()).increment();
        events.sendMessage(Message.of(attempt.event()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(attempt.key()).build()))
                .subscribe().with(sent -> { }, unsent -> meters.counter(meter + ".unsent").increment());
    }
}
