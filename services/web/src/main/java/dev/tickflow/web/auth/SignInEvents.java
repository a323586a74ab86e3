package dev.tickflow.web.auth;

import java.time.Clock;

import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.support.auth.AuthEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Every sign-in to the dashboard (the token check and each account connection), successful or not, to auth.events:
 * surveillance counts failed logins per account and per source address whichever door they come through.
 */
@ApplicationScoped
public class SignInEvents {

    private final MutinyEmitter<AuthEvent> events;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    SignInEvents(@Channel(Channels.AUTH_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<AuthEvent> events, MeterRegistry meters) {
        this.events = events;
        this.meters = meters;
    }

    void succeeded(@Observes AuthenticationSuccessEvent event) {
        publish(AuthEvents.succeeded(event, clock));
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        publish(AuthEvents.failed(event, clock));
    }

    private void publish(AuthEvents.Attempt attempt) {
        // the schema's channel for the dashboard, whichever of its doors (REST sign-in, WebSocket) was used
        attempt.event().setChannel("web");
        meters.counter("tickflow.web.auth", "outcome", attempt.event().getOutcome().name()).increment();
        events.sendMessage(Message.of(attempt.event()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(attempt.key()).build()))
                .subscribe().with(sent -> { }, unsent -> meters.counter("tickflow.web.auth.unsent").increment());
    }
}
