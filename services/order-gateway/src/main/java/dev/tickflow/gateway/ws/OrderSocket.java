package dev.tickflow.gateway.ws;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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
import io.smallrye.common.annotation.NonBlocking;
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
     * Commands of a connection are taken one at a time in arrival order, on its event loop, so they reach Kafka in that
     * order; each answer goes out when its command is written, without holding up the next command. The path is plain
     * futures, not Mutiny: each Mutiny operator captures and restores the propagated contexts, which cost more than the
     * rest of an order's entry.
     */
    @OnTextMessage
    @NonBlocking
    void command(String text, WebSocketConnection connection) {
        SocketCommand command;
        try {
            command = json.readValue(text, SocketCommand.class);
        } catch (JsonProcessingException e) {
            reply(connection, SocketMessage.error(null, Problem.of(400, "Unreadable command", "not a command object: "
                    + e.getOriginalMessage())));
            return;
        }
        String requestId = command.requestId();
        CompletionStage<SocketMessage> answer;
        try {
            answer = execute(command);
        } catch (RuntimeException refused) {
            answer = CompletableFuture.failedFuture(refused);
        }
        answer.whenComplete((message, failure) -> reply(connection, failure == null ? message
                : SocketMessage.error(requestId, problem(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure))));
    }

    private CompletionStage<SocketMessage> execute(SocketCommand command) {
        String requestId = command.requestId();
        String action = command.action() == null ? "" : command.action().toLowerCase(Locale.ROOT);
        return switch (action) {
            case "new" -> orders.enter(identity, OrderChannel.WEBSOCKET, command.order()).thenApply(result -> answer(requestId, result));
            case "cancel" -> orders.enterCancel(identity, OrderChannel.WEBSOCKET, command.orderId())
                    .thenApply(result -> answer(requestId, result));
            case "replace" -> orders.enterReplace(identity, OrderChannel.WEBSOCKET, command.orderId(), command.replace())
                    .thenApply(result -> answer(requestId, result));
            case "get" -> CompletableFuture.completedFuture(SocketMessage.order(requestId, orders.get(identity, command.orderId())));
            case "list" -> CompletableFuture.completedFuture(SocketMessage.orders(requestId,
                    orders.list(identity, command.account(), command.status(), command.symbol())));
            default -> CompletableFuture.completedFuture(SocketMessage.error(requestId, Problem.of(400, "Unknown action",
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

    private void reply(WebSocketConnection connection, SocketMessage message) {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "an answer could not be written as JSON");
            return;
        }
        connection.sendText(text).subscribe().with(sent -> { },
                failure -> LOG.debugf(failure, "an answer could not be sent; the connection is gone"));
    }
}
