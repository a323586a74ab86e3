package dev.tickflow.gateway.ws;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.ServerWebSocket;

/**
 * One authenticated /ws/orders connection: its account and what it is sent. A message may be sent from any thread;
 * Vert.x writes it on the connection's event loop and flushes what queued meanwhile together. A client that falls
 * further behind than {@code maxQueued} unsent messages is disconnected (close code 1008): a trader's reports cannot
 * be dropped, and their backlog must not take the gateway's memory; the client reconnects and lists its orders.
 */
final class OrderConnection {

    private static final short POLICY_VIOLATION = 1008;

    private final ServerWebSocket socket;
    private final SecurityIdentity identity;
    private final String account;
    private final int maxQueued;
    private final Counter sent;
    private final Counter dropped;
    private final AtomicInteger queued = new AtomicInteger();
    // the close handshake takes a while: messages sent meanwhile must not count or close the connection again
    private final AtomicBoolean closing = new AtomicBoolean();

    OrderConnection(ServerWebSocket socket, SecurityIdentity identity, String account, int maxQueued, Counter sent, Counter dropped) {
        this.socket = socket;
        this.identity = identity;
        this.account = account;
        this.maxQueued = maxQueued;
        this.sent = sent;
        this.dropped = dropped;
    }

    SecurityIdentity identity() {
        return identity;
    }

    String account() {
        return account;
    }

    void send(String text) {
        if (closing.get() || socket.isClosed()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            dropped.increment();
            socket.close(POLICY_VIOLATION, "slow consumer: more than " + maxQueued + " messages unsent; reconnect and list your orders");
            return;
        }
        socket.writeTextMessage(text).onComplete(written -> queued.decrementAndGet());
        sent.increment();
    }
}
