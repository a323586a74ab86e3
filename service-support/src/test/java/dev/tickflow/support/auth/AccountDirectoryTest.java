package dev.tickflow.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import org.junit.jupiter.api.Test;

class AccountDirectoryTest {

    private final AccountDirectory directory = new AccountDirectory(new AuthConfig() {
        @Override
        public Map<String, AccountEntry> accounts() {
            return Map.of();
        }

        @Override
        public boolean followReferenceData() {
            return false;
        }
    });

    @Test
    void aTokenMovedToAnotherAccountStaysThereWhateverOrderTheRecordsArriveIn() {
        // a had token t, gave it up for t2, and b was given t later; a replay delivers b's record between a's two
        directory.upsert(account("b", "t", 3));
        directory.upsert(account("a", "t", 1));
        directory.upsert(account("a", "t2", 2));
        assertThat(directory.byTokenHash("t")).map(TradingAccount::id).contains("b");
        assertThat(directory.byTokenHash("t2")).map(TradingAccount::id).contains("a");
    }

    @Test
    void aNewTokenReplacesTheOldAndARemovedAccountHasNone() {
        directory.upsert(account("a", "t1", 1));
        directory.upsert(account("a", "t2", 2));
        assertThat(directory.byTokenHash("t1")).isEmpty();
        assertThat(directory.byTokenHash("t2")).map(TradingAccount::id).contains("a");
        directory.remove("a");
        assertThat(directory.byTokenHash("t2")).isEmpty();
        assertThat(directory.byId("a")).isEmpty();
    }

    private static Account account(String id, String tokenHash, long updatedAtMicros) {
        return Account.newBuilder().setAccountId(id).setDisplayName(id).setTokenHash(tokenHash).setStatus(AccountStatus.ACTIVE)
                .setOwnerGroup(id).setAdmin(false).setUpdatedAtMicros(updatedAtMicros).build();
    }
}
