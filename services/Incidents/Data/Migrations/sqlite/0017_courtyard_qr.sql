-- Each courtyard reachable by its residents (issue #16, docs/courtyard-qr.md).
-- The key printed in a courtyard's QR code (with its code): re-issuing it makes the old sheet answer nothing.
CREATE TABLE courtyard_qr_keys (
    unit_code     VARCHAR(32) NOT NULL PRIMARY KEY,
    qr_key        VARCHAR(32) NOT NULL,
    issued_at_ms  BIGINT NOT NULL,
    issued_by     VARCHAR(200) NOT NULL
);

-- One-time codes texted to a resident's phone. phone_hash is a keyed hash (the number itself is never
-- stored here); code_hash a keyed hash of the row and its code; attempts counts wrong codes.
CREATE TABLE resident_codes (
    id             TEXT NOT NULL PRIMARY KEY,
    unit_code      VARCHAR(32) NOT NULL,
    phone_hash     VARCHAR(64) NOT NULL,
    code_hash      VARCHAR(64) NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    expires_at_ms  BIGINT NOT NULL,
    attempts       INT NOT NULL,
    used_at_ms     BIGINT NULL
);
CREATE INDEX ix_resident_codes_phone ON resident_codes (phone_hash, created_at_ms);

-- A resident's filing through his courtyard's page: the case, the phone's keyed hash (for the limits) and
-- the SHA-256 of his status link's token (the token itself is never stored).
CREATE TABLE resident_filings (
    incident_id        TEXT NOT NULL PRIMARY KEY,
    unit_code          VARCHAR(32) NOT NULL,
    phone_hash         VARCHAR(64) NOT NULL,
    status_token_hash  VARCHAR(64) NOT NULL,
    filed_at_ms        BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_resident_filings_token ON resident_filings (status_token_hash);
CREATE INDEX ix_resident_filings_phone ON resident_filings (phone_hash, filed_at_ms);
