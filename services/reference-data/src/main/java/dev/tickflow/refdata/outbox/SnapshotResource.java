package dev.tickflow.refdata.outbox;

import java.util.Map;

import dev.tickflow.refdata.accounts.AccountResource;
import dev.tickflow.refdata.instruments.InstrumentResource;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Publishes everything again: an outbox row for every instrument, account and set of limits, in one transaction. For a
 * topic that lost data or a consumer that must rebuild from scratch; on compacted topics the repeat is harmless.
 */
@Path("/admin/republish")
@Authenticated
public class SnapshotResource {

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Queue a full snapshot of the reference data for publishing (administrators)")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    public Uni<Response> republish() {
        return enqueue(InstrumentResource.AGGREGATE, "SELECT symbol FROM instrument ORDER BY symbol")
                .flatMap(instruments -> enqueue(AccountResource.ACCOUNT, "SELECT account_id FROM account ORDER BY account_id")
                        .flatMap(accounts -> enqueue(AccountResource.LIMITS, "SELECT account_id FROM risk_limits ORDER BY account_id")
                                .map(limits -> Response.accepted(Map.of("instruments", instruments, "accounts", accounts,
                                        "limits", limits)).build())));
    }

    private static Uni<Integer> enqueue(String aggregate, String keys) {
        String insert = "INSERT INTO outbox (aggregate, aggregate_key) SELECT '" + aggregate + "', k FROM (" + keys + ") AS keys (k)";
        return Panache.getSession().flatMap(session -> session.createNativeQuery(insert).executeUpdate());
    }
}
