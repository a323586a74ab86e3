package dev.tickflow.gateway.ws;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.gateway.orders.OrderResult;
import dev.tickflow.gateway.orders.OrderService;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;
import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * /ws/orders: the REST commands over one authenticated connection, and the account's execution reports and refusals
 * pushed as they happen. Authentication is the account token (Bearer header, or {@code access_token} on the upgrade
 * for browsers); a connection only ever acts on and hears about its own account.
 */
@WebSocket(path = "/ws/orders")
@Authenticated
public class OrderSocket {

    private static final Logger LOG = Logger.getLogger(OrderSocket.class);
    private static final UserData.TypedKey<String> ACCOUNT = UserData.TypedKey.forString("account");

    private final SecurityIdentity identity;
    private final OrderService orders;
    private final OrderSessions sessions;
    private final ObjectMapper json;

    OrderSocket(SecurityIdentity identity, OrderService orders, OrderSessions sessions, ObjectMapper json) {
        this.identity = identity;
        this.orders = orders;
        this.sessions = sessions;
        this.json = json;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        String account = Caller.account(identity);
        connection.userData().put(ACCOUNT, account);
        sessions.opened(account, connection);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        String account = connection.userData().get(ACCOUNT);
        if (account != null) {
            sessions.closed(account, connection);
        }
    }

    /**
     * Commands of a connection are taken one at a time in arrival order, so they reach Kafka in that order, but each
     * answer goes out when its command is acknowledged, without holding up the next command: the framework would hold
     * every later message of the connection until a returned answer completes, one Kafka round trip per command.
     */
    @OnTextMessage
    Uni<Void> command(String text, WebSocketConnection connection) {
        Uni<SocketMessage> answer;
        try {
            SocketCommand command = json.readValue(text, SocketCommand.class);
            String requestId = command.requestId();
            answer = Uni.createFrom().deferred(() -> execute(command))
                    .onFailure().recoverWithItem(failure -> SocketMessage.error(requestId, problem(failure)));
        } catch (JsonProcessingException e) {
            answer = Uni.createFrom().item(SocketMessage.error(null, Problem.of(400, "Unreadable command", "not a command object: "
                    + e.getOriginalMessage())));
        }
        answer.chain(this::reply).chain(connection::sendText).subscribe().with(sent -> { },
                failure -> LOG.debugf(failure, "an answer could not be sent; the connection is gone"));
        return Uni.createFrom().voidItem();
    }

    private Uni<SocketMessage> execute(SocketCommand command) {
        String requestId = command.requestId();
        String action = command.action() == null ? "" : command.action().toLowerCase(Locale.ROOT);
        return switch (action) {
            case "new" -> orders.place(identity, OrderChannel.WEBSOCKET, command.order(), false).map(result -> answer(requestId, result));
            case "cancel" -> orders.cancel(identity, OrderChannel.WEBSOCKET, command.orderId(), false)
                    .map(result -> answer(requestId, result));
            case "replace" -> orders.replace(identity, OrderChannel.WEBSOCKET, command.orderId(), command.replace(), false)
                    .map(result -> answer(requestId, result));
            case "get" -> Uni.createFrom().item(SocketMessage.order(requestId, orders.get(identity, command.orderId())));
            case "list" -> Uni.createFrom().item(SocketMessage.orders(requestId,
                    orders.list(identity, command.account(), command.status(), command.symbol())));
            default -> Uni.createFrom().item(SocketMessage.error(requestId, Problem.of(400, "Unknown action",
                    "action must be new, cancel, replace, get or list")));
        };
    }

    private static SocketMessage answer(String requestId, OrderResult result) {
        return SocketMessage.order(requestId, result.order());
    }

    private static Problem problem(Throwable failure) {
        return switch (failure) {
            case ProblemException problem -> problem.problem();
            case ForbiddenException forbidden -> Problem.of(403, "Forbidden", forbidden.getMessage());
            case StoreUnavailableException unavailable -> Problem.of(503, "State unavailable", unavailable.getMessage());
            default -> {
                LOG.errorf(failure, "WebSocket command failed");
                yield Problem.of(500, "Internal error", "the command failed; it may not have been sent");
            }
        };
    }

    private Uni<String> reply(SocketMessage message) {
        try {
            return Uni.createFrom().item(json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
