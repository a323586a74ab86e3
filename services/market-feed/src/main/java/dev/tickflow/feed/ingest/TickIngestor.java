package dev.tickflow.feed.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tickflow.feed.publish.FeedMetrics;
import dev.tickflow.feed.publish.TickPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Validates raw ticks and sends each one either to md.ticks or, with its reasons, to md.ticks.dlq. Nothing valid is
 * dropped: a payload is taken whole or, when capacity is short, not at all.
 */
@ApplicationScoped
public class TickIngestor {

    private final TickValidator validator;
    private final TickPublisher publisher;
    private final FeedMetrics metrics;

    TickIngestor(TickValidator validator, TickPublisher publisher, FeedMetrics metrics) {
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Ingests a pushed payload; completes once the broker acknowledged every tick and dead letter. Non-blocking. */
    public Uni<IngestOutcome> ingest(List<RawTick> raws, FeedSource source) {
        if (!publisher.tryReserve(raws.size())) {
            metrics.throttled(source, raws.size());
            return Uni.createFrom().item(new IngestOutcome.Busy());
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>(raws.size());
        List<Validated.Refused> refused = new ArrayList<>();
        int accepted = 0;
        for (RawTick raw : raws) {
            Validated verdict = validator.validate(raw, source);
            if (verdict instanceof Validated.Accepted ok) {
                sends.add(publisher.publish(ok.tick(), source).toCompletableFuture());
                accepted++;
            } else {
                Validated.Refused no = (Validated.Refused) verdict;
                refused.add(no);
                sends.add(publisher.deadLetter(no, source).toCompletableFuture());
            }
        }
        IngestOutcome done = new IngestOutcome.Done(accepted, List.copyOf(refused));
        return Uni.createFrom().completionStage(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
                .replaceWith(done)
                .onFailure().recoverWithItem(IngestOutcome.Unavailable::new);
    }

    /**
     * Ingests one tick from a source that must not lose any (file replay): waits, on the caller's own thread, until
     * there is capacity, then sends without waiting for the acknowledgement.
     *
     * @return the verdict, for the caller's counts
     */
    public Validated submitWaiting(RawTick raw, FeedSource source) throws InterruptedException {
        while (!publisher.tryReserve(1)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        Validated verdict = validator.validate(raw, source);
        if (verdict instanceof Validated.Accepted ok) {
            publisher.publishFromSourceThread(ok.tick(), source);
        } else {
            publisher.deadLetter((Validated.Refused) verdict, source);
        }
        return verdict;
    }

    /** Validates and sends one tick if there is capacity; for the poller, which would rather skip than wait. */
    public Validated trySubmit(RawTick raw, FeedSource source) {
        Validated verdict = validator.validate(raw, source);
        if (!publisher.tryReserve(1)) {
            metrics.throttled(source, 1);
            return null;
        }
        if (verdict instanceof Validated.Accepted ok) {
            publisher.publishAndForget(ok.tick(), source);
        } else {
            publisher.deadLetter((Validated.Refused) verdict, source);
        }
        return verdict;
    }
}
