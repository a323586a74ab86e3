package dev.tickflow.risk.engine;

import dev.tickflow.sequencer.RuntimeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the reference data is read and every partition this instance owns is live (replay done). */
@Readiness
@ApplicationScoped
public class RiskReadiness implements HealthCheck {

    private final RiskEngine engine;

    RiskReadiness(RiskEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        RuntimeStatus status = engine.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("risk-engine").status(engine.ready())
                .withData("reference-data", engine.tablesCaughtUp() ? "read" : "reading")
                .withData("partitions", status.partitions().keySet().toString())
                .withData("replaying", status.replaying().toString());
        if (status.failure() != null) {
            response.withData("last-failure", status.failure());
        }
        return response.build();
    }
}
