package dev.tickflow.web.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.tickflow.web.push.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connected accounts and their outboxes. An account's events go to that account's connections only; alerts go
 * where {@link AlertAudience} says.
 */
@ApplicationScoped
public class AccountHub {

    /** An account's messages mostly do not conflate (each execution matters): this many may wait for a slow client. */
    static final int OUTBOX_CAPACITY = 1_000;
    static final String RESYNC = "{\"type\":\"resync\"}";

    /** One authenticated connection. The token is the account's own, used to act and read on its behalf. */
    public record Session(String account, boolean admin, String token, Outbox outbox) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Counter pushed;
    private final Counter conflated;
    private final Counter dropped;

    AccountHub(MeterRegistry registry) {
        registry.gaugeMapSize("tickflow.web.account.clients", List.of(), sessions);
        this.pushed = registry.counter("tickflow.web.account.pushed");
        this.conflated = registry.counter("tickflow.web.account.conflated");
        this.dropped = registry.counter("tickflow.web.account.dropped");
    }

    void connect(String connectionId, Session session) {
        sessions.put(connectionId, session);
    }

    void disconnect(String connectionId) {
        Session gone = sessions.remove(connectionId);
        if (gone != null) {
            gone.outbox().close();
        }
    }

    Optional<Session> session(String connectionId) {
        return Optional.ofNullable(sessions.get(connectionId));
    }

    /** The accounts with at least one connection, each with one of its tokens. */
    Map<String, String> connectedAccounts() {
        return sessions.values().stream().collect(Collectors.toMap(Session::account, Session::token, (first, second) -> first));
    }

    /** One token of a connected account, if the account is connected. */
    Optional<String> tokenOf(String account) {
        for (Session session : sessions.values()) {
            if (session.account().equals(account)) {
                return Optional.of(session.token());
            }
        }
        return Optional.empty();
    }

    /** To every connection of the account. */
    public void toAccount(String account, String key, String message) {
        for (Session session : sessions.values()) {
            if (session.account().equals(account)) {
                offer(session, key, message);
            }
        }
    }

    /**
     * One message in two versions: administrators get theirs; the account's own connections, and everyone's when it is
     * for everyone, get the other. With no account and not for everyone, administrators alone.
     */
    void toAudience(String key, String adminMessage, String account, boolean everyone, String traderMessage) {
        for (Session session : sessions.values()) {
            if (session.admin()) {
                offer(session, key, adminMessage);
            } else if (everyone || session.account().equals(account)) {
                offer(session, key, traderMessage);
            }
        }
    }

    /** To one connection: answers to its own requests. */
    void toConnection(String connectionId, String key, String message) {
        Session session = sessions.get(connectionId);
        if (session != null) {
            offer(session, key, message);
        }
    }

    Set<String> connectionIds() {
        return sessions.keySet();
    }

    private void offer(Session session, String key, String message) {
        switch (session.outbox().offer(key, message)) {
            case CONFLATED -> conflated.increment();
            case DROPPED -> {
                // the client has lost an update it cannot rebuild from later ones: it is told to reload its state
                dropped.increment();
                session.outbox().offer("resync", RESYNC);
            }
            default -> pushed.increment();
        }
    }
}
