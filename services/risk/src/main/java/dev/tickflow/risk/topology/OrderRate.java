package dev.tickflow.risk.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tickflow.risk.state.AccountRisk;

/**
 * An account's new orders over the last second, counted in ten buckets of 100 ms of submission time: constant work and
 * state per order whatever the account's rate (a list of submission times would be rewritten whole with every order
 * and every execution of the account). The window is the current bucket and the nine before it, so an order is
 * counted for between 0.9 and 1 second.
 */
final class OrderRate {

    static final long BUCKET_MICROS = 100_000L;
    static final int BUCKETS = 10;

    private OrderRate() {
    }

    static List<Integer> emptyBuckets() {
        return new ArrayList<>(Collections.nCopies(BUCKETS, 0));
    }

    /** New orders of the account in the window that ends with an order submitted at {@code submittedAtMicros}. */
    static int count(AccountRisk account, long submittedAtMicros) {
        long latest = Math.max(account.getRateLatestBucket(), submittedAtMicros / BUCKET_MICROS);
        int count = 0;
        for (long bucket = Math.max(0, latest - BUCKETS + 1); bucket <= account.getRateLatestBucket(); bucket++) {
            count += account.getRateBuckets().get(slot(bucket));
        }
        return count;
    }

    /** Counts an accepted new order. An order submitted before the window it would belong to has left it: not counted. */
    static void record(AccountRisk account, long submittedAtMicros) {
        long bucket = submittedAtMicros / BUCKET_MICROS;
        List<Integer> buckets = new ArrayList<>(account.getRateBuckets());
        long latest = account.getRateLatestBucket();
        if (bucket > latest) {
            for (long stale = Math.max(latest + 1, bucket - BUCKETS + 1); stale <= bucket; stale++) {
                buckets.set(slot(stale), 0);
            }
            latest = bucket;
        }
        if (bucket > latest - BUCKETS) {
            buckets.set(slot(bucket), buckets.get(slot(bucket)) + 1);
        }
        account.setRateBuckets(buckets);
        account.setRateLatestBucket(latest);
    }

    private static int slot(long bucket) {
        return (int) (bucket % BUCKETS);
    }
}
