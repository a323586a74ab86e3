package dev.tickflow.web.account;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.web.assistant.Assistant;
import dev.tickflow.web.push.Outbox;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * /ws/account: one account's live state. Authenticated with the account's token (Bearer header, or {@code access_token}
 * on the upgrade for browsers). Pushes the account's orders at connect, then its executions, refusals, P&L and alerts;
 * takes orders, cancels and assistant lines, done with the account's own token downstream.
 */
@WebSocket(path = "/ws/account")
@Authenticated
public class AccountSocket {

    private final SecurityIdentity identity;
    private final AccountHub hub;
    private final TradingDesk desk;
    private final Assistant assistant;
    private final Messages messages;
    private final PnlRefresher pnl;
    private final ObjectMapper json;

    AccountSocket(SecurityIdentity identity, AccountHub hub, TradingDesk desk, Assistant assistant, Messages messages,
            PnlRefresher pnl, ObjectMapper json) {
        this.identity = identity;
        this.hub = hub;
        this.desk = desk;
        this.assistant = assistant;
        this.messages = messages;
        this.pnl = pnl;
        this.json = json;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        String account = Caller.account(identity);
        boolean admin = identity.hasRole(ApiTokenIdentityProvider.ADMIN);
        String token = token(connection.handshakeRequest());
        hub.connect(connection.id(), new AccountHub.Session(account, admin, token,
                new Outbox(connection::sendText, AccountHub.OUTBOX_CAPACITY)));
        hub.toConnection(connection.id(), "hello", messages.data("hello", null,
                json.createObjectNode().put("account", account).put("admin", admin)));
        snapshot(connection.id(), null);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.disconnect(connection.id());
    }

    /**
     * Answers go out through the connection's outbox when they are ready: returning them would hold every later message
     * of the connection until a downstream round trip completes.
     */
    @OnTextMessage
    void command(String text, WebSocketConnection connection) {
        String id = connection.id();
        AccountHub.Session session = hub.session(id).orElse(null);
        if (session == null) {
            return;
        }
        AccountCommand command;
        try {
            command = json.readValue(text, AccountCommand.class);
        } catch (JsonProcessingException e) {
            reply(id, null, messages.error(null, 400, "not a command object: " + e.getOriginalMessage()));
            return;
        }
        String requestId = command.requestId() != null ? command.requestId() : UUID.randomUUID().toString();
        String action = command.action() == null ? "" : command.action().toLowerCase(Locale.ROOT);
        Uni<String> answer = switch (action) {
            case "new" -> desk.place(session.token(), new TradingDesk.Ticket(
                    command.clientOrderId() != null ? command.clientOrderId() : "web-" + UUID.randomUUID(), command.symbol(),
                    command.side(), command.type(), command.timeInForce(), command.quantity(), command.limitPrice()))
                    .map(reply -> messages.answer("order", requestId, reply));
            case "cancel" -> command.orderId() == null
                    ? Uni.createFrom().item(messages.error(requestId, 400, "cancel needs an orderId"))
                    : desk.cancel(session.token(), command.orderId()).map(reply -> messages.answer("order", requestId, reply));
            case "say" -> assistant.answer(session.account(), session.token(), command.text())
                    .map(reply -> messages.text("reply", requestId, reply));
            case "refresh" -> {
                snapshot(id, requestId);
                yield Uni.createFrom().nullItem();
            }
            default -> Uni.createFrom().item(messages.error(requestId, 400, "action must be new, cancel, refresh or say"));
        };
        answer.onFailure().recoverWithItem(failure -> messages.error(requestId, 503, "a service did not answer: " + failure.getMessage()))
                .subscribe().with(message -> reply(id, requestId, message));
    }

    /** The account's orders and P&L, as they stand now. */
    private void snapshot(String connectionId, String requestId) {
        hub.session(connectionId).ifPresent(session -> {
            desk.orders(session.token(), null).map(reply -> messages.answer("orders", requestId, reply))
                    .onFailure().recoverWithItem(failure -> messages.error(requestId, 503,
                            "orders are unavailable: " + failure.getMessage()))
                    .subscribe().with(message -> hub.toConnection(connectionId, "orders", message));
            pnl.refresh(session.account(), session.token());
        });
    }

    private void reply(String connectionId, String requestId, String message) {
        if (message != null) {
            hub.toConnection(connectionId, "reply|" + (requestId == null ? UUID.randomUUID() : requestId), message);
        }
    }

    /** The token the upgrade was authenticated with; the connection acts downstream with it and nothing more. */
    static String token(HandshakeRequest request) {
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("access_token=")) {
                    return URLDecoder.decode(pair.substring("access_token=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
