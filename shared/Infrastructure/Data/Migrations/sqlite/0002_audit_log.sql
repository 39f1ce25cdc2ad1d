-- Append-only audit log: every state change and every read of unmasked personal data (PIPL).
-- Each row's hash covers the previous row's hash, so an altered or deleted row breaks the chain.
CREATE TABLE audit_log (
    seq          INTEGER NOT NULL PRIMARY KEY,
    at_ms        BIGINT NOT NULL,
    actor        VARCHAR(100) NOT NULL,
    action       VARCHAR(200) NOT NULL,
    target       VARCHAR(200) NULL,
    detail       VARCHAR(1000) NULL,
    remote       VARCHAR(64) NULL,
    prev_hash    CHAR(64) NOT NULL,
    hash         CHAR(64) NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
