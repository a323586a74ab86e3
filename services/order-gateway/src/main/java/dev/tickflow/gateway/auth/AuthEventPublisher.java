package dev.tickflow.gateway.auth;

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
 * Every authentication attempt with a token, successful or not, to auth.events for surveillance: keyed by the account,
 * or by the source address when the token matched no account. A request without any token is not an attempt and is
 * not reported (it gets 401). The send never blocks the request; a failed send is counted, not retried.
 */
@ApplicationScoped
public class AuthEventPublisher {

    private final AuthEventSender sender;
    private final Clock clock = Clock.systemUTC();

    AuthEventPublisher(@Channel(Channels.AUTH_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<AuthEvent> events, MeterRegistry meters) {
        this.sender = new AuthEventSender(events, meters, "tickflow.gateway.auth", null);
    }

    void succeeded(@Observes AuthenticationSuccessEvent event) {
        publish(AuthEvents.succeeded(event, clock));
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        publish(AuthEvents.failed(event, clock));
    }

    /** An attempt the HTTP layer does not see (a FIX logon). */
    public void publish(AuthEvents.Attempt attempt) {
        sender.send(attempt);
    }
}
