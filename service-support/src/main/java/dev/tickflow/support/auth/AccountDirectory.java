package dev.tickflow.support.auth;

import java.util.Map;
import java.util.Optional;
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

    AccountDirectory(AuthConfig config) {
        config.accounts().forEach((id, entry) -> put(new TradingAccount(id, entry.ownerGroup().orElse(id), entry.admin(),
                entry.active(), entry.tokenSha256().toLowerCase(java.util.Locale.ROOT))));
    }

    public Optional<TradingAccount> byTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash));
    }

    public Optional<TradingAccount> byId(String accountId) {
        return Optional.ofNullable(byId.get(accountId));
    }

    /** An account from reference data. */
    public void upsert(Account account) {
        put(new TradingAccount(account.getAccountId(), account.getOwnerGroup(), account.getAdmin(),
                account.getStatus() == AccountStatus.ACTIVE, account.getTokenHash()));
    }

    public void remove(String accountId) {
        TradingAccount removed = byId.remove(accountId);
        if (removed != null) {
            byTokenHash.remove(removed.tokenHash(), removed);
        }
    }

    private synchronized void put(TradingAccount account) {
        TradingAccount previous = byId.put(account.id(), account);
        if (previous != null) {
            byTokenHash.remove(previous.tokenHash(), previous);
        }
        byTokenHash.put(account.tokenHash(), account);
    }
}
