package dev.tickflow.web.push;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * One client's outbound messages. At most one send is in flight; what arrives meanwhile waits, and a newer message for
 * the same key (stream and symbol) replaces the waiting one (conflation). A slow client therefore sees fewer, newer
 * updates and holds up nobody. Messages whose keys never repeat (an account's executions) cannot conflate: past
 * {@code capacity} waiting messages the oldest is dropped, so memory stays bounded whatever the client does.
 */
public final class Outbox {

    /** What happened to a message handed to the outbox. */
    public enum Outcome { SENT, QUEUED, CONFLATED, DROPPED }

    private final Function<String, Uni<Void>> sender;
    private final int capacity;
    private final Map<String, String> waiting = new LinkedHashMap<>();
    private boolean sending;
    private boolean closed;

    public Outbox(Function<String, Uni<Void>> sender, int capacity) {
        this.sender = sender;
        this.capacity = capacity;
    }

    public Outcome offer(String key, String message) {
        synchronized (this) {
            if (closed) {
                return Outcome.DROPPED;
            }
            if (sending) {
                if (waiting.put(key, message) != null) {
                    return Outcome.CONFLATED;
                }
                if (waiting.size() > capacity) {
                    Iterator<String> oldest = waiting.values().iterator();
                    oldest.next();
                    oldest.remove();
                    return Outcome.DROPPED;
                }
                return Outcome.QUEUED;
            }
            sending = true;
        }
        send(message);
        return Outcome.SENT;
    }

    public void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
    }

    /** Messages waiting, for metrics and tests. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void send(String message) {
        sender.apply(message).subscribe().with(done -> next(), failure -> close());
    }

    private void next() {
        String message;
        synchronized (this) {
            Iterator<String> oldest = waiting.values().iterator();
            if (closed || !oldest.hasNext()) {
                sending = false;
                return;
            }
            message = oldest.next();
            oldest.remove();
        }
        send(message);
    }
}
