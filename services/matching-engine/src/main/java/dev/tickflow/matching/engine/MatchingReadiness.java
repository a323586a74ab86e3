package dev.tickflow.matching.engine;

import dev.tickflow.sequencer.RuntimeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every partition this instance owns is live: its books restored and the replay done. */
@Readiness
@ApplicationScoped
public class MatchingReadiness implements HealthCheck {

    private final MatchingEngine engine;

    MatchingReadiness(MatchingEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        RuntimeStatus status = engine.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("matching-engine").status(status.ready())
                .withData("partitions", status.partitions().keySet().toString())
                .withData("replaying", status.replaying().toString());
        if (status.failure() != null) {
            response.withData("last-failure", status.failure());
        }
        return response.build();
    }
}
