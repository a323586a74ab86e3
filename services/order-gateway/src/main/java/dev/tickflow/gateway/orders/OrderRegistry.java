package dev.tickflow.gateway.orders;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.model.OrderRejected;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every order the platform knows, rebuilt at start from the topics and kept current from them: the gateway's answer
 * to GET /orders, and its memory of (account, client order id) for idempotent retries.
 */
@ApplicationScoped
public class OrderRegistry {

    private final Map<String, OrderState> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byClientOrderId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byAccount = new ConcurrentHashMap<>();

    /** The order of this id, creating an empty one for it if it is new. */
    OrderState track(String orderId, String account) {
        return byId.computeIfAbsent(orderId, id -> {
            byAccount.computeIfAbsent(account, unused -> ConcurrentHashMap.newKeySet()).add(id);
            return new OrderState(id, account);
        });
    }

    /**
     * Claims (account, client order id) for a new order id.
     *
     * @return the order id that already holds it, or empty if the claim succeeded
     */
    Optional<String> claim(String account, String clientOrderId, String orderId) {
        return Optional.ofNullable(byClientOrderId.putIfAbsent(key(account, clientOrderId), orderId));
    }

    /** Gives a claim back: the command never reached Kafka, so a retry must be able to send it. */
    void release(String account, String clientOrderId, String orderId) {
        byClientOrderId.remove(key(account, clientOrderId), orderId);
        byId.remove(orderId);
        Set<String> orders = byAccount.get(account);
        if (orders != null) {
            orders.remove(orderId);
        }
    }

    /** Records a claim seen on orders.submitted (rebuilding after a restart, or another gateway's order). */
    void remember(String account, String clientOrderId, String orderId) {
        byClientOrderId.putIfAbsent(key(account, clientOrderId), orderId);
    }

    public Optional<OrderState> find(String orderId) {
        return Optional.ofNullable(byId.get(orderId));
    }

    Optional<OrderState> byClientOrderId(String account, String clientOrderId) {
        String orderId = byClientOrderId.get(key(account, clientOrderId));
        return orderId == null ? Optional.empty() : find(orderId);
    }

    /** The account's order that a client order id names, as the account sees it. */
    public Optional<OrderView> viewByClientOrderId(String account, String clientOrderId) {
        return byClientOrderId(account, clientOrderId).map(OrderState::view);
    }

    /** Whether a refusal is of a cancel or replace (the order itself stands), not of the new order. */
    public boolean refusesFollowUp(OrderRejected rejected) {
        OrderState state = byId.get(rejected.getOrderId());
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.newCommandId != null && !state.newCommandId.equals(rejected.getCommandId());
        }
    }

    /** The account's orders, newest first. */
    public List<OrderView> ordersOf(String account) {
        return byAccount.getOrDefault(account, Set.of()).stream().map(byId::get).filter(java.util.Objects::nonNull)
                .map(OrderState::view).sorted(Comparator.comparing(OrderView::submittedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    public int size() {
        return byId.size();
    }

    private static String key(String account, String clientOrderId) {
        return account + '\u0000' + clientOrderId;
    }
}
