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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The open /ws/orders connections by account, and the push of every report and refusal to the owning account's
 * connections only. A report for an account with no connection costs a map lookup; the JSON is written once per
 * report whatever the number of connections.
 */
@ApplicationScoped
public class OrderSessions implements OrderUpdates {

    private final Map<String, Set<WebSocketConnection>> byAccount = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Counter pushed;
    private final Counter failed;

    OrderSessions(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.pushed = Counter.builder("tickflow.gateway.ws.pushed").description("Reports pushed to WebSocket connections")
                .register(meters);
        this.failed = Counter.builder("tickflow.gateway.ws.push.failures").description("Pushes a connection did not take")
                .register(meters);
        meters.gaugeMapSize("tickflow.gateway.ws.accounts", java.util.List.of(), byAccount);
    }

    void opened(String account, WebSocketConnection connection) {
        byAccount.computeIfAbsent(account, unused -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void closed(String account, WebSocketConnection connection) {
        byAccount.computeIfPresent(account, (unused, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    @Override
    public void executed(ExecutionReport report) {
        Set<WebSocketConnection> connections = byAccount.get(report.getAccount());
        if (connections != null) {
            push(connections, SocketMessage.execution(ExecutionView.of(report)));
        }
    }

    @Override
    public void rejected(OrderRejected rejected) {
        Set<WebSocketConnection> connections = byAccount.get(rejected.getAccount());
        if (connections != null) {
            push(connections, SocketMessage.rejected(RejectView.of(rejected)));
        }
    }

    @Override
    public void unconfirmed(OrderView order) {
        Set<WebSocketConnection> connections = byAccount.get(order.account());
        if (connections != null) {
            push(connections, SocketMessage.unconfirmed(order));
        }
    }

    private void push(Set<WebSocketConnection> connections, SocketMessage message) {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(text).subscribe().with(sent -> pushed.increment(), failure -> failed.increment());
            }
        }
    }
}
