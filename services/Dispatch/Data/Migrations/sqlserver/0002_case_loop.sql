-- The case loop on Dispatch's side: acknowledgement and yellow-card clocks, county supervision,
-- the lead department and co-handlers (吹哨报到), and the working-day calendar.
ALTER TABLE assignments ADD started_at_ms BIGINT NULL, ack_due_at_ms BIGINT NULL, yellow_at_ms BIGINT NULL, yellow_warned_at_ms BIGINT NULL, supervised_at_ms BIGINT NULL, lead_department_code VARCHAR(64) NULL;
-- New columns are visible to later statements only in a later batch.
GO

-- The sweeper's other two claims: unacknowledged cases, and clocks due a yellow card.
CREATE INDEX ix_assignments_ack_due ON assignments (ack_due_at_ms) WHERE status = 'active' AND accepted_at_ms IS NULL;
CREATE INDEX ix_assignments_yellow ON assignments (yellow_at_ms) WHERE status = 'active' AND yellow_warned_at_ms IS NULL;

-- Departments called in on a case besides the lead, each with its own deadline.
CREATE TABLE co_handlers (
    incident_id       UNIQUEIDENTIFIER NOT NULL,
    department_code   VARCHAR(64) NOT NULL,
    due_at_ms         BIGINT NOT NULL,
    assigned_at_ms    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, department_code)
);

-- Public holidays and make-up working days (调休) per year, as the State Council announces them.
CREATE TABLE calendar_years (
    year            INT NOT NULL PRIMARY KEY,
    document        NVARCHAR(MAX) NOT NULL,
    updated_at_ms   BIGINT NOT NULL,
    updated_by      NVARCHAR(100) NOT NULL
);
