package dev.tickflow.risk.state;

/** One account's risk state: the kill switch, its working orders and its recent order rate. */
public final class AccountState {

    /** New orders per 100 ms of submission time, a ring of ten indexed by bucket number modulo ten. */
    public static final int RATE_BUCKETS = 10;

    public final String accountId;
    public boolean halted;
    public String haltReason;
    public int openOrders;
    public final int[] rateBuckets = new int[RATE_BUCKETS];
    /** The newest bucket number in the ring (submission micros / 100,000). */
    public long rateLatestBucket;

    public AccountState(String accountId) {
        this.accountId = accountId;
    }
}
