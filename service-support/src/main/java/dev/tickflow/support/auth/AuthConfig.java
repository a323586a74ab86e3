package dev.tickflow.support.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Accounts known from configuration (reference data adds and changes accounts at run time):
 * {@code tickflow.auth.accounts.alice.token-sha256=<hex>}. Only the token's hash is ever configured.
 */
@ConfigMapping(prefix = "tickflow.auth")
public interface AuthConfig {

    Map<String, AccountEntry> accounts();

    /** Follow ref.accounts, where reference data adds, changes and suspends accounts at run time. */
    @WithDefault("true")
    boolean followReferenceData();

    /** One configured account. */
    interface AccountEntry {
        /** SHA-256 of the account's API token, lowercase hex (see {@code TokenHash}). */
        String tokenSha256();

        /** Beneficial owner; the account itself when absent. */
        Optional<String> ownerGroup();

        /** May act on other accounts (the kill switch). */
        @WithDefault("false")
        boolean admin();

        @WithDefault("true")
        boolean active();

        /**
         * Roles beyond trader and admin, such as {@code feed} for a publisher of market data. They stay with the account
         * when reference data changes it: reference data knows traders, configuration knows machines.
         */
        Optional<Set<String>> roles();
    }
}
