package dev.tickflow.gateway.ws;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;

/**
 * What is still to be sent on one connection, written by one task on the connection's event loop however many threads
 * queued it (the Kafka producer's with command answers, the order-flow reader's with reports). A message queued while
 * that task is pending rides along with it: under load, one hand-over to the event loop carries many messages, where a
 * write from another thread would wake the event loop once per message.
 */
final class Outbox {

    /** Told of every message handed to the connection and of every one it refused. */
    interface Delivery {
        void sent();

        void failed(Throwable failure);
    }

    private final WebSocketConnection connection;
    private final Context eventLoop;
    private final Delivery delivery;
    private final ConcurrentLinkedQueue<String> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param eventLoop the connection's context, on its event loop */
    Outbox(WebSocketConnection connection, Context eventLoop, Delivery delivery) {
        this.connection = connection;
        this.eventLoop = eventLoop;
        this.delivery = delivery;
    }

    /** Queues a message; safe from any thread, and it never blocks. */
    void send(String text) {
        queued.add(text);
        if (scheduled.compareAndSet(false, true)) {
            eventLoop.runOnContext(ignored -> drain());
        }
    }

    private void drain() {
        // cleared first: a message queued from now on schedules another drain, so none is left behind
        scheduled.set(false);
        for (String text = queued.poll(); text != null; text = queued.poll()) {
            if (!connection.isOpen()) {
                queued.clear();
                return;
            }
            connection.sendText(text).subscribe().with(sent -> delivery.sent(), delivery::failed);
        }
    }
}
