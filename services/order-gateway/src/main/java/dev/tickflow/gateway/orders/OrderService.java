package dev.tickflow.gateway.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order entry for every channel (REST, WebSocket): checks, idempotency by (account, client order id), the write to
 * orders.submitted keyed by account, and optionally the wait for the command's first outcome. Never blocks: every
 * method returns at once, with a {@link CompletionStage} where nobody waits for the outcome (no Mutiny operator, and so
 * no context propagation, on the busiest path) and a {@link Uni} where a REST caller may.
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
    private final Map<String, Counter> commandCounters = new ConcurrentHashMap<>();

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

    /**
     * Enters a new order for the caller's account (or, for an admin, the account the request names) without waiting for
     * its outcome: the order channels that push outcomes as they come (WebSocket, FIX) answer once the command is written.
     * Broken rules and refusals throw at once; a failed write completes the stage exceptionally, with a
     * {@link ProblemException} either way.
     */
    public CompletionStage<OrderResult> enter(SecurityIdentity caller, OrderChannel channel, OrderRequest request) {
        Entered entered = newOrder(caller, channel, request);
        if (entered.repeated() != null) {
            return CompletableFuture.completedFuture(entered.repeated());
        }
        return write(entered).thenApply(written -> new OrderResult(OrderResult.Disposition.SENT, entered.state().view()));
    }

    /** Enters a new order; with {@code wait}, answers with its first outcome (or as sent, if none came in time). */
    public Uni<OrderResult> place(SecurityIdentity caller, OrderChannel channel, OrderRequest request, boolean wait) {
        if (!wait) {
            return uni(() -> enter(caller, channel, request));
        }
        Entered entered = newOrder(caller, channel, request);
        if (entered.repeated() != null) {
            return Uni.createFrom().item(entered.repeated());
        }
        return awaitOutcome(entered).map(outcome -> new OrderResult(outcome == null ? OrderResult.Disposition.SENT
                : OrderResult.Disposition.CREATED, entered.state().view()));
    }

    /** Asks the book to cancel a working order, without waiting for the outcome. */
    public CompletionStage<OrderResult> enterCancel(SecurityIdentity caller, OrderChannel channel, String orderId) {
        Entered entered = cancelOf(caller, channel, orderId);
        return write(entered).thenApply(written -> new OrderResult(OrderResult.Disposition.SENT, entered.state().view()));
    }

    /** Asks the book to cancel a working order. */
    public Uni<OrderResult> cancel(SecurityIdentity caller, OrderChannel channel, String orderId, boolean wait) {
        if (!wait) {
            return uni(() -> enterCancel(caller, channel, orderId));
        }
        Entered entered = cancelOf(caller, channel, orderId);
        return awaitOutcome(entered).map(outcome -> followUpResult(entered.state(), outcome, "cancel"));
    }

    /** Asks the book to change a working order's price and/or total quantity, without waiting for the outcome. */
    public CompletionStage<OrderResult> enterReplace(SecurityIdentity caller, OrderChannel channel, String orderId,
            ReplaceRequest request) {
        Entered entered = replaceOf(caller, channel, orderId, request);
        return write(entered).thenApply(written -> new OrderResult(OrderResult.Disposition.SENT, entered.state().view()));
    }

    /** Asks the book to change a working order's price and/or total quantity. */
    public Uni<OrderResult> replace(SecurityIdentity caller, OrderChannel channel, String orderId, ReplaceRequest request, boolean wait) {
        if (!wait) {
            return uni(() -> enterReplace(caller, channel, orderId, request));
        }
        Entered entered = replaceOf(caller, channel, orderId, request);
        return awaitOutcome(entered).map(outcome -> followUpResult(entered.state(), outcome, "replace"));
    }

    /**
     * A command ready to write, or the answer to a repeated one.
     *
     * @param unsent what to undo when the command was certainly not written (refused before it left this process)
     * @param unknown what to note when the write failed in a way that leaves its fate open: it may be on the topic, so
     *     a new order's client order id stays claimed and a retry with it learns the outcome
     */
    private record Entered(OrderCommand command, OrderState state, OrderResult repeated, Runnable unsent, Runnable unknown) {
    }

    private Entered newOrder(SecurityIdentity caller, OrderChannel channel, OrderRequest request) {
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
            return new Entered(null, null, repeated(holder.get(), order), null, null);
        }
        counter("new", channel).increment();
        watch.watch(orderId, command.getSubmittedAtMicros());
        return new Entered(command, state, null, () -> registry.release(account, order.clientOrderId(), orderId),
                () -> watch.unknownWrite(state, "the write to Kafka did not complete and may have happened: retry with the same"
                        + " clientOrderId to learn what became of it"));
    }

    private Entered cancelOf(SecurityIdentity caller, OrderChannel channel, String orderId) {
        OrderState state = owned(caller, orderId);
        requireWorking(state, "cancel");
        OrderCommand command = followUp(state, channel, new CancelOrder(null));
        counter("cancel", channel).increment();
        return new Entered(command, state, null, () -> { }, () -> { });
    }

    private Entered replaceOf(SecurityIdentity caller, OrderChannel channel, String orderId, ReplaceRequest request) {
        OrderState state = owned(caller, orderId);
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        ReplaceOrder replace = validator.replace(request, errors);
        if (replace == null) {
            throw new ProblemException(Problem.invalid("the replace breaks " + errors.size() + " rule(s)", errors));
        }
        requireWorking(state, "replace");
        OrderCommand command = followUp(state, channel, replace);
        counter("replace", channel).increment();
        return new Entered(command, state, null, () -> { }, () -> { });
    }

    /** The command counter of one command and channel, looked up once: a registry lookup per order is not free. */
    private Counter counter(String command, OrderChannel channel) {
        return commandCounters.computeIfAbsent(command + channel.name(), key -> meters.counter("tickflow.gateway.commands",
                "command", command, "channel", channel.name()));
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
     * Writes the command (acks=all).
     *
     * @return completes when the broker has it, or exceptionally with a {@link ProblemException} that says whether it
     *     was certainly not written (503 Order not sent) or may have been (503 Order outcome unknown)
     */
    private CompletableFuture<Void> write(Entered entered) {
        String commandId = entered.command().getCommandId();
        return commands.write(entered.command()).handle((written, failure) -> {
            if (failure == null) {
                return null;
            }
            pending.forget(commandId);
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CommandWriter.NotSent) {
                entered.unsent().run();
                throw new ProblemException(Problem.of(503, "Order not sent", "the command could not be written to Kafka: "
                        + cause.getMessage()));
            }
            entered.unknown().run();
            throw new ProblemException(Problem.of(503, "Order outcome unknown", "the write to Kafka did not complete and may have"
                    + " happened (" + cause.getMessage() + "): retry with the same clientOrderId to learn what became of the command;"
                    + " do not send it again under a new one"));
        });
    }

    /**
     * Writes the command and waits for its first outcome without holding a thread. The answer resumes on the caller's
     * event loop, not on the reader thread that completed it.
     *
     * @return the outcome, or null when none came within the timeout
     */
    private Uni<Outcome> awaitOutcome(Entered entered) {
        String commandId = entered.command().getCommandId();
        CompletableFuture<Outcome> outcome = pending.expect(commandId);
        Context context = Vertx.currentContext();
        Uni<Outcome> answered = uni(() -> write(entered))
                .chain(() -> Uni.createFrom().completionStage(outcome))
                .ifNoItem().after(syncTimeout).recoverWithUni(() -> {
                    pending.forget(commandId);
                    return Uni.createFrom().nullItem();
                });
        return context == null ? answered : answered.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** A stage as a Uni that fails with what failed the stage (not the CompletionException around it). */
    private static <T> Uni<T> uni(java.util.function.Supplier<CompletionStage<T>> stage) {
        return Uni.createFrom().completionStage(stage).onFailure(java.util.concurrent.CompletionException.class)
                .transform(failure -> failure.getCause() == null ? failure : failure.getCause());
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
