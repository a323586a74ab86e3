package dev.tickflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.path.json.JsonPath;

/** A real WebSocket client (the JDK's) that keeps every text message it receives, in order. */
final class SocketClient implements AutoCloseable {

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final WebSocket socket;

    SocketClient(URI uri, String token) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(uri, new Collector()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message of this {@code type}; messages of other types before it are kept in {@link #all()}. */
    JsonPath next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (text == null) {
                break;
            }
            synchronized (all) {
                all.add(text);
            }
            JsonPath message = JsonPath.from(text);
            if (type.equals(message.getString("type"))) {
                return message;
            }
        }
        throw new AssertionError("no '" + type + "' message within " + timeout + "; received " + all());
    }

    List<String> all() {
        synchronized (all) {
            List<String> copy = new ArrayList<>(all);
            copy.addAll(received);
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
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
