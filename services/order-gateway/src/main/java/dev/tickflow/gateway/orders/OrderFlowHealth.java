package dev.tickflow.gateway.orders;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the order topics have been replayed: before that a retry could not be recognised as one. */
@Readiness
@ApplicationScoped
public class OrderFlowHealth implements HealthCheck {

    private final OrderFlowReader flow;
    private final OrderRegistry registry;

    OrderFlowHealth(OrderFlowReader flow, OrderRegistry registry) {
        this.flow = flow;
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("order-flow").status(flow.caughtUp()).withData("orders", registry.size()).build();
    }
}
