-- Transactional outbox: written in the same transaction as the change it announces.
CREATE TABLE outbox_messages (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY NONCLUSTERED,
    message_type   NVARCHAR(300) NOT NULL,
    body           NVARCHAR(MAX) NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    sent_at_ms     BIGINT NULL
);
CREATE CLUSTERED INDEX ix_outbox_created ON outbox_messages (created_at_ms);
CREATE INDEX ix_outbox_unsent ON outbox_messages (created_at_ms) WHERE sent_at_ms IS NULL;

-- Idempotent inbox: a message id a consumer has processed, recorded with its effect.
CREATE TABLE inbox_messages (
    message_id        UNIQUEIDENTIFIER NOT NULL,
    consumer          NVARCHAR(200) NOT NULL,
    processed_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
