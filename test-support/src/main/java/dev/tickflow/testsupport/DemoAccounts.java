package dev.tickflow.testsupport;

import dev.tickflow.model.Account;
import dev.tickflow.model.AccountStatus;
import dev.tickflow.model.TokenHash;
import dev.tickflow.model.topic.Topics;

/**
 * The demo accounts as reference-data publishes them, for runs of packaged services without reference-data: outside
 * dev mode and tests the services know accounts only from ref.accounts.
 */
public final class DemoAccounts {

    private DemoAccounts() {
    }

    /** Publishes alice, bob and ops (an administrator) with the demo tokens {@code <id>-demo-token}. */
    public static void publish(TopicClient topics) {
        for (String id : new String[] {"alice", "bob", "ops"}) {
            topics.send(Topics.REF_ACCOUNTS, id, Account.newBuilder().setAccountId(id).setDisplayName(id + " (demo)")
                    .setTokenHash(TokenHash.of(id + "-demo-token")).setStatus(AccountStatus.ACTIVE).setOwnerGroup(id)
                    .setAdmin("ops".equals(id)).setUpdatedAtMicros(0).build());
        }
    }
}
