package dev.tickflow.support.auth;

/**
 * An account as authentication sees it.
 *
 * @param ownerGroup the beneficial owner: accounts sharing it are one party
 */
public record TradingAccount(String id, String ownerGroup, boolean admin, boolean active, String tokenHash) {
}
