-- Cases. tier, handling_unit_code and due_at_ms mirror Dispatch's newest assignment
-- (assignment_sequence says which one), so a case reads whole without asking Dispatch.
CREATE TABLE incidents (
    id                      UUID PRIMARY KEY,
    unit_code               VARCHAR(32) NOT NULL,
    category                VARCHAR(32) NOT NULL,
    grade                   VARCHAR(4) NOT NULL,
    title                   VARCHAR(200) NOT NULL,
    description             VARCHAR(4000) NOT NULL,
    lat                     DOUBLE PRECISION NULL,
    lng                     DOUBLE PRECISION NULL,
    status                  VARCHAR(16) NOT NULL,
    tier                    VARCHAR(16) NULL,
    handling_unit_code      VARCHAR(32) NULL,
    due_at_ms               BIGINT NULL,
    assignment_sequence     INT NOT NULL,
    flagged_overdue_at_ms   BIGINT NULL,
    reported_by             VARCHAR(100) NOT NULL,
    filed_at_ms             BIGINT NOT NULL,
    updated_at_ms           BIGINT NOT NULL,
    idempotency_key         VARCHAR(100) NULL
);
-- A client that retries a filing with the same Idempotency-Key gets the first case back.
CREATE UNIQUE INDEX ux_incidents_idempotency_key ON incidents (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_incidents_status ON incidents (status, filed_at_ms);
CREATE INDEX ix_incidents_unit ON incidents (unit_code, filed_at_ms);

-- Every step of a case: who, when, which tier and unit, why.
CREATE TABLE timeline (
    id            UUID PRIMARY KEY,
    incident_id   UUID NOT NULL,
    at_ms         BIGINT NOT NULL,
    actor         VARCHAR(100) NOT NULL,
    action        VARCHAR(40) NOT NULL,
    tier          VARCHAR(16) NULL,
    unit_code     VARCHAR(32) NULL,
    reason        VARCHAR(4000) NULL
);
CREATE INDEX ix_timeline_incident ON timeline (incident_id, at_ms);
