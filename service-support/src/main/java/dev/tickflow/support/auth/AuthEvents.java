package dev.tickflow.support.auth;

import java.time.Clock;
import java.util.UUID;

import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.EventTime;
import io.quarkus.security.spi.runtime.AbstractSecurityEvent;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * An authentication attempt as an auth.events record, for the services that take tokens from people (order entry, the
 * dashboard). Keyed by the account, or by the source address when the token matched no account, so that surveillance
 * can count failures per account and per address. Not a bean: each service sends with its own producer.
 */
public final class AuthEvents {

    /** The record and its key. */
    public record Attempt(String key, AuthEvent event) {
    }

    private AuthEvents() {
    }

    public static Attempt succeeded(AuthenticationSuccessEvent event, Clock clock) {
        return attempt(event, Caller.account(event.getSecurityIdentity()), AuthOutcome.SUCCESS, null, clock);
    }

    public static Attempt failed(AuthenticationFailureEvent event, Clock clock) {
        Throwable failure = event.getAuthenticationFailure();
        return attempt(event, null, AuthOutcome.FAILURE, failure == null ? "authentication failed" : failure.getMessage(), clock);
    }

    /**
     * An attempt outside HTTP (a FIX logon, say).
     *
     * @param account the account it authenticated as, null when the credentials matched none
     */
    public static Attempt of(String account, AuthOutcome outcome, String reason, String source, String channel, Clock clock) {
        AuthEvent record = AuthEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAccount(account)
                .setOutcome(outcome).setReason(reason).setSourceAddress(source).setChannel(channel)
                .setOccurredAtMicros(EventTime.nowMicros(clock)).build();
        return new Attempt(account != null ? account : source, record);
    }

    private static Attempt attempt(AbstractSecurityEvent event, String account, AuthOutcome outcome, String reason, Clock clock) {
        RoutingContext request = event.getEventProperties().get(RoutingContext.class.getName()) instanceof RoutingContext context
                ? context : null;
        return of(request, account, outcome, reason, clock);
    }

    /**
     * An attempt on an HTTP request that a handler authenticated itself (a WebSocket upgrade outside Quarkus' security).
     *
     * @param account the account it authenticated as, null when the credentials matched none
     */
    public static Attempt of(RoutingContext request, String account, AuthOutcome outcome, String reason, Clock clock) {
        return of(account, outcome, reason, request == null ? null : sourceAddress(request), channel(request), clock);
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
