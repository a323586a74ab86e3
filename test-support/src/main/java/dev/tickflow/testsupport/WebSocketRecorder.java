package dev.tickflow.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) with a bearer token, keeping every text message it receives, in order. */
public final class WebSocketRecorder implements AutoCloseable {

    private final LinkedBlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> read = new ArrayList<>();
    private final WebSocket socket;

    public WebSocketRecorder(URI uri, String token) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(uri, new Collector()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message that matches; the ones before it are skipped (but kept in {@link #all()}). */
    public String next(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (text == null) {
                break;
            }
            synchronized (read) {
                read.add(text);
            }
            if (matching.test(text)) {
                return text;
            }
        }
        throw new AssertionError("no matching message within " + timeout + "; received " + all());
    }

    /** Everything received so far. */
    public List<String> all() {
        synchronized (read) {
            List<String> copy = new ArrayList<>(read);
            copy.addAll(unread);
            return copy;
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                unread.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
