-- Append-only audit log: every state change and every read of unmasked personal data (PIPL).
-- Each row's hash covers the previous row's hash, so an altered or deleted row breaks the chain.
CREATE TABLE audit_log (
    seq          BIGINT NOT NULL PRIMARY KEY,
    at_ms        BIGINT NOT NULL,
    actor        VARCHAR(100) NOT NULL,
    action       VARCHAR(200) NOT NULL,
    target       VARCHAR(200) NULL,
    detail       VARCHAR(1000) NULL,
    remote       VARCHAR(64) NULL,
    prev_hash    CHAR(64) NOT NULL,
    hash         CHAR(64) NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
