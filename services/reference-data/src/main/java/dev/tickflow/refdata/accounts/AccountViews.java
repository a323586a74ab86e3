package dev.tickflow.refdata.accounts;

import dev.tickflow.model.FixedPoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Accounts and limits as the API shows them: never a token or its hash. */
final class AccountViews {

    private AccountViews() {
    }

    @RegisterForReflection
    record AccountView(String accountId, String displayName, String status, String ownerGroup, boolean admin, String updatedAt) {
        static AccountView of(AccountEntity entity) {
            return new AccountView(entity.accountId, entity.displayName, entity.status, entity.ownerGroup, entity.admin,
                    entity.updatedAt.toInstant().toString());
        }
    }

    @RegisterForReflection
    record LimitsView(String accountId, long maxOrderQuantity, String maxOrderNotional, long maxPositionQuantity, int maxOpenOrders,
            int maxOrdersPerSecond, int priceCollarBps, String updatedAt) {
        static LimitsView of(RiskLimitsEntity entity) {
            return new LimitsView(entity.accountId, entity.maxOrderQuantity, FixedPoint.format(entity.maxOrderNotional),
                    entity.maxPositionQuantity, entity.maxOpenOrders, entity.maxOrdersPerSecond, entity.priceCollarBps,
                    entity.updatedAt.toInstant().toString());
        }
    }
}
