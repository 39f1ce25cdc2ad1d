-- Notices pushed by category, grade and tier (分级分类推送): subscription rules, and one delivery
-- row per notice and subscription, sent by the NoticeSender like an outbox sends messages.

-- A rule: optional filters (comma-separated codes; NULL matches any), the events it wants, and where
-- they go. url and secret are credentials (a robot's key is in its URL): the API never shows them whole.
CREATE TABLE notice_subscriptions (
    id                TEXT NOT NULL PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    categories        VARCHAR(400) NULL,
    grades            VARCHAR(40) NULL,
    tiers             VARCHAR(100) NULL,
    unit_code_prefix  VARCHAR(32) NULL,
    event_kinds       VARCHAR(200) NOT NULL,
    channel           VARCHAR(16) NOT NULL,
    url               VARCHAR(2000) NOT NULL,
    secret            VARCHAR(200) NULL,
    enabled           SMALLINT NOT NULL,
    created_at_ms     BIGINT NOT NULL,
    updated_at_ms     BIGINT NOT NULL,
    updated_by        VARCHAR(100) NOT NULL
);

-- One notice for one subscription. status: pending (due at next_attempt_at_ms, which a sender also
-- pushes ahead while it holds the row), sent, failed (all attempts used; a person retries it).
-- notice is the snapshot of the case when it happened (JSON), written out per channel when sent.
CREATE TABLE notice_deliveries (
    id                  TEXT NOT NULL PRIMARY KEY,
    subscription_id     TEXT NOT NULL,
    event_key           VARCHAR(100) NOT NULL,
    incident_id         TEXT NOT NULL,
    kind                VARCHAR(24) NOT NULL,
    notice              TEXT NOT NULL,
    status              VARCHAR(16) NOT NULL,
    attempts            INT NOT NULL,
    next_attempt_at_ms  BIGINT NULL,
    last_attempt_at_ms  BIGINT NULL,
    last_status_code    INT NULL,
    last_error          VARCHAR(1000) NULL,
    created_at_ms       BIGINT NOT NULL,
    sent_at_ms          BIGINT NULL,
    failed_at_ms        BIGINT NULL
);
-- The same fact reaches a subscription once, however often its event is delivered.
CREATE UNIQUE INDEX ux_notice_deliveries_event ON notice_deliveries (event_key, subscription_id);
-- The sender's claim: only pending rows, in due order.
CREATE INDEX ix_notice_deliveries_due ON notice_deliveries (next_attempt_at_ms) WHERE status = 'pending';
CREATE INDEX ix_notice_deliveries_status ON notice_deliveries (status, created_at_ms);
CREATE INDEX ix_notice_deliveries_subscription ON notice_deliveries (subscription_id, created_at_ms);
