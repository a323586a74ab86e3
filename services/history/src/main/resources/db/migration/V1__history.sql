-- Final one-minute bars as market-stats emitted them; money in micro-units. Key: the bar's natural identity.
CREATE TABLE bar_1m (
    symbol        VARCHAR(16) NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    open          BIGINT      NOT NULL,
    high          BIGINT      NOT NULL,
    low           BIGINT      NOT NULL,
    close         BIGINT      NOT NULL,
    volume        BIGINT      NOT NULL,
    turnover      BIGINT      NOT NULL,
    vwap          BIGINT      NOT NULL,
    trade_count   BIGINT      NOT NULL,
    PRIMARY KEY (symbol, window_start)
);

-- Raw ticks. A tick has no natural key of its own: its place in the log (partition, offset) is one, so a replay of
-- the topic lands on the same rows. The event time leads the key so that the table can become a hypertable.
CREATE TABLE tick (
    event_time    TIMESTAMPTZ NOT NULL,
    kafka_partition INTEGER   NOT NULL,
    kafka_offset  BIGINT      NOT NULL,
    symbol        VARCHAR(16) NOT NULL,
    price         BIGINT      NOT NULL,
    quantity      BIGINT      NOT NULL,
    ingest_time   TIMESTAMPTZ NOT NULL,
    source        VARCHAR(32) NOT NULL,
    trade_id      VARCHAR(64),
    PRIMARY KEY (event_time, kafka_partition, kafka_offset)
);
CREATE INDEX tick_symbol_time ON tick (symbol, event_time);

-- Both sides' execution reports, as the matching engine issued them.
CREATE TABLE execution (
    execution_id       VARCHAR(96) PRIMARY KEY,
    order_id           VARCHAR(64) NOT NULL,
    account            VARCHAR(64) NOT NULL,
    symbol             VARCHAR(16) NOT NULL,
    side               VARCHAR(8)  NOT NULL,
    exec_type          VARCHAR(16) NOT NULL,
    order_status       VARCHAR(24) NOT NULL,
    last_quantity      BIGINT      NOT NULL,
    last_price         BIGINT,
    cumulative_quantity BIGINT     NOT NULL,
    leaves_quantity    BIGINT      NOT NULL,
    trade_id           VARCHAR(96),
    transact_time      TIMESTAMPTZ NOT NULL
);
CREATE INDEX execution_account_time ON execution (account, transact_time DESC);
