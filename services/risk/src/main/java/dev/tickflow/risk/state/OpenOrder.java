package dev.tickflow.risk.state;

/** An accepted order not yet done, as risk tracks it. */
public final class OpenOrder {

    public final String orderId;
    public final String accountId;
    public final String symbol;
    public final boolean buy;
    public Long limitPrice;
    public long leaves;
    public long filled;
    /** The command that created it, to recognise the matching engine refusing it. */
    public final String commandId;

    public OpenOrder(String orderId, String accountId, String symbol, boolean buy, Long limitPrice, long leaves, long filled,
            String commandId) {
        this.orderId = orderId;
        this.accountId = accountId;
        this.symbol = symbol;
        this.buy = buy;
        this.limitPrice = limitPrice;
        this.leaves = leaves;
        this.filled = filled;
        this.commandId = commandId;
    }
}
