-- Status back to the hotline (issue #14): a client system may register a callback URL, and every change
-- of status of a case it filed is posted there, signed with the client's callback secret.

-- The secret is sealed (PersonalDataSealer, bound to the client's id): a dump shows no secret.
ALTER TABLE open311_clients ADD COLUMN callback_url VARCHAR(2000) NULL;
ALTER TABLE open311_clients ADD COLUMN callback_secret VARCHAR(1000) NULL;
-- The last callback sequence number of the case, so receivers can order what they get (never reused,
-- although sent deliveries age out).
ALTER TABLE open311_requests ADD COLUMN callback_sequence INT NOT NULL DEFAULT 0;

-- One status change of one case for its client. status_change is the change as it happened (JSON), written
-- out and signed when sent. The queue's columns are the shared ones (Infrastructure/Webhooks/DeliveryQueue).
CREATE TABLE open311_callback_deliveries (
    id                  TEXT NOT NULL PRIMARY KEY,
    client_id           TEXT NOT NULL,
    incident_id         TEXT NOT NULL,
    case_sequence       INT NOT NULL,
    status_change       TEXT NOT NULL,
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
CREATE UNIQUE INDEX ux_open311_callback_deliveries_sequence ON open311_callback_deliveries (incident_id, case_sequence);
-- The sender's claim: only pending rows, in due order.
CREATE INDEX ix_open311_callback_deliveries_due ON open311_callback_deliveries (next_attempt_at_ms) WHERE status = 'pending';
CREATE INDEX ix_open311_callback_deliveries_client ON open311_callback_deliveries (client_id, status, created_at_ms);
