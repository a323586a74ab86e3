package dev.tickflow.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import org.junit.jupiter.api.Test;

/** A connection's unsent messages are bounded: a client that stops reading is disconnected, not queued for forever. */
class OrderConnectionTest {

    private final List<Promise<Void>> writes = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter sent = meters.counter("sent");
    private final Counter dropped = meters.counter("dropped");
    private boolean closeHandshakePending;

    @Test
    void aClientThatFallsTooFarBehindIsDisconnectedWithTheReason() {
        OrderConnection connection = new OrderConnection(socket(), null, "alice", 3, sent, dropped);
        for (int i = 0; i < 3; i++) {
            connection.send("report " + i);
        }
        assertThat(closes).isEmpty();

        connection.send("one too many");
        assertThat(writes).hasSize(3);
        assertThat(closes).singleElement().asString().startsWith("1008 slow consumer");
        assertThat(dropped.count()).isEqualTo(1);
    }

    @Test
    void aConnectionIsClosedAndCountedOnceWhileItsCloseIsUnderWay() {
        closeHandshakePending = true;
        OrderConnection connection = new OrderConnection(socket(), null, "alice", 1, sent, dropped);
        for (int i = 0; i < 5; i++) {
            connection.send("report " + i);
        }
        assertThat(writes).hasSize(1);
        assertThat(closes).hasSize(1);
        assertThat(dropped.count()).isEqualTo(1);
    }

    @Test
    void messagesTheClientTookNoLongerCount() {
        OrderConnection connection = new OrderConnection(socket(), null, "alice", 3, sent, dropped);
        for (int i = 0; i < 10; i++) {
            connection.send("report " + i);
            writes.getLast().complete();
        }
        assertThat(closes).isEmpty();
        assertThat(sent.count()).isEqualTo(10);
    }

    /** A socket whose writes complete when the test says so, as a client's reads would let them. */
    private ServerWebSocket socket() {
        return (ServerWebSocket) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerWebSocket.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isClosed" -> !closeHandshakePending && !closes.isEmpty();
                    case "writeTextMessage" -> {
                        Promise<Void> write = Promise.promise();
                        writes.add(write);
                        yield write.future();
                    }
                    case "close" -> {
                        closes.add(args[0] + " " + args[1]);
                        yield Future.succeededFuture();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
