-- Instruments as reference data owns them; prices and sizes in micro-units like every event contract.
CREATE TABLE instrument (
    symbol      VARCHAR(16)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    currency    CHAR(3)      NOT NULL,
    tick_size   BIGINT       NOT NULL CHECK (tick_size > 0),
    lot_size    BIGINT       NOT NULL CHECK (lot_size > 0),
    sector      VARCHAR(100),
    tradable    BOOLEAN      NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX instrument_name_lower ON instrument (lower(name) text_pattern_ops);

-- The transactional outbox: a row per change, written in the transaction of the change. The relay publishes the
-- aggregate's state as of publishing (or a tombstone once it is gone) to its compacted topic, in id order.
CREATE TABLE outbox (
    id             BIGSERIAL    PRIMARY KEY,
    aggregate      VARCHAR(32)  NOT NULL,
    aggregate_key  VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at        TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
