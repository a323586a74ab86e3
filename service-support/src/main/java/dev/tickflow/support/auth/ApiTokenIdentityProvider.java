package dev.tickflow.support.auth;

import dev.tickflow.model.TokenHash;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns an API token into the account's identity: principal = account id, role {@code trader} (and {@code admin} for
 * operators, and whatever roles configuration grants the account, such as {@code feed}). Unknown tokens and inactive
 * accounts fail authentication; only the token's hash is compared.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    public static final String TRADER = "trader";
    public static final String ADMIN = "admin";
    /** May publish market data and control market-feed's sources. */
    public static final String FEED = "feed";
    /** Identity attribute holding the account's beneficial owner. */
    public static final String OWNER_GROUP = "tickflow.owner-group";

    private final AccountDirectory accounts;

    ApiTokenIdentityProvider(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        try {
            return Uni.createFrom().item(identify(request.getToken()));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * The token's identity, at once (the directory is in memory): for channels that authenticate outside Quarkus' HTTP
     * security, a FIX logon or a WebSocket upgrade, possibly on an event loop.
     *
     * @throws AuthenticationFailedException for an unknown token or an inactive account
     */
    public SecurityIdentity identify(TokenCredential token) {
        TradingAccount account = accounts.byTokenHash(TokenHash.of(token.getToken())).orElse(null);
        if (account == null) {
            throw new AuthenticationFailedException("unknown API token");
        }
        if (!account.active()) {
            throw new AuthenticationFailedException("account " + account.id() + " is not active");
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.id()))
                .addRole(TRADER)
                .addAttribute(OWNER_GROUP, account.ownerGroup())
                .addCredential(token);
        if (account.admin()) {
            identity.addRole(ADMIN);
        }
        identity.addRoles(account.roles());
        return identity.build();
    }
}
