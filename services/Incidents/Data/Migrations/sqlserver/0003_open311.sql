-- Open311 GeoReport v2: the client systems (hotline 12345, apps) that may file, and what a
-- request carries beyond the case itself.

-- API keys are stored as their SHA-256 (hex): a key is shown once when issued and cannot be read back.
CREATE TABLE open311_clients (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name            NVARCHAR(80) NOT NULL,
    key_hash        CHAR(64) NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    revoked_at_ms   BIGINT NULL
);
CREATE UNIQUE INDEX ux_open311_clients_key_hash ON open311_clients (key_hash);

-- One row per case filed through Open311 (only these are published by GET requests). The
-- reporter's contact is kept for the verification call-back (群众满意度) and never published.
CREATE TABLE open311_requests (
    incident_id      UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    client_name      NVARCHAR(80) NOT NULL,
    requested_at_ms  BIGINT NOT NULL,
    address_string   NVARCHAR(400) NULL,
    media_url        NVARCHAR(2000) NULL,
    account_id       NVARCHAR(100) NULL,
    device_id        NVARCHAR(100) NULL,
    email            NVARCHAR(254) NULL,
    first_name       NVARCHAR(100) NULL,
    last_name        NVARCHAR(100) NULL,
    phone            NVARCHAR(40) NULL
);
CREATE INDEX ix_open311_requests_requested ON open311_requests (requested_at_ms);
