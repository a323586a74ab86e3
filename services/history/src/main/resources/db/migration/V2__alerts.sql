-- Surveillance alerts; the whole alert (evidence included) as JSON beside the columns one searches by.
CREATE TABLE alert (
    alert_id      VARCHAR(128) PRIMARY KEY,
    type          VARCHAR(32)  NOT NULL,
    severity      VARCHAR(16)  NOT NULL,
    account       VARCHAR(64),
    symbol        VARCHAR(16),
    description   TEXT         NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    window_end    TIMESTAMPTZ  NOT NULL,
    detected_at   TIMESTAMPTZ  NOT NULL,
    body          JSONB        NOT NULL
);
CREATE INDEX alert_detected ON alert (detected_at DESC);
