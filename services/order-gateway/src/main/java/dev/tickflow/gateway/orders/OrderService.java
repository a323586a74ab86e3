package dev.tickflow.gateway.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;
import dev.tickflow.support.streams.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order entry for every channel (REST, WebSocket): checks, idempotency by (account, client order id), the write to
 * orders.submitted keyed by account, and optionally the wait for the command's first outcome. Never blocks: every
 * method returns at once with a {@link Uni}.
 */
@ApplicationScoped
public class OrderService {

    private final OrderRegistry registry;
    private final OrderValidator validator;
    private final PendingOutcomes pending;
    private final java.util.function.BooleanSupplier caughtUp;
    private final CommandWriter commands;
    private final Duration syncTimeout;
    private final int maxListed;
    private final MeterRegistry meters;
    private final OutcomeWatch watch;
    private final Clock clock = Clock.systemUTC();

    @jakarta.inject.Inject
    OrderService(OrderRegistry registry, OrderValidator validator, PendingOutcomes pending, OrderFlowReader flow,
            CommandWriter commands, GatewayConfig config, MeterRegistry meters, OutcomeWatch watch) {
        this(registry, validator, pending, flow::caughtUp, commands, config, meters, watch);
    }

    /** With what says whether the order topics have been replayed (the flow reader's state, or a test's). */
    OrderService(OrderRegistry registry, OrderValidator validator, PendingOutcomes pending, java.util.function.BooleanSupplier caughtUp,
            CommandWriter commands, GatewayConfig config, MeterRegistry meters, OutcomeWatch watch) {
        this.registry = registry;
        this.validator = validator;
        this.pending = pending;
        this.caughtUp = caughtUp;
        this.commands = commands;
        this.syncTimeout = config.syncTimeout();
        this.maxListed = config.maxListedOrders();
        this.meters = meters;
        this.watch = watch;
    }

    /** Enters a new order for the caller's account (or, for an admin, the account the request names). */
    public Uni<OrderResult> place(SecurityIdentity caller, OrderChannel channel, OrderRequest request, boolean wait) {
        String account = request == null || request.account() == null ? Caller.account(caller) : request.account();
        Caller.requireAccess(caller, account);
        OrderValidator.Checked checked = validator.newOrder(request);
        if (checked instanceof OrderValidator.Invalid invalid) {
            meters.counter("tickflow.gateway.orders.invalid", "channel", channel.name()).increment();
            throw new ProblemException(Problem.invalid("the order breaks " + invalid.errors().size() + " rule(s)", invalid.errors()));
        }
        requireCaughtUp();
        OrderValidator.Valid order = (OrderValidator.Valid) checked;
        String orderId = newId();
        OrderCommand command = OrderCommand.newBuilder().setCommandId(newId()).setOrderId(orderId).setAccount(account)
                .setClientOrderId(order.clientOrderId()).setSymbol(order.symbol()).setChannel(channel)
                .setSubmittedAtMicros(EventTime.nowMicros(clock)).setCommand(order.order()).build();
        // Tracked before it is claimed, so that a concurrent retry which loses the claim finds the order complete.
        OrderState state = registry.track(orderId, account);
        state.submitted(command);
        Optional<String> holder = registry.claim(account, order.clientOrderId(), orderId);
        if (holder.isPresent()) {
            registry.release(account, order.clientOrderId(), orderId);
            return Uni.createFrom().item(repeated(holder.get(), order));
        }
        meters.counter("tickflow.gateway.commands", "command", "new", "channel", channel.name()).increment();
        watch.watch(orderId, command.getSubmittedAtMicros());
        return send(command, wait, () -> registry.release(account, order.clientOrderId(), orderId),
                () -> watch.unknownWrite(state, "the write to Kafka did not complete and may have happened: retry with the same"
                        + " clientOrderId to learn what became of it"))
                .map(outcome -> new OrderResult(outcome == null ? OrderResult.Disposition.SENT : OrderResult.Disposition.CREATED,
                        state.view()));
    }

    /** Asks the book to cancel a working order. */
    public Uni<OrderResult> cancel(SecurityIdentity caller, OrderChannel channel, String orderId, boolean wait) {
        OrderState state = owned(caller, orderId);
        requireWorking(state, "cancel");
        OrderCommand command = followUp(state, channel, new CancelOrder(null));
        meters.counter("tickflow.gateway.commands", "command", "cancel", "channel", channel.name()).increment();
        return send(command, wait, () -> { }, () -> { }).map(outcome -> followUpResult(state, outcome, "cancel"));
    }

    /** Asks the book to change a working order's price and/or total quantity. */
    public Uni<OrderResult> replace(SecurityIdentity caller, OrderChannel channel, String orderId, ReplaceRequest request, boolean wait) {
        OrderState state = owned(caller, orderId);
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        ReplaceOrder replace = validator.replace(request, errors);
        if (replace == null) {
            throw new ProblemException(Problem.invalid("the replace breaks " + errors.size() + " rule(s)", errors));
        }
        requireWorking(state, "replace");
        OrderCommand command = followUp(state, channel, replace);
        meters.counter("tickflow.gateway.commands", "command", "replace", "channel", channel.name()).increment();
        return send(command, wait, () -> { }, () -> { }).map(outcome -> followUpResult(state, outcome, "replace"));
    }

    public OrderView get(SecurityIdentity caller, String orderId) {
        return owned(caller, orderId).view();
    }

    /**
     * The account's orders, newest first.
     *
     * @param statuses order statuses to keep, comma-separated; {@code open} stands for every non-final status
     */
    public List<OrderView> list(SecurityIdentity caller, String account, String statuses, String symbol) {
        String owner = account == null || account.isBlank() ? Caller.account(caller) : account;
        Caller.requireAccess(caller, owner);
        Set<String> wanted = statusFilter(statuses);
        String onlySymbol = symbol == null || symbol.isBlank() ? null : symbol.trim().toUpperCase(Locale.ROOT);
        return registry.ordersOf(owner).stream()
                .filter(order -> wanted.isEmpty() || wanted.contains(order.status()))
                .filter(order -> onlySymbol == null || onlySymbol.equals(order.symbol()))
                .limit(maxListed)
                .toList();
    }

    private static Set<String> statusFilter(String statuses) {
        if (statuses == null || statuses.isBlank()) {
            return Set.of();
        }
        Set<String> wanted = new java.util.HashSet<>();
        for (String value : statuses.split(",")) {
            String status = value.trim().toUpperCase(Locale.ROOT);
            if (status.equals("OPEN")) {
                for (OrderState.Status open : OrderState.Status.values()) {
                    if (!open.terminal()) {
                        wanted.add(open.name());
                    }
                }
            } else {
                try {
                    wanted.add(OrderState.Status.valueOf(status).name());
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(Problem.invalid("unknown status " + value, List.of(new Problem.FieldError("status",
                            "invalid", "status must be open or one of " + java.util.Arrays.stream(OrderState.Status.values())
                                    .map(Enum::name).collect(Collectors.joining(", "))))));
                }
            }
        }
        return wanted;
    }

    private OrderResult repeated(String orderId, OrderValidator.Valid order) {
        OrderState existing = registry.find(orderId).orElse(null);
        if (existing == null || !existing.sameAs(order.order(), order.symbol())) {
            throw new ProblemException(Problem.of(409, "Client order id in use", "clientOrderId " + order.clientOrderId()
                    + " already names order " + orderId + " with different terms; use a new clientOrderId for a new order"));
        }
        meters.counter("tickflow.gateway.orders.repeated").increment();
        return new OrderResult(OrderResult.Disposition.REPEATED, existing.view());
    }

    private OrderState owned(SecurityIdentity caller, String orderId) {
        OrderState state = registry.find(orderId).orElseThrow(() -> new ProblemException(
                Problem.of(404, "Order not found", "no order " + orderId)));
        Caller.requireAccess(caller, state.account);
        return state;
    }

    private static void requireWorking(OrderState state, String action) {
        OrderState.Status status = state.status();
        if (status.terminal()) {
            throw new ProblemException(Problem.of(409, "Order not working", "cannot " + action + " order " + state.orderId
                    + ": it is " + status));
        }
    }

    private OrderCommand followUp(OrderState state, OrderChannel channel, Object change) {
        requireCaughtUp();
        OrderView order = state.view();
        return OrderCommand.newBuilder().setCommandId(newId()).setOrderId(state.orderId).setAccount(state.account)
                .setClientOrderId(order.clientOrderId()).setSymbol(order.symbol()).setChannel(channel)
                .setSubmittedAtMicros(EventTime.nowMicros(clock)).setCommand(change).build();
    }

    private static OrderResult followUpResult(OrderState state, Outcome outcome, String action) {
        if (outcome instanceof Outcome.Refused(OrderRejected rejected)) {
            throw new ProblemException(Problem.of(409, "Order not working", action + " refused (" + rejected.getReason() + "): "
                    + rejected.getMessage()));
        }
        return new OrderResult(outcome == null ? OrderResult.Disposition.SENT : OrderResult.Disposition.DONE, state.view());
    }

    /**
     * Writes the command (acks=all) and, if asked, waits for its first outcome without holding a thread. The answer
     * resumes on the caller's event loop, not on the reader thread that completed it.
     *
     * @param unsent what to undo when the command was certainly not written (refused before it left this process)
     * @param unknown what to note when the write failed in a way that leaves its fate open: it may be on the topic, so
     *     a new order's client order id stays claimed and a retry with it learns the outcome
     * @return the outcome, or null when not waiting or when none came within the timeout
     */
    private Uni<Outcome> send(OrderCommand command, boolean wait, Runnable unsent, Runnable unknown) {
        String commandId = command.getCommandId();
        CompletableFuture<Outcome> outcome = wait ? pending.expect(commandId) : null;
        Context context = Vertx.currentContext();
        Uni<Void> sent = Uni.createFrom().completionStage(() -> commands.write(command)).onFailure().transform(failure -> {
            pending.forget(commandId);
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CommandWriter.NotSent) {
                unsent.run();
                return new ProblemException(Problem.of(503, "Order not sent", "the command could not be written to Kafka: "
                        + cause.getMessage()));
            }
            unknown.run();
            return new ProblemException(Problem.of(503, "Order outcome unknown", "the write to Kafka did not complete and may have"
                    + " happened (" + cause.getMessage() + "): retry with the same clientOrderId to learn what became of the command;"
                    + " do not send it again under a new one"));
        });
        if (!wait) {
            return sent.replaceWith((Outcome) null);
        }
        Uni<Outcome> answered = sent.chain(() -> Uni.createFrom().completionStage(outcome))
                .ifNoItem().after(syncTimeout).recoverWithUni(() -> {
                    pending.forget(commandId);
                    return Uni.createFrom().nullItem();
                });
        return context == null ? answered : answered.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private void requireCaughtUp() {
        if (!caughtUp.getAsBoolean()) {
            throw new StoreUnavailableException("the gateway is still reading the order topics; retry shortly");
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
