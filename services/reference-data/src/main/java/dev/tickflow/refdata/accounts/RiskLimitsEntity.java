package dev.tickflow.refdata.accounts;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The pre-trade limits of one account; notional in micro-units. */
@Entity
@Table(name = "risk_limits")
public class RiskLimitsEntity extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "max_order_quantity")
    public long maxOrderQuantity;
    @Column(name = "max_order_notional")
    public long maxOrderNotional;
    @Column(name = "max_position_quantity")
    public long maxPositionQuantity;
    @Column(name = "max_open_orders")
    public int maxOpenOrders;
    @Column(name = "max_orders_per_second")
    public int maxOrdersPerSecond;
    @Column(name = "price_collar_bps")
    public int priceCollarBps;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
