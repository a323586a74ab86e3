package dev.tickflow.gateway.orders;

import dev.tickflow.sequencer.InputTracing;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's end of an order's trace: commands carry the request's context out, reports bring theirs back. */
final class TracingProducer {

    @Produces
    @Singleton
    InputTracing tracing(OpenTelemetry telemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean telemetryOff,
            @ConfigProperty(name = "quarkus.otel.traces.enabled", defaultValue = "true") boolean traces) {
        return new InputTracing(telemetry, "order-gateway", traces && !telemetryOff);
    }
}
