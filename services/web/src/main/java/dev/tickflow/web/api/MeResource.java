package dev.tickflow.web.api;

import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The login check of the page: which account a token belongs to (401 when none). */
@Path("/api/me")
@Authenticated
public class MeResource {

    /** The signed-in account. */
    @RegisterForReflection
    public record Me(String account, boolean admin) {
    }

    private final SecurityIdentity identity;

    MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        return new Me(Caller.account(identity), identity.hasRole(ApiTokenIdentityProvider.ADMIN));
    }
}
