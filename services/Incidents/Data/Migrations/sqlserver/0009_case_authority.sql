-- What the permission model needs of a case beyond its row (issue #11).
-- Departments called in (吹哨报到): the lead and every co-handler, so a department handler whose
-- department was called in relates to the case ("department") and one whose was not does not.
CREATE TABLE incident_departments (
    incident_id      UNIQUEIDENTIFIER NOT NULL,
    department_code  VARCHAR(64) NOT NULL,
    is_lead          SMALLINT NOT NULL,
    PRIMARY KEY (incident_id, department_code)
);
CREATE INDEX ix_incident_departments_department ON incident_departments (department_code, incident_id);
-- A holder's request to move the case up (提请上级), waiting for the tier above to accept or decline it.
-- One open request per case; deciding it, or any move of the case, ends it.
CREATE TABLE move_up_requests (
    incident_id      UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    requested_by     NVARCHAR(100) NOT NULL,
    reason           NVARCHAR(1000) NOT NULL,
    tier             SMALLINT NOT NULL,
    unit_code        VARCHAR(32) NOT NULL,
    requested_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_move_up_requests_unit ON move_up_requests (unit_code);
