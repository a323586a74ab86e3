package dev.tickflow.support.auth;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is asking, and whether they may see an account's data: their own always, any with the admin role. (What only an
 * administrator may do at all is declared with {@code @RolesAllowed(ApiTokenIdentityProvider.ADMIN)}; this check is
 * for what depends on the account in the request.)
 */
public final class Caller {

    private Caller() {
    }

    public static String account(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }

    /** @throws ForbiddenException (403) when the caller is neither the account nor an admin */
    public static void requireAccess(SecurityIdentity identity, String accountId) {
        if (!account(identity).equals(accountId) && !identity.hasRole(ApiTokenIdentityProvider.ADMIN)) {
            throw new ForbiddenException("account " + account(identity) + " may not act on account " + accountId);
        }
    }
}
