package dev.tickflow.refdata.accounts;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A trading account; its API token is kept only as a SHA-256 hash. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "token_hash")
    public String tokenHash;
    public String status;
    @Column(name = "owner_group")
    public String ownerGroup;
    public boolean admin;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
