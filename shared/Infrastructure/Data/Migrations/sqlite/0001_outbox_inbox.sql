-- Transactional outbox: written in the same transaction as the change it announces.
CREATE TABLE outbox_messages (
    id             TEXT PRIMARY KEY,
    message_type   TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at_ms  INTEGER NOT NULL,
    sent_at_ms     INTEGER NULL
);
CREATE INDEX ix_outbox_unsent ON outbox_messages (created_at_ms) WHERE sent_at_ms IS NULL;

-- Idempotent inbox: a message id a consumer has processed, recorded with its effect.
CREATE TABLE inbox_messages (
    message_id        TEXT NOT NULL,
    consumer          TEXT NOT NULL,
    processed_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
