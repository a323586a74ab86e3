package dev.tickflow.strategy.query;

import dev.tickflow.strategy.warmstart.WarmStartJob;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Starts the batch training of warm-start weights (administrators). */
@Path("/model/warm-start")
@Produces(MediaType.APPLICATION_JSON)
public class WarmStartResource {

    private final WarmStartJob job;

    WarmStartResource(WarmStartJob job) {
        this.job = job;
    }

    @POST
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @Blocking
    @Operation(summary = "Replay md.bars.1m, train pooled starting weights and publish them to strategy.model.weights")
    public WarmStartJob.Summary warmStart() throws Exception {
        return job.run();
    }
}
