package dev.tickflow.sequencer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An order's trace through a sequenced service: each input is a consumer span, child of the context its record carries
 * in its headers (W3C {@code traceparent}), and every output of that input carries the span's own context on. With
 * tracing off (configured off, no SDK, or one disabled) nothing is extracted, started or written: the hot path pays one
 * branch.
 */
public final class InputTracing {

    /** No tracing. */
    public static final InputTracing OFF = new InputTracing(OpenTelemetry.noop(), "none");

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header header : headers) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean enabled;

    public InputTracing(OpenTelemetry telemetry, String service) {
        this(telemetry, service, true);
    }

    /**
     * @param configured whether the service's configuration asks for traces ({@code quarkus.otel.sdk.disabled=false} and
     *     {@code quarkus.otel.traces.enabled}): the telemetry handed out may be a working SDK even when it does not (a
     *     Quarkus application gets one whatever that setting), and a span per input would then be built and thrown away
     */
    public InputTracing(OpenTelemetry telemetry, String service, boolean configured) {
        this.tracer = telemetry.getTracer("dev.tickflow.sequencer." + service);
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        // a no-op SDK hands out spans without a valid context; the probe is never ended, so never exported
        this.enabled = configured && tracer.spanBuilder("probe").startSpan().getSpanContext().isValid();
    }

    public boolean enabled() {
        return enabled;
    }

    /** A span for applying this input, child of the context its producer wrote into its headers. */
    public Span start(ConsumerRecord<byte[], byte[]> record) {
        Context parent = propagator.extract(Context.root(), record.headers(), GETTER);
        return tracer.spanBuilder(record.topic() + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
    }

    /** Writes the span's context into an output's headers, in place of any its inputs carried. */
    public void stamp(Span span, Headers headers) {
        propagator.inject(Context.root().with(span), headers, SETTER);
    }

    /** Writes the caller's current context (a request's span, say) into a record's headers, when tracing is on. */
    public void stampCurrent(Headers headers) {
        if (enabled) {
            propagator.inject(Context.current(), headers, SETTER);
        }
    }
}
