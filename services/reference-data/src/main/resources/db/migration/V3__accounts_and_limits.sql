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

-- The demo accounts of the local stack (tokens alice-demo-token, bob-demo-token, ops-demo-token) with their limits.
INSERT INTO account (account_id, display_name, token_hash, status, owner_group, admin, updated_at) VALUES
    ('alice', 'Alice (demo)', 'bba775a1794a2ccaa524798e32cea98187c9a32d80433d760a92d449bfddff66', 'ACTIVE', 'alice', FALSE, now()),
    ('bob', 'Bob (demo)', '84c60dc436211b8b0816c38aa8bd40567b75d7fc47fdecab65f40885348c6bbd', 'ACTIVE', 'bob', FALSE, now()),
    ('ops', 'Operations (demo)', '8be7fc9075f754d07f123fe908d9e3e9bce89ab1b146aa041c94a68e38e129ae', 'ACTIVE', 'ops', TRUE, now());
INSERT INTO risk_limits (account_id, max_order_quantity, max_order_notional, max_position_quantity, max_open_orders,
                         max_orders_per_second, price_collar_bps, updated_at)
SELECT account_id, 100000, 10000000000000, 1000000, 500, 100, 1000, now() FROM account WHERE NOT admin;
INSERT INTO outbox (aggregate, aggregate_key) SELECT 'account', account_id FROM account ORDER BY account_id;
INSERT INTO outbox (aggregate, aggregate_key) SELECT 'limits', account_id FROM risk_limits ORDER BY account_id;
