package dev.tickflow.gateway.auth;

import java.time.Clock;
import java.util.UUID;

import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.support.auth.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AbstractSecurityEvent;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Every authentication attempt with a token, successful or not, to auth.events for surveillance: keyed by the account,
 * or by the source address when the token matched no account. A request without any token is not an attempt and is
 * not reported (it gets 401). The send never blocks the request; a failed send is counted, not retried.
 */
@ApplicationScoped
public class AuthEventPublisher {

    private final MutinyEmitter<AuthEvent> events;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    AuthEventPublisher(@Channel(Channels.AUTH_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<AuthEvent> events, MeterRegistry meters) {
        this.events = events;
        this.meters = meters;
    }

    void succeeded(@Observes AuthenticationSuccessEvent event) {
        publish(event, Caller.account(event.getSecurityIdentity()), AuthOutcome.SUCCESS, null);
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        Throwable failure = event.getAuthenticationFailure();
        publish(event, null, AuthOutcome.FAILURE, failure == null ? "authentication failed" : failure.getMessage());
    }

    private void publish(AbstractSecurityEvent event, String account, AuthOutcome outcome, String reason) {
        RoutingContext request = event.getEventProperties().get(RoutingContext.class.getName()) instanceof RoutingContext context
                ? context : null;
        String source = request == null ? null : sourceAddress(request);
        AuthEvent record = AuthEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAccount(account)
                .setOutcome(outcome).setReason(reason).setSourceAddress(source).setChannel(channel(request))
                .setOccurredAtMicros(EventTime.nowMicros(clock)).build();
        String key = account != null ? account : source;
        meters.counter("tickflow.gateway.auth", "outcome", outcome.name()).increment();
        events.sendMessage(Message.of(record).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .subscribe().with(sent -> { }, unsent -> meters.counter("tickflow.gateway.auth.unsent").increment());
    }

    private static String channel(RoutingContext request) {
        if (request != null && "websocket".equalsIgnoreCase(request.request().getHeader(HttpHeaders.UPGRADE))) {
            return "websocket";
        }
        return "rest";
    }

    private static String sourceAddress(RoutingContext request) {
        SocketAddress address = request.request().remoteAddress();
        return address == null ? null : address.hostAddress();
    }
}
