package dev.tickflow.support.auth;

import java.util.Set;

/**
 * An account as authentication sees it.
 *
 * @param ownerGroup the beneficial owner: accounts sharing it are one party
 * @param roles roles beyond trader and admin that configuration grants (a market data publisher's {@code feed})
 */
public record TradingAccount(String id, String ownerGroup, boolean admin, boolean active, String tokenHash, Set<String> roles) {

    public TradingAccount {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
