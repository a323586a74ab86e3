package dev.tickflow.gateway.orders;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the order topics have been replayed (before that a retry could not be recognised as one) and the
 * instruments read (before that every symbol would be refused as unknown).
 */
@Readiness
@ApplicationScoped
public class OrderFlowHealth implements HealthCheck {

    private final OrderFlowReader flow;
    private final OrderRegistry registry;
    private final InstrumentDirectory instruments;

    OrderFlowHealth(OrderFlowReader flow, OrderRegistry registry, InstrumentDirectory instruments) {
        this.flow = flow;
        this.registry = registry;
        this.instruments = instruments;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("order-flow").status(flow.caughtUp() && instruments.caughtUp()).withData("orders", registry.size())
                .withData("instruments", instruments.caughtUp() ? "read" : "reading").build();
    }
}
