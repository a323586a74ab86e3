package dev.tickflow.gateway.orders;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Callers waiting for the first outcome of a command they sent, by command id. Only commands whose sender waits are
 * registered, so the map holds at most the requests in flight; a caller that gives up removes its entry.
 */
@ApplicationScoped
public class PendingOutcomes {

    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private final Timer roundTrip;

    PendingOutcomes(MeterRegistry meters) {
        roundTrip = Timer.builder("tickflow.gateway.command.round.trip")
                .description("From sending a command to reading its first outcome (ack, fill or reject) back from Kafka")
                .publishPercentileHistogram()
                .register(meters);
    }

    private record Waiter(CompletableFuture<Outcome> future, long sentAtNanos) {
    }

    /** Registers interest in a command before it is sent, so that an outcome arriving at once is not missed. */
    CompletableFuture<Outcome> expect(String commandId) {
        Waiter waiter = new Waiter(new CompletableFuture<>(), System.nanoTime());
        waiting.put(commandId, waiter);
        return waiter.future();
    }

    void forget(String commandId) {
        waiting.remove(commandId);
    }

    /** Hands an outcome to whoever waits for the command; a no-op for commands nobody waits for. */
    void complete(String commandId, Outcome outcome) {
        Waiter waiter = waiting.remove(commandId);
        if (waiter != null) {
            roundTrip.record(System.nanoTime() - waiter.sentAtNanos(), TimeUnit.NANOSECONDS);
            waiter.future().complete(outcome);
        }
    }

    public int size() {
        return waiting.size();
    }
}
