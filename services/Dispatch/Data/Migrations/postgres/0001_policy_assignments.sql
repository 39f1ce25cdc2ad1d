-- Routing policy versions. A version is never changed once written; cases refer to it.
CREATE TABLE policies (
    version        INT PRIMARY KEY,
    document       TEXT NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    created_by     VARCHAR(100) NOT NULL
);

-- Who handles a case, on which tier, until when. status: active (clock running), overdue
-- (county tier past due: flagged for supervision), resolved (clock stopped), closed.
CREATE TABLE assignments (
    incident_id     UUID PRIMARY KEY,
    place_code      VARCHAR(32) NOT NULL,
    category        VARCHAR(32) NOT NULL,
    grade           VARCHAR(4) NOT NULL,
    tier            VARCHAR(16) NOT NULL,
    unit_code       VARCHAR(32) NOT NULL,
    due_at_ms       BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL,
    sequence        INT NOT NULL,
    policy_version  INT NOT NULL,
    accepted_at_ms  BIGINT NULL,
    updated_at_ms   BIGINT NOT NULL
);
-- The deadline sweeper's index: only running clocks, in due order.
CREATE INDEX ix_assignments_due ON assignments (due_at_ms) WHERE status = 'active';
CREATE INDEX ix_assignments_unit ON assignments (unit_code, status);

-- Every move up a tier, with its reason (the dashboard's "why did it leave the village").
CREATE TABLE escalations (
    id           UUID PRIMARY KEY,
    incident_id  UUID NOT NULL,
    from_tier    VARCHAR(16) NOT NULL,
    to_tier      VARCHAR(16) NOT NULL,
    reason       VARCHAR(40) NOT NULL,
    note         VARCHAR(1000) NULL,
    at_ms        BIGINT NOT NULL
);
CREATE INDEX ix_escalations_incident ON escalations (incident_id);
