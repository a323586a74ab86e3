package dev.tickflow.web.auth;

import java.time.Clock;

import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.support.auth.AuthEventSender;
import dev.tickflow.support.auth.AuthEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Every sign-in to the dashboard (the token check and each account connection), successful or not, to auth.events:
 * surveillance counts failed logins per account and per source address whichever door they come through.
 */
@ApplicationScoped
public class SignInEvents {

    private final AuthEventSender sender;
    private final Clock clock = Clock.systemUTC();

    SignInEvents(@Channel(Channels.AUTH_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<AuthEvent> events, MeterRegistry meters) {
        // the schema's channel for the dashboard, whichever of its doors (REST sign-in, WebSocket) was used
        this.sender = new AuthEventSender(events, meters, "tickflow.web.auth", "web");
    }

    void succeeded(@Observes AuthenticationSuccessEvent event) {
        sender.send(AuthEvents.succeeded(event, clock));
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        sender.send(AuthEvents.failed(event, clock));
    }
}
