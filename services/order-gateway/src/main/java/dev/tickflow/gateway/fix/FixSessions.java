package dev.tickflow.gateway.fix;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.gateway.orders.OrderRegistry;
import dev.tickflow.gateway.orders.OrderUpdates;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.field.CxlRejReason;

/**
 * The logged-on FIX sessions by account, and the account's reports and refusals sent to them as they happen: a session
 * hears about every order of its account, whichever channel entered it, and nothing of any other account.
 */
@ApplicationScoped
public class FixSessions implements OrderUpdates {

    private final Map<String, Set<SessionID>> byAccount = new ConcurrentHashMap<>();
    private final OrderRegistry registry;
    private final Counter sent;
    private final Counter unsent;

    FixSessions(OrderRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.sent = meters.counter("tickflow.gateway.fix.sent");
        this.unsent = meters.counter("tickflow.gateway.fix.unsent");
        meters.gaugeMapSize("tickflow.gateway.fix.accounts", List.of(), byAccount);
    }

    void loggedOn(String account, SessionID session) {
        byAccount.computeIfAbsent(account, unused -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void loggedOff(String account, SessionID session) {
        byAccount.computeIfPresent(account, (unused, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    @Override
    public void executed(ExecutionReport report) {
        Set<SessionID> sessions = byAccount.get(report.getAccount());
        if (sessions != null) {
            sessions.forEach(session -> send(FixMessages.report(report), session));
        }
    }

    @Override
    public void rejected(OrderRejected rejected) {
        Set<SessionID> sessions = byAccount.get(rejected.getAccount());
        if (sessions == null) {
            return;
        }
        var order = registry.viewByClientOrderId(rejected.getAccount(), rejected.getClientOrderId()).orElse(null);
        // a cancel or replace that risk or the book would not carry out leaves the order standing: a cancel reject
        boolean followUp = registry.refusesFollowUp(rejected);
        for (SessionID session : sessions) {
            send(followUp ? FixMessages.cancelRejected(rejected.getClientOrderId(), rejected.getClientOrderId(), order, false,
                    CxlRejReason.TOO_LATE_TO_CANCEL, rejected.getMessage()) : FixMessages.rejected(rejected, order), session);
        }
    }

    /** Sends at once on the session's connection; a session that has gone meanwhile just misses it. */
    void send(Message message, SessionID session) {
        try {
            if (Session.sendToTarget(message, session)) {
                sent.increment();
                return;
            }
        } catch (SessionNotFound gone) {
            // logged off between the lookup and the send
        }
        unsent.increment();
    }
}
