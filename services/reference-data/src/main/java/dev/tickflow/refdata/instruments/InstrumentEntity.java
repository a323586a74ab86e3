package dev.tickflow.refdata.instruments;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An instrument as reference data keeps it; sizes in micro-units like the event contracts. */
@Entity
@Table(name = "instrument")
public class InstrumentEntity extends PanacheEntityBase {

    @Id
    public String symbol;
    public String name;
    public String currency;
    @Column(name = "tick_size")
    public long tickSize;
    @Column(name = "lot_size")
    public long lotSize;
    public String sector;
    public boolean tradable;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
