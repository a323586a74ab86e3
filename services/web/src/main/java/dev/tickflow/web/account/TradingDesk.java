package dev.tickflow.web.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.web.backend.Backend;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an account does from the screen, done through the order gateway and risk with the account's own token: the same
 * checks, the same idempotency and the same authorization as the public API.
 */
@ApplicationScoped
public class TradingDesk {

    /** A new order as the ticket or the assistant fills it in; the gateway checks it. */
    @RegisterForReflection
    public record Ticket(String clientOrderId, String symbol, String side, String type, String timeInForce, Long quantity,
            String limitPrice) {
    }

    private final Backend backend;
    private final ObjectMapper json;

    TradingDesk(Backend backend, ObjectMapper json) {
        this.backend = backend;
        this.json = json;
    }

    /** Places the order and answers with the order after its first outcome (or as sent, if that takes long). */
    public Uni<Backend.Answer> place(String token, Ticket ticket) {
        String body;
        try {
            body = json.writeValueAsString(ticket);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return backend.gateway(HttpMethod.POST, "/orders?wait=true", token, body);
    }

    public Uni<Backend.Answer> cancel(String token, String orderId) {
        return backend.gateway(HttpMethod.DELETE, "/orders/" + Backend.encode(orderId) + "?wait=true", token, null);
    }

    /** The account's orders, newest first; {@code status} as the gateway takes it (open, REJECTED, ...), or null. */
    public Uni<Backend.Answer> orders(String token, String status) {
        return backend.gateway(HttpMethod.GET, "/orders" + (status == null ? "" : "?status=" + Backend.encode(status)), token, null);
    }

    public Uni<Backend.Answer> pnl(String account, String token) {
        return backend.risk("/accounts/" + Backend.encode(account) + "/pnl", token);
    }
}
