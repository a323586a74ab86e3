package dev.tickflow.gateway.fix;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.tickflow.gateway.auth.AuthEventPublisher;
import dev.tickflow.gateway.orders.OrderRegistry;
import dev.tickflow.gateway.orders.OrderRequest;
import dev.tickflow.gateway.orders.OrderResult;
import dev.tickflow.gateway.orders.OrderService;
import dev.tickflow.gateway.orders.OrderView;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.AuthEvents;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.problem.ProblemException;
import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejReason;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;

/**
 * FIX 4.4 order entry: NewOrderSingle (D), OrderCancelRequest (F) and OrderCancelReplaceRequest (G) go through the
 * same order service, validation and risk as REST and WebSocket; OrderStatusRequest (H) answers where an order stands
 * (sequence numbers start over at each logon, so this is how a reconnecting client catches up). A session authenticates
 * at Logon with the account's API token in Password (554), and its SenderCompID (49) must be that account's id; it then
 * acts only for that account.
 * QuickFIX/J calls back on each session's own thread, never on an event loop.
 */
@ApplicationScoped
public class FixOrderEntry implements Application {

    private static final Logger LOG = Logger.getLogger(FixOrderEntry.class);

    private final ApiTokenIdentityProvider tokens;
    private final OrderService orders;
    private final OrderRegistry registry;
    private final FixSessions sessions;
    private final AuthEventPublisher authEvents;
    private final Map<SessionID, SecurityIdentity> identities = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    FixOrderEntry(ApiTokenIdentityProvider tokens, OrderService orders, OrderRegistry registry, FixSessions sessions,
            AuthEventPublisher authEvents) {
        this.tokens = tokens;
        this.orders = orders;
        this.registry = registry;
        this.sessions = sessions;
        this.authEvents = authEvents;
    }

    @Override
    public void fromAdmin(Message message, SessionID session) throws FieldNotFound, RejectLogon {
        if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
            authenticate(message, session);
        }
    }

    @Override
    public void onLogon(SessionID session) {
        SecurityIdentity identity = identities.get(session);
        if (identity != null) {
            sessions.loggedOn(Caller.account(identity), session);
        }
    }

    @Override
    public void onLogout(SessionID session) {
        SecurityIdentity identity = identities.remove(session);
        if (identity != null) {
            sessions.loggedOff(Caller.account(identity), session);
        }
    }

    @Override
    public void fromApp(Message message, SessionID session) throws FieldNotFound, UnsupportedMessageType {
        SecurityIdentity identity = identities.get(session);
        if (identity == null) {
            throw new UnsupportedMessageType();
        }
        String account = Caller.account(identity);
        switch (message.getHeader().getString(MsgType.FIELD)) {
            case MsgType.ORDER_SINGLE -> newOrder(identity, FixMessages.newOrder(message, account), session);
            case MsgType.ORDER_CANCEL_REQUEST -> followUp(identity, message, false, session);
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> followUp(identity, message, true, session);
            case MsgType.ORDER_STATUS_REQUEST -> sessions.send(FixMessages.status(message, registry.viewByClientOrderId(account,
                    message.getString(ClOrdID.FIELD)).orElse(null), "status-" + UUID.randomUUID(), clock.instant()), session);
            default -> throw new UnsupportedMessageType();
        }
    }

    private void authenticate(Message logon, SessionID session) throws FieldNotFound, RejectLogon {
        String source = remoteHost(session);
        String token = logon.isSetField(Password.FIELD) ? logon.getString(Password.FIELD) : "";
        if (token.isBlank()) {
            throw refuse(null, "Logon needs the account's API token in Password (554)", source);
        }
        SecurityIdentity identity;
        try {
            identity = tokens.identify(new TokenCredential(token, "fix"));
        } catch (AuthenticationFailedException e) {
            throw refuse(null, e.getMessage(), source);
        }
        String account = Caller.account(identity);
        if (!account.equals(session.getTargetCompID())) {
            throw refuse(account, "SenderCompID (49) must be the account the token belongs to", source);
        }
        identities.put(session, identity);
        authEvents.publish(AuthEvents.of(account, AuthOutcome.SUCCESS, null, source, "fix", clock));
    }

    private RejectLogon refuse(String account, String reason, String source) {
        authEvents.publish(AuthEvents.of(account, AuthOutcome.FAILURE, reason, source, "fix", clock));
        return new RejectLogon(reason);
    }

    private void newOrder(SecurityIdentity identity, OrderRequest request, SessionID session) {
        Consumer<Throwable> refused = failure -> sessions.send(FixMessages.refused(request, "refused-" + UUID.randomUUID(),
                text(failure), clock.instant()), session);
        submit(() -> orders.enter(identity, OrderChannel.FIX, request), result -> {
            if (result.disposition() == OrderResult.Disposition.REPEATED) {
                var duplicate = FixMessages.refused(request, "repeated-" + UUID.randomUUID(), "ClOrdID " + request.clientOrderId()
                        + " already names order " + result.order().orderId() + ", " + result.order().status(), clock.instant());
                duplicate.setInt(OrdRejReason.FIELD, OrdRejReason.DUPLICATE_ORDER);
                sessions.send(duplicate, session);
            }
        }, refused);
    }

    /** A cancel (F) or replace (G) of the order the session's OrigClOrdID (41) names. */
    private void followUp(SecurityIdentity identity, Message request, boolean replace, SessionID session) throws FieldNotFound {
        String clientOrderId = request.getString(ClOrdID.FIELD);
        String original = request.getString(OrigClOrdID.FIELD);
        OrderView order = registry.viewByClientOrderId(Caller.account(identity), original).orElse(null);
        if (order == null) {
            sessions.send(FixMessages.cancelRejected(clientOrderId, original, null, replace, CxlRejReason.UNKNOWN_ORDER,
                    "no order of this account has ClOrdID " + original), session);
            return;
        }
        Consumer<Throwable> refused = failure -> sessions.send(FixMessages.cancelRejected(clientOrderId, original, order, replace,
                CxlRejReason.TOO_LATE_TO_CANCEL, text(failure)), session);
        var replacement = replace ? FixMessages.replace(request) : null;
        submit(() -> replace ? orders.enterReplace(identity, OrderChannel.FIX, order.orderId(), replacement)
                : orders.enterCancel(identity, OrderChannel.FIX, order.orderId()), result -> { }, refused);
    }

    /** The order service may refuse at once (a broken rule) or later (Kafka did not take the command): both answer the same. */
    private static void submit(Supplier<CompletionStage<OrderResult>> command, Consumer<OrderResult> done,
            Consumer<Throwable> refused) {
        try {
            command.get().whenComplete((result, failure) -> {
                if (failure == null) {
                    done.accept(result);
                } else {
                    refused.accept(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                }
            });
        } catch (RuntimeException failure) {
            refused.accept(failure);
        }
    }

    private static String text(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            var body = problem.problem();
            String errors = body.errors() == null ? "" : body.errors().stream()
                    .map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ", " (", ")"));
            return body.detail() + (errors.equals(" ()") ? "" : errors);
        }
        if (failure instanceof ForbiddenException) {
            return "not allowed for this account";
        }
        if (failure instanceof StoreUnavailableException starting) {
            return starting.getMessage();
        }
        LOG.errorf(failure, "a FIX order command failed");
        return "the command could not be entered; it was not sent";
    }

    private static String remoteHost(SessionID session) {
        Session live = Session.lookupSession(session);
        String address = live == null || live.getResponder() == null ? null : live.getResponder().getRemoteAddress();
        if (address == null) {
            return null;
        }
        String host = address.startsWith("/") ? address.substring(1) : address;
        int port = host.lastIndexOf(':');
        return port > 0 ? host.substring(0, port) : host;
    }

    @Override
    public void onCreate(SessionID session) {
        // sessions are made per connecting account by the acceptor's template
    }

    @Override
    public void toAdmin(Message message, SessionID session) {
        // nothing to add to heartbeats, logons or logouts we send
    }

    @Override
    public void toApp(Message message, SessionID session) {
        // reports go out as built
    }
}
