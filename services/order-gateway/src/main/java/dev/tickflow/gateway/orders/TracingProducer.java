package dev.tickflow.gateway.orders;

import dev.tickflow.sequencer.InputTracing;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The gateway's end of an order's trace: commands carry the request's context out, reports bring theirs back. */
final class TracingProducer {

    @Produces
    @Singleton
    InputTracing tracing(OpenTelemetry telemetry) {
        return new InputTracing(telemetry, "order-gateway");
    }
}
