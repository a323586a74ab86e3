package dev.tickflow.risk.engine;

import dev.tickflow.risk.state.AccountState;

/**
 * An account's new orders over the last second, counted in ten buckets of 100 ms of submission time: constant work and
 * state per order whatever the account's rate. The window is the current bucket and the nine before it, so an order is
 * counted for between 0.9 and 1 second. Submission time comes from the command, so a replay judges as the first run did.
 */
final class OrderRate {

    static final long BUCKET_MICROS = 100_000L;
    static final int BUCKETS = AccountState.RATE_BUCKETS;

    private OrderRate() {
    }

    /** New orders of the account in the window that ends with an order submitted at {@code submittedAtMicros}. */
    static int count(AccountState account, long submittedAtMicros) {
        long latest = Math.max(account.rateLatestBucket, submittedAtMicros / BUCKET_MICROS);
        int count = 0;
        for (long bucket = Math.max(0, latest - BUCKETS + 1); bucket <= account.rateLatestBucket; bucket++) {
            count += account.rateBuckets[slot(bucket)];
        }
        return count;
    }

    /** Counts an accepted new order. An order submitted before the window it would belong to has left it: not counted. */
    static void record(AccountState account, long submittedAtMicros) {
        long bucket = submittedAtMicros / BUCKET_MICROS;
        long latest = account.rateLatestBucket;
        if (bucket > latest) {
            for (long stale = Math.max(latest + 1, bucket - BUCKETS + 1); stale <= bucket; stale++) {
                account.rateBuckets[slot(stale)] = 0;
            }
            latest = bucket;
        }
        if (bucket > latest - BUCKETS) {
            account.rateBuckets[slot(bucket)]++;
        }
        account.rateLatestBucket = latest;
    }

    private static int slot(long bucket) {
        return (int) (bucket % BUCKETS);
    }
}
