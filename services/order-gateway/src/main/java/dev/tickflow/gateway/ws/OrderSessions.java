package dev.tickflow.gateway.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.gateway.orders.OrderUpdates;
import dev.tickflow.gateway.orders.OrderView;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.support.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The open /ws/orders connections by account, and the push of every report and refusal to the owning account's
 * connections only. A report for an account with no connection costs a map lookup; the JSON is written once per
 * report whatever the number of connections.
 */
@ApplicationScoped
public class OrderSessions implements OrderUpdates {

    private final Map<String, Set<OrderConnection>> byAccount = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Counter sent;
    private final Counter disconnected;

    OrderSessions(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.sent = Counter.builder("tickflow.gateway.ws.pushed")
                .description("Messages handed to WebSocket connections: answers and pushed reports").register(meters);
        this.disconnected = Counter.builder("tickflow.gateway.ws.slow.consumers")
                .description("Connections closed for leaving too many messages unread").register(meters);
        meters.gaugeMapSize("tickflow.gateway.ws.accounts", java.util.List.of(), byAccount);
    }

    /**
     * Registers a newly authenticated socket. The connection is built here, not by the caller: this bean is reached
     * through a client proxy, whose fields (the counters) are not this instance's.
     */
    OrderConnection opened(ServerWebSocket socket, SecurityIdentity identity, String account, int maxQueued) {
        OrderConnection connection = new OrderConnection(socket, identity, account, maxQueued, sent, disconnected);
        byAccount.computeIfAbsent(account, unused -> ConcurrentHashMap.newKeySet()).add(connection);
        return connection;
    }

    void closed(OrderConnection connection) {
        byAccount.computeIfPresent(connection.account(), (unused, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    @Override
    public void executed(ExecutionReport report) {
        Set<OrderConnection> connections = byAccount.get(report.getAccount());
        if (connections != null) {
            push(connections, SocketMessage.execution(ExecutionView.of(report)));
        }
    }

    @Override
    public void rejected(OrderRejected rejected) {
        Set<OrderConnection> connections = byAccount.get(rejected.getAccount());
        if (connections != null) {
            push(connections, SocketMessage.rejected(RejectView.of(rejected)));
        }
    }

    @Override
    public void unconfirmed(OrderView order) {
        Set<OrderConnection> connections = byAccount.get(order.account());
        if (connections != null) {
            push(connections, SocketMessage.unconfirmed(order));
        }
    }

    private void push(Set<OrderConnection> connections, SocketMessage message) {
        String text = encode(message);
        for (OrderConnection connection : connections) {
            connection.send(text);
        }
    }

    String encodeProblem(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String encode(SocketMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
