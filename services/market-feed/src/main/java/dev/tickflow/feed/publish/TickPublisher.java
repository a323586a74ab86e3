package dev.tickflow.feed.publish;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.feed.ingest.Validated;
import dev.tickflow.model.Tick;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Channels;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends ticks to md.ticks and refused input to md.ticks.dlq, never more than {@code max-in-flight} unacknowledged at
 * once. Callers reserve capacity first ({@link #tryReserve}); each send releases its reservation when the broker
 * acknowledges or finally refuses it. When the broker is slow or away the reservations run out, so push endpoints
 * answer 503 and the simulator slows down, instead of buffering without bound.
 */
@ApplicationScoped
public class TickPublisher {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    @Inject
    @Channel(Channels.MD_TICKS)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) // bounded by the reservations instead
    MutinyEmitter<Tick> ticks;

    @Inject
    @Channel(Channels.MD_TICKS_DLQ)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<byte[]> deadLetters;

    @Inject
    SourceThreadTickWriter sourceThreadWriter;

    @Inject
    FeedMetrics metrics;

    @Inject
    FeedConfig config;

    @Inject
    Clock clock;

    private Semaphore capacity;

    @PostConstruct
    void init() {
        capacity = new Semaphore(config.maxInFlight());
        metrics.inFlightGauge(this::inFlight);
    }

    /** Reserves room for {@code count} sends, all or nothing. */
    public boolean tryReserve(int count) {
        return capacity.tryAcquire(count);
    }

    /** Reserves room for as many of {@code wanted} sends as there is, possibly none. */
    public int reserveUpTo(int wanted) {
        int taken = capacity.drainPermits();
        if (taken > wanted) {
            capacity.release(taken - wanted);
            return wanted;
        }
        return taken;
    }

    public void release(int count) {
        capacity.release(count);
    }

    public int inFlight() {
        return config.maxInFlight() - capacity.availablePermits();
    }

    /** Sends a reserved tick; the stage completes when the broker acknowledged it, exceptionally if it never does. */
    public CompletionStage<Void> publish(Tick tick, FeedSource source) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        send(tick, source, acknowledged);
        return acknowledged;
    }

    /** Sends a reserved tick without waiting for the acknowledgement; safe on an event loop (the poller's path). */
    public void publishAndForget(Tick tick, FeedSource source) {
        send(tick, source, null);
    }

    /**
     * Sends a reserved tick without waiting for the acknowledgement, from a source's own thread (simulator, replay),
     * which the send may hold while the topic's metadata is unknown: never from an event loop.
     */
    public void publishFromSourceThread(Tick tick, FeedSource source) {
        long start = System.nanoTime();
        // a producer in a fatal state may throw after it has buffered the record, whose callback then runs as well
        AtomicBoolean settled = new AtomicBoolean();
        try {
            sourceThreadWriter.send(tick, (metadata, failure) -> {
                if (settled.compareAndSet(false, true)) {
                    capacity.release();
                    if (failure == null) {
                        metrics.produced(start);
                        metrics.accepted(source);
                    } else {
                        metrics.publishFailed(source);
                    }
                }
            });
        } catch (RuntimeException e) {
            // not handed to the producer (no metadata within max.block.ms, closed, interrupted): a refusal by the broker
            if (settled.compareAndSet(false, true)) {
                capacity.release();
                metrics.publishFailed(source);
            }
        }
    }

    /** Dead-letters a refused tick with its original bytes and every reason; needs a reservation like a tick. */
    public CompletionStage<Void> deadLetter(Validated.Refused refused, FeedSource source) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        String detail = refused.raw().location() == null ? refused.detail() : refused.raw().location() + ": " + refused.detail();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(refused.raw().symbol())
                .withHeaders(DeadLetters.inputHeaders(refused.primaryReason(), detail, "market-feed/" + source.tag(),
                        clock.instant()))
                .build();
        metrics.rejected(source, refused.primaryReason());
        Message<byte[]> message = Message.of(refused.raw().original(), Metadata.of(metadata),
                () -> {
                    capacity.release();
                    written.complete(null);
                    return DONE;
                },
                failure -> {
                    capacity.release();
                    metrics.deadLetterFailed();
                    written.completeExceptionally(failure);
                    return DONE;
                });
        try {
            deadLetters.sendMessageAndForget(message);
        } catch (RuntimeException e) {
            capacity.release();
            metrics.deadLetterFailed();
            written.completeExceptionally(e);
        }
        return written;
    }

    private void send(Tick tick, FeedSource source, CompletableFuture<Void> acknowledged) {
        long start = System.nanoTime();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(tick.getSymbol()).build();
        Message<Tick> message = Message.of(tick, Metadata.of(metadata),
                () -> {
                    capacity.release();
                    metrics.produced(start);
                    metrics.accepted(source);
                    if (acknowledged != null) {
                        acknowledged.complete(null);
                    }
                    return DONE;
                },
                failure -> {
                    capacity.release();
                    metrics.publishFailed(source);
                    if (acknowledged != null) {
                        acknowledged.completeExceptionally(failure);
                    }
                    return DONE;
                });
        try {
            ticks.sendMessageAndForget(message);
        } catch (RuntimeException e) {
            // the channel is down (for example the producer failed for good): same as a refusal by the broker
            capacity.release();
            metrics.publishFailed(source);
            if (acknowledged != null) {
                acknowledged.completeExceptionally(e);
            }
        }
    }
}
