-- Append-only audit log: every state change and every read of unmasked personal data (PIPL).
-- Each row's hash covers the previous row's hash, so an altered or deleted row breaks the chain.
CREATE TABLE audit_log (
    seq          BIGINT NOT NULL PRIMARY KEY,
    at_ms        BIGINT NOT NULL,
    actor        NVARCHAR(100) NOT NULL,
    action       NVARCHAR(200) NOT NULL,
    target       NVARCHAR(200) NULL,
    detail       NVARCHAR(1000) NULL,
    remote       VARCHAR(64) NULL,
    prev_hash    CHAR(64) NOT NULL,
    hash         CHAR(64) NOT NULL
);
GO
CREATE TRIGGER audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE AS
BEGIN
    THROW 50001, 'audit_log is append-only', 1;
END;
