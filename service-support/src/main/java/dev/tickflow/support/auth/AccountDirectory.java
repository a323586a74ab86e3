package dev.tickflow.support.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accounts by token hash and by id: first those configured, then whatever reference data publishes on ref.accounts
 * (which wins for an account it knows).
 */
@ApplicationScoped
public class AccountDirectory {

    private final Map<String, TradingAccount> byId = new ConcurrentHashMap<>();
    private final Map<String, TradingAccount> byTokenHash = new ConcurrentHashMap<>();
    /** When the account holding each token hash got it: of two accounts claiming one hash, the later change holds it. */
    private final Map<String, Long> claimedAt = new ConcurrentHashMap<>();

    /** Roles that configuration grants, by account: reference data does not carry them, so its changes keep them. */
    private final Map<String, Set<String>> configuredRoles = new ConcurrentHashMap<>();

    AccountDirectory(AuthConfig config) {
        config.accounts().forEach((id, entry) -> {
            Set<String> roles = entry.roles().orElse(Set.of());
            configuredRoles.put(id, roles);
            put(new TradingAccount(id, entry.ownerGroup().orElse(id), entry.admin(), entry.active(),
                    entry.tokenSha256().toLowerCase(java.util.Locale.ROOT), roles), 0L);
        });
    }

    public Optional<TradingAccount> byTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash));
    }

    public Optional<TradingAccount> byId(String accountId) {
        return Optional.ofNullable(byId.get(accountId));
    }

    /**
     * An account from reference data. Accounts arrive in order per account but not across accounts, so when a token
     * moved from one account to another, the older claim may arrive last: the token stays with the later change.
     */
    public void upsert(Account account) {
        put(new TradingAccount(account.getAccountId(), account.getOwnerGroup(), account.getAdmin(),
                account.getStatus() == AccountStatus.ACTIVE, account.getTokenHash(),
                configuredRoles.getOrDefault(account.getAccountId(), Set.of())), account.getUpdatedAtMicros());
    }

    public synchronized void remove(String accountId) {
        TradingAccount removed = byId.remove(accountId);
        if (removed != null) {
            release(removed);
        }
    }

    private synchronized void put(TradingAccount account, long updatedAtMicros) {
        TradingAccount previous = byId.put(account.id(), account);
        if (previous != null) {
            release(previous);
        }
        TradingAccount holder = byTokenHash.get(account.tokenHash());
        if (holder == null || holder.id().equals(account.id()) || updatedAtMicros >= claimedAt.getOrDefault(account.tokenHash(), 0L)) {
            byTokenHash.put(account.tokenHash(), account);
            claimedAt.put(account.tokenHash(), updatedAtMicros);
        }
    }

    private void release(TradingAccount account) {
        if (byTokenHash.remove(account.tokenHash(), account)) {
            claimedAt.remove(account.tokenHash());
        }
    }
}
