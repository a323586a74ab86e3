package dev.tickflow.refdata.outbox;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change to publish: which aggregate changed. Written in the transaction of the change. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String aggregate;
    @Column(name = "aggregate_key")
    public String aggregateKey;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    public static OutboxEntry of(String aggregate, String key) {
        OutboxEntry entry = new OutboxEntry();
        entry.aggregate = aggregate;
        entry.aggregateKey = key;
        entry.createdAt = OffsetDateTime.now();
        return entry;
    }
}
