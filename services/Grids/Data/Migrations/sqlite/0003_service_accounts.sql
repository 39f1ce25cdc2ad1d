-- Issue 13: tokens the operator command issue-token signed for service accounts and scripts, so a
-- county administrator can list them and revoke one (GET /grids/service-accounts). The id is the
-- token's jti; a revoked token is announced (AccountAccessChanged) and refused by every service.
CREATE TABLE service_accounts (
    id              VARCHAR(36) PRIMARY KEY,
    subject         VARCHAR(64) NOT NULL,
    role            VARCHAR(40) NOT NULL,
    unit_code       VARCHAR(32) NOT NULL,
    department_id   VARCHAR(36) NULL,
    issued_by       VARCHAR(100) NOT NULL,
    issued_at_ms    BIGINT NOT NULL,
    expires_at_ms   BIGINT NOT NULL,
    revoked_by      VARCHAR(100) NULL,
    revoked_at_ms   BIGINT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX ix_service_accounts_issued ON service_accounts (issued_at_ms);
