-- Trading accounts: only the SHA-256 of an account's API token is kept.
CREATE TABLE account (
    account_id    VARCHAR(64)  PRIMARY KEY,
    display_name  VARCHAR(200) NOT NULL,
    token_hash    CHAR(64)     NOT NULL UNIQUE,
    status        VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    owner_group   VARCHAR(64)  NOT NULL,
    admin         BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ  NOT NULL
);

-- The pre-trade limits risk enforces, per account; money in micro-units.
CREATE TABLE risk_limits (
    account_id             VARCHAR(64) PRIMARY KEY REFERENCES account (account_id) ON DELETE CASCADE,
    max_order_quantity     BIGINT      NOT NULL CHECK (max_order_quantity > 0),
    max_order_notional     BIGINT      NOT NULL CHECK (max_order_notional > 0),
    max_position_quantity  BIGINT      NOT NULL CHECK (max_position_quantity > 0),
    max_open_orders        INTEGER     NOT NULL CHECK (max_open_orders > 0),
    max_orders_per_second  INTEGER     NOT NULL CHECK (max_orders_per_second > 0),
    price_collar_bps       INTEGER     NOT NULL CHECK (price_collar_bps > 0),
    updated_at             TIMESTAMPTZ NOT NULL
);
