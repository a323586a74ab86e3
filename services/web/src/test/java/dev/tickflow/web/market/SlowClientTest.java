package dev.tickflow.web.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TopicClient;
import dev.tickflow.testsupport.WebSocketRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading (its socket buffers fill, the server's sends stop completing) beside one that keeps up:
 * the fast one hears every tick, the slow one's outbox conflates, and when the slow one reads again it gets the newest
 * price after far fewer messages than were published.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SlowClientTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TopicClient TOPICS = TopicClient.embedded();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Each tick carries a long venue so that few of them fill the socket buffers. */
    private static final String VENUE = "V".repeat(4_000);

    @TestHTTPResource("/ws/market")
    URI market;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @AfterAll
    static void close() {
        TOPICS.close();
    }

    @Test
    void aClientThatStopsReadingIsConflatedAndStallsNobody() throws Exception {
        URI uri = URI.create(market.toString().replaceFirst("^http", "ws"));
        try (RawWebSocket slow = RawWebSocket.open(uri.getHost(), uri.getPort(), "/ws/market");
                WebSocketRecorder fast = new WebSocketRecorder(uri, "alice-demo-token")) {
            slow.sendText("{\"action\":\"subscribe\",\"symbols\":[\"SLOW\"],\"streams\":[\"ticks\"]}");
            fast.send("{\"action\":\"subscribe\",\"symbols\":[\"SLOW\"],\"streams\":[\"ticks\"]}");
            fast.next(text -> text.contains("\"subscriptions\""), WAIT);

            // warm up until the consumer reads from its assignment, then publish until the slow client's outbox conflates
            long deadline = System.nanoTime() + WAIT.toNanos();
            int published = 0;
            while (System.nanoTime() < deadline && !fast.all().stream().anyMatch(text -> text.contains("\"type\":\"tick\""))) {
                tick(++published);
                Thread.sleep(100);
            }
            while (System.nanoTime() < deadline && conflated() == 0) {
                for (int i = 0; i < 200; i++) {
                    tick(++published);
                }
                Thread.sleep(50);
            }
            assertThat(conflated()).as("an outbox conflated").isPositive();
            // the counter is every client's: under load the fast one's outbox may conflate a burst first, so a few more
            // bursts make sure the slow one's socket is full and its outbox is the one conflating
            for (int burst = 0; burst < 5; burst++) {
                for (int i = 0; i < 200; i++) {
                    tick(++published);
                }
                Thread.sleep(50);
            }
            int last = published + 1;
            tick(last);
            String newest = "\"price\":" + last;
            assertThat(fast.next(text -> text.contains(newest), WAIT))
                    .as("the client that keeps up hears the newest tick, unaffected by the slow one").isNotNull();

            List<String> drained = slow.readUntil(text -> text.contains(newest), WAIT);
            long ticks = drained.stream().filter(text -> text.contains("\"type\":\"tick\"")).count();
            assertThat(drained.get(drained.size() - 1)).as("the slow client ends on the newest price").contains(newest);
            assertThat(ticks).as("and got there without the backlog").isLessThan(last);
        }
    }

    private double conflated() throws IOException, InterruptedException {
        String page = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        return page.lines().filter(line -> line.startsWith("tickflow_web_market_conflated_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void tick(int price) {
        long now = EventTime.fromMillis(System.currentTimeMillis());
        TOPICS.send(Topics.MD_TICKS, "SLOW", Tick.newBuilder().setSymbol("SLOW").setPrice(FixedPoint.ofUnits(price)).setQuantity(1)
                .setEventTimeMicros(now).setIngestTimeMicros(now).setSource(TickSource.PUSH).setSide(Side.BUY).setVenue(VENUE)
                .setTradeId(null).build());
    }

    /** A WebSocket client on a plain socket with a tiny receive buffer, so that not reading is felt at once. */
    static final class RawWebSocket implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private RawWebSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static RawWebSocket open(String host, int port, String path) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            RawWebSocket client = new RawWebSocket(socket);
            String key = Base64.getEncoder().encodeToString("tickflow-slow-ws".getBytes(StandardCharsets.US_ASCII));
            String upgrade = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            client.out.write(upgrade.getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            String headers = client.readHeaders();
            if (!headers.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + headers);
            }
            return client;
        }

        void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            }
            byte[] mask = {1, 2, 3, 4};
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        /** Reads text frames until one matches. */
        List<String> readUntil(Predicate<String> last, Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            List<String> texts = new ArrayList<>();
            while (true) {
                int opcode = in.read() & 0x0f;
                long length = in.read() & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                if (opcode == 1) {
                    String text = new String(payload, StandardCharsets.UTF_8);
                    texts.add(text);
                    if (last.test(text)) {
                        return texts;
                    }
                }
            }
        }

        private String readHeaders() throws IOException {
            ByteArrayOutputStream headers = new ByteArrayOutputStream();
            while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                headers.write(next);
            }
            return headers.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
