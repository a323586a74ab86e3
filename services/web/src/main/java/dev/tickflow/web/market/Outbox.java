package dev.tickflow.web.market;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * One client's outbound messages. At most one send is in flight; what arrives meanwhile waits, and a newer message for
 * the same stream and symbol replaces the waiting one (conflation). The wait is therefore bounded by the number of
 * (stream, symbol) pairs the client follows: a slow client sees fewer, newer updates, and holds up nobody.
 */
final class Outbox {

    /** What happened to a message handed to the outbox. */
    enum Outcome { SENT, QUEUED, CONFLATED }

    private final Function<String, Uni<Void>> sender;
    private final Map<String, String> waiting = new LinkedHashMap<>();
    private boolean sending;
    private boolean closed;

    Outbox(Function<String, Uni<Void>> sender) {
        this.sender = sender;
    }

    Outcome offer(String key, String message) {
        synchronized (this) {
            if (closed) {
                return Outcome.CONFLATED;
            }
            if (sending) {
                return waiting.put(key, message) == null ? Outcome.QUEUED : Outcome.CONFLATED;
            }
            sending = true;
        }
        send(message);
        return Outcome.SENT;
    }

    void close() {
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
