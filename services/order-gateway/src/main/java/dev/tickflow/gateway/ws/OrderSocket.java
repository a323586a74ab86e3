package dev.tickflow.gateway.ws;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.gateway.auth.AuthEventPublisher;
import dev.tickflow.gateway.orders.OrderResult;
import dev.tickflow.gateway.orders.OrderService;
import dev.tickflow.model.AuthOutcome;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.support.auth.ApiTokenAuthenticationMechanism;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.AuthEvents;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;
import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * /ws/orders: the REST commands over one authenticated connection, and the account's execution reports and refusals
 * pushed as they happen. Authentication is the account token (Bearer header, or {@code access_token} on the upgrade
 * for browsers), checked on the upgrade and reported to auth.events like any sign-in; a connection only ever acts on
 * and hears about its own account.
 *
 * <p>A Vert.x WebSocket rather than a WebSockets Next endpoint: this is the busiest path of the gateway, three messages
 * and more per order, and there every message cost a Mutiny subscription with its propagated contexts, and the write
 * queue of a slow client grew without bound. Here a message is a write, and a client too far behind is disconnected
 * ({@link OrderConnection}).
 */
@ApplicationScoped
public class OrderSocket {

    static final String PATH = "/ws/orders";
    private static final Logger LOG = Logger.getLogger(OrderSocket.class);

    private final OrderService orders;
    private final OrderSessions sessions;
    private final ObjectMapper json;
    private final ApiTokenIdentityProvider tokens;
    private final AuthEventPublisher authEvents;
    private final int maxQueued;
    private final Clock clock = Clock.systemUTC();

    OrderSocket(OrderService orders, OrderSessions sessions, ObjectMapper json, ApiTokenIdentityProvider tokens,
            AuthEventPublisher authEvents, GatewayConfig config) {
        this.orders = orders;
        this.sessions = sessions;
        this.json = json;
        this.tokens = tokens;
        this.authEvents = authEvents;
        this.maxQueued = config.wsMaxQueued();
    }

    void route(@Observes Router router) {
        router.route(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext request) {
        String token = ApiTokenAuthenticationMechanism.token(request);
        if (token == null) {
            refuse(request, 401, "Unauthorized", "an account token is required: Authorization: Bearer <token>, or access_token");
            return;
        }
        SecurityIdentity identity;
        try {
            identity = tokens.identify(new TokenCredential(token, "Bearer"));
        } catch (AuthenticationFailedException e) {
            authEvents.publish(AuthEvents.of(request, null, AuthOutcome.FAILURE, e.getMessage(), clock));
            refuse(request, 401, "Unauthorized", e.getMessage());
            return;
        }
        String account = Caller.account(identity);
        authEvents.publish(AuthEvents.of(request, account, AuthOutcome.SUCCESS, null, clock));
        request.request().toWebSocket()
                .onSuccess(socket -> open(socket, identity, account))
                .onFailure(failure -> {
                    if (!request.response().ended()) {
                        refuse(request, 400, "Not a WebSocket upgrade", String.valueOf(failure.getMessage()));
                    }
                });
    }

    private void open(ServerWebSocket socket, SecurityIdentity identity, String account) {
        OrderConnection connection = sessions.opened(socket, identity, account, maxQueued);
        socket.closeHandler(closed -> sessions.closed(connection));
        socket.exceptionHandler(failure -> LOG.debugf(failure, "order socket of %s failed", account));
        socket.textMessageHandler(text -> command(text, connection));
    }

    private void refuse(RoutingContext request, int status, String title, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(sessions.encodeProblem(Problem.of(status, title, detail)));
    }

    /**
     * Commands of a connection are taken one at a time in arrival order, on its event loop, so they reach Kafka in that
     * order; each answer goes out when its command is written, without holding up the next command.
     */
    private void command(String text, OrderConnection connection) {
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
            answer = execute(command, connection.identity());
        } catch (RuntimeException refused) {
            answer = CompletableFuture.failedFuture(refused);
        }
        answer.whenComplete((message, failure) -> reply(connection, failure == null ? message
                : SocketMessage.error(requestId, problem(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure))));
    }

    private CompletionStage<SocketMessage> execute(SocketCommand command, SecurityIdentity identity) {
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

    private void reply(OrderConnection connection, SocketMessage message) {
        connection.send(sessions.encode(message));
    }
}
