package dev.tickflow.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An input joins the trace its record carries, and its outputs carry the input's span on to the next hop. */
class InputTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String UPSTREAM_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder().setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();

    @AfterEach
    void close() {
        telemetry.close();
    }

    @Test
    void anInputIsASpanOfItsRecordsTraceAndItsOutputsCarryThatSpanOn() {
        MachineDriver driver = driver(new InputTracing(telemetry, "ledger"));
        driver.pipe("money", "m1", bytes("+100"), 1L, new RecordHeaders());
        RecordHeaders traced = new RecordHeaders();
        traced.add("traceparent", bytes("00-" + TRACE + "-" + UPSTREAM_SPAN + "-01"));
        driver.pipe("commands", "c1", bytes("60"), 2L, traced);

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData command = finished.stream().filter(span -> span.getName().equals("commands process")).findFirst().orElseThrow();
        assertThat(command.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(command.getTraceId()).isEqualTo(TRACE);
        assertThat(command.getParentSpanId()).isEqualTo(UPSTREAM_SPAN);
        assertThat(command.getAttributes().asMap().toString()).contains("messaging.kafka.offset=0");
        SpanData money = finished.stream().filter(span -> span.getName().equals("money process")).findFirst().orElseThrow();
        assertThat(money.getTraceId()).as("an input without a trace starts its own").isNotEqualTo(TRACE);
        assertThat(money.getParentSpanContext()).isEqualTo(SpanContext.getInvalid());

        ProducerRecord<byte[], byte[]> accepted = driver.read(Ledger.ACCEPTED).getFirst();
        String traceparent = new String(accepted.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).isEqualTo("00-" + TRACE + "-" + command.getSpanId() + "-01");
        assertThat(accepted.headers().headers("traceparent")).hasSize(1);
    }

    @Test
    void withTracingOffNothingIsStartedOrWritten() {
        InputTracing off = new InputTracing(io.opentelemetry.api.OpenTelemetry.noop(), "ledger");
        assertThat(off.enabled()).isFalse();
        MachineDriver driver = driver(off);
        driver.pipe("money", "m1", bytes("+100"), 1L, new RecordHeaders());
        RecordHeaders traced = new RecordHeaders();
        traced.add("traceparent", bytes("00-" + TRACE + "-" + UPSTREAM_SPAN + "-01"));
        driver.pipe("commands", "c1", bytes("60"), 2L, traced);
        assertThat(driver.read(Ledger.ACCEPTED).getFirst().headers().lastHeader("traceparent")).isNull();
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aWorkingSdkConfiguredOffTracesNothing() {
        InputTracing configuredOff = new InputTracing(telemetry, "ledger", false);
        assertThat(configuredOff.enabled()).isFalse();
        MachineDriver driver = driver(configuredOff);
        RecordHeaders traced = new RecordHeaders();
        traced.add("traceparent", bytes("00-" + TRACE + "-" + UPSTREAM_SPAN + "-01"));
        driver.pipe("money", "m1", bytes("+100"), 1L, new RecordHeaders());
        driver.pipe("commands", "c1", bytes("60"), 2L, traced);
        assertThat(driver.read(Ledger.ACCEPTED).getFirst().headers().lastHeader("traceparent")).isNull();
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private static MachineDriver driver(InputTracing tracing) {
        MachineDriver driver = new MachineDriver("ledger", List.of("commands", "money"), Map.of(), new Ledger(() -> 1_000, null));
        driver.group().traceWith(tracing);
        return driver;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
