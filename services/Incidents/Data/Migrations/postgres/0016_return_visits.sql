-- 回访 (issue #14): on resolution a resident who left a phone is texted a one-time link and answers
-- 满意 / 基本满意 / 不满意 himself. One row per resolution; a new resolution voids the one before.
-- token_hash: SHA-256 of the link's token, set when the text is sent (the token itself is never stored);
-- state: open (waiting for the text or the answer), answered, voided (superseded, or verified by staff).
CREATE TABLE return_visits (
    id             UUID NOT NULL PRIMARY KEY,
    incident_id    UUID NOT NULL,
    state          VARCHAR(16) NOT NULL,
    token_hash     VARCHAR(64) NULL,
    created_at_ms  BIGINT NOT NULL,
    sent_at_ms     BIGINT NULL,
    expires_at_ms  BIGINT NULL,
    ended_at_ms    BIGINT NULL,
    satisfaction   VARCHAR(32) NULL,
    comment        VARCHAR(1000) NULL,
    void_reason    VARCHAR(40) NULL
);
CREATE UNIQUE INDEX ux_return_visits_token ON return_visits (token_hash) WHERE token_hash IS NOT NULL;
CREATE INDEX ix_return_visits_incident ON return_visits (incident_id, state);

-- Text messages on their way through the SMS gateway (Infrastructure/Sms), queued in the change's
-- transaction. No number and no link here: both are read and made when the message is sent (the number
-- stays sealed with the caller's contact), so a dump of the queue shows neither.
CREATE TABLE sms_deliveries (
    id                  UUID NOT NULL PRIMARY KEY,
    subject_id          UUID NOT NULL,
    incident_id         UUID NOT NULL,
    purpose             VARCHAR(32) NOT NULL,
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
CREATE INDEX ix_sms_deliveries_due ON sms_deliveries (next_attempt_at_ms) WHERE status = 'pending';
CREATE INDEX ix_sms_deliveries_created ON sms_deliveries (created_at_ms);

-- The dashboard: residents' own answers apart from the satisfaction staff record at verification
-- (群众满意率 is the residents' figure). Counted on the day the resident answers, 不满意 included.
ALTER TABLE rollup_village_daily ADD COLUMN resident_answers INT NOT NULL DEFAULT 0;
ALTER TABLE rollup_village_daily ADD COLUMN resident_satisfied INT NOT NULL DEFAULT 0;
ALTER TABLE rollup_township_daily ADD COLUMN resident_answers INT NOT NULL DEFAULT 0;
ALTER TABLE rollup_township_daily ADD COLUMN resident_satisfied INT NOT NULL DEFAULT 0;
