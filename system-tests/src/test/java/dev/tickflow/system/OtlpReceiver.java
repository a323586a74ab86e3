package dev.tickflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A trace collector for tests: takes OTLP over HTTP (protobuf, as the services' exporters send it) and keeps every span
 * in memory, with the name of the service that sent it.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as received. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
    private volatile String lastFailure;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::receive);
        server.start();
        return receiver;
    }

    /** The traces endpoint, as the exporters' setting takes it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Why the last export could not be read, if one could not. */
    String lastFailure() {
        return lastFailure;
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Whether the first span is the second's parent, or its parent's, and so on. */
    boolean isAncestor(ReceivedSpan ancestor, ReceivedSpan descendant) {
        Map<String, ReceivedSpan> byId = trace(descendant.traceId()).stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (first, second) -> first));
        ReceivedSpan current = descendant;
        for (int hops = 0; current != null && hops < 64; hops++) {
            if (Objects.equals(current.parentSpanId(), ancestor.spanId())) {
                return true;
            }
            current = byId.get(current.parentSpanId());
        }
        return false;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            take(exchange);
        } catch (IOException | RuntimeException | Error e) {
            // the server would drop it silently; a test that waits for spans should say why none came
            lastFailure = e.toString();
            throw e;
        }
    }

    private void take(HttpExchange exchange) throws IOException {
        {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(attribute -> attribute.getKey().equals("service.name")).map(KeyValue::getValue)
                        .map(value -> value.getStringValue()).findFirst().orElse("unknown");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                                hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name()));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
