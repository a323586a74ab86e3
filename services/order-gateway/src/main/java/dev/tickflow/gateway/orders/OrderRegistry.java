package dev.tickflow.gateway.orders;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.model.OrderRejected;
import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The orders the platform knows, rebuilt at start from the topics and kept current from them: the gateway's answer
 * to GET /orders, and its memory of (account, client order id) for idempotent retries.
 *
 * <p>Working orders are kept for as long as they work; of the finished ones (filled, cancelled, expired, rejected),
 * only each account's newest {@code tickflow.gateway.finished-orders-kept}. Memory and the work of the collector stay
 * bounded however many orders a day brings, and a client order id stays taken as long as its order is remembered.
 */
@ApplicationScoped
public class OrderRegistry {

    private final Map<String, OrderState> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byClientOrderId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byAccount = new ConcurrentHashMap<>();
    /** Per account, its finished orders in the order they finished. */
    private final Map<String, ArrayDeque<OrderState>> finished = new ConcurrentHashMap<>();
    private final int finishedKept;

    @jakarta.inject.Inject
    OrderRegistry(GatewayConfig config) {
        this(config.finishedOrdersKept());
    }

    OrderRegistry(int finishedKept) {
        this.finishedKept = finishedKept;
    }

    /** Applies a command read from orders.submitted (another instance's, or any at start). */
    void submitted(OrderCommand command) {
        remember(command.getAccount(), command.getClientOrderId(), command.getOrderId());
        OrderState state = track(command.getOrderId(), command.getAccount());
        boolean working = !state.status().terminal();
        state.submitted(command);
        finishedIf(working, state);
    }

    /** Applies a report from the book to its order. */
    void reported(ExecutionReport report) {
        OrderState state = track(report.getOrderId(), report.getAccount());
        boolean working = !state.status().terminal();
        state.report(report);
        if (report.getExecType() == ExecType.NEW) {
            remember(report.getAccount(), report.getClientOrderId(), report.getOrderId());
        }
        finishedIf(working, state);
    }

    /** Applies a refusal by risk or the book to its order. */
    void refused(OrderRejected rejected) {
        OrderState state = track(rejected.getOrderId(), rejected.getAccount());
        boolean working = !state.status().terminal();
        state.rejected(rejected);
        finishedIf(working, state);
    }

    /** An order that has just finished joins its account's finished orders; the oldest beyond the limit are forgotten. */
    private void finishedIf(boolean wasWorking, OrderState state) {
        if (!wasWorking || !state.status().terminal()) {
            return;
        }
        ArrayDeque<OrderState> ofAccount = finished.computeIfAbsent(state.account, unused -> new ArrayDeque<>());
        synchronized (ofAccount) {
            ofAccount.addLast(state);
            while (ofAccount.size() > finishedKept) {
                forget(ofAccount.removeFirst());
            }
        }
    }

    private void forget(OrderState state) {
        byId.remove(state.orderId, state);
        String clientOrderId = state.clientOrderId();
        if (clientOrderId != null) {
            byClientOrderId.remove(key(state.account, clientOrderId), state.orderId);
        }
        Set<String> orders = byAccount.get(state.account);
        if (orders != null) {
            orders.remove(state.orderId);
        }
    }

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

    /** Records a claim seen on the topics (rebuilding after a restart, or another gateway's order). */
    void remember(String account, String clientOrderId, String orderId) {
        if (clientOrderId == null) {
            return;
        }
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
