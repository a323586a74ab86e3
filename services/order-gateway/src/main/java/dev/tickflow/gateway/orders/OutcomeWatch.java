package dev.tickflow.gateway.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.model.EventTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * No order waits silently: a new order that has had neither an acknowledgement nor a refusal within
 * {@code tickflow.gateway.outcome-timeout} of being sent becomes UNCONFIRMED, with why, and its owner's sessions are
 * told. Orders are watched in the order they were sent, so a sweep looks only at those due.
 */
@ApplicationScoped
public class OutcomeWatch {

    private static final Logger LOG = Logger.getLogger(OutcomeWatch.class);

    private record Watched(String orderId, long sentAtMicros) {
    }

    private final ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();
    private final OrderRegistry registry;
    private final Iterable<OrderUpdates> updates;
    private final long timeoutMicros;
    private final Counter timedOut;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;
    private volatile boolean caughtUp;

    @jakarta.inject.Inject
    OutcomeWatch(OrderRegistry registry, Instance<OrderUpdates> updates, GatewayConfig config, MeterRegistry meters) {
        this(registry, (Iterable<OrderUpdates>) updates, config, meters);
    }

    OutcomeWatch(OrderRegistry registry, Iterable<OrderUpdates> updates, GatewayConfig config, MeterRegistry meters) {
        this.registry = registry;
        this.updates = updates;
        this.timeoutMicros = config.outcomeTimeout().toNanos() / 1_000;
        this.timedOut = Counter.builder("tickflow.gateway.orders.unconfirmed")
                .description("New orders with no outcome within the outcome timeout").register(meters);
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outcome-watch");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(1_000, timeoutMicros / 10_000));
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Watches a new order sent (or seen sent) at this time. */
    void watch(String orderId, long sentAtMicros) {
        watched.add(new Watched(orderId, sentAtMicros));
    }

    /** Marks the order UNCONFIRMED now: its write failed in a way that leaves its fate unknown. */
    void unknownWrite(OrderState state, String why) {
        if (state.unconfirmed(why)) {
            tell(state.view());
        }
    }

    /** The order topics have been replayed: from now on, an outcome that has not come is late, not merely unread. */
    void caughtUp() {
        caughtUp = true;
    }

    void sweep() {
        if (!caughtUp) {
            return;
        }
        try {
            long due = EventTime.nowMicros(clock) - timeoutMicros;
            for (Watched next = watched.peek(); next != null && next.sentAtMicros() <= due; next = watched.peek()) {
                watched.poll();
                registry.find(next.orderId()).ifPresent(state -> {
                    if (state.unconfirmed("no acknowledgement or refusal within " + Duration.ofNanos(timeoutMicros * 1_000).toSeconds()
                            + " s of being sent: the order is not known to be working; it changes if its outcome comes later")) {
                        timedOut.increment();
                        tell(state.view());
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf("outcome sweep failed: %s", e.toString());
        }
    }

    private void tell(OrderView view) {
        updates.forEach(listener -> listener.unconfirmed(view));
    }
}
