-- onMissedDeadline, the person behind every step, grade I/II shown above, 催办, and departments'
-- own part (报到, feedback). See docs/deadlines.md.

-- Who moved a case (a person's id or system:<job>); NULL on moves recorded before this.
ALTER TABLE escalations ADD actor NVARCHAR(100) NULL;

-- Every step Dispatch took on a case, with who took it: the assignment's history.
CREATE TABLE assignment_history (
    id           UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    incident_id  UNIQUEIDENTIFIER NOT NULL,
    at_ms        BIGINT NOT NULL,
    actor        NVARCHAR(100) NOT NULL,
    action       VARCHAR(40) NOT NULL,
    tier         VARCHAR(16) NULL,
    unit_code    VARCHAR(64) NULL,
    note         NVARCHAR(1000) NULL
);
CREATE INDEX ix_assignment_history_incident ON assignment_history (incident_id, at_ms);

-- What a unit's board shows about a case besides holding it: notified-above (grade I/II),
-- urge-prompt (yellow, policy supervise), overdue-flag (超期预警), urged (催办, on the holder's board).
-- sequence: the assignment the note belongs to; all but notified-above lapse when the case moves.
CREATE TABLE board_notes (
    id           UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    incident_id  UNIQUEIDENTIFIER NOT NULL,
    unit_code    VARCHAR(32) NOT NULL,
    tier         VARCHAR(16) NOT NULL,
    kind         VARCHAR(24) NOT NULL,
    sequence     INT NOT NULL,
    actor        NVARCHAR(100) NOT NULL,
    note         NVARCHAR(1000) NULL,
    at_ms        BIGINT NOT NULL
);
CREATE INDEX ix_board_notes_unit ON board_notes (unit_code, incident_id);
CREATE INDEX ix_board_notes_incident ON board_notes (incident_id);

-- A department's part in a case: the lead has a row too now; its check-in, feedback and finish.
ALTER TABLE co_handlers ADD role VARCHAR(16) NOT NULL CONSTRAINT df_co_handlers_role DEFAULT 'co-handler',
    checked_in_at_ms BIGINT NULL, checked_in_by NVARCHAR(100) NULL, last_feedback_at_ms BIGINT NULL,
    feedback_count INT NOT NULL CONSTRAINT df_co_handlers_feedback_count DEFAULT 0, finished_at_ms BIGINT NULL, finished_by NVARCHAR(100) NULL;
ALTER TABLE department_copy ADD retired SMALLINT NOT NULL CONSTRAINT df_department_copy_retired DEFAULT 0;
-- New columns are visible to later statements only in a later batch.
GO

CREATE INDEX ix_co_handlers_department ON co_handlers (department_code, finished_at_ms);
-- Co-handlers of a case that has since moved belong to the unit it left (its lead was cleared then).
DELETE FROM co_handlers WHERE incident_id IN (SELECT incident_id FROM assignments WHERE lead_department_code IS NULL);
INSERT INTO co_handlers (incident_id, department_code, due_at_ms, assigned_at_ms, role)
SELECT a.incident_id, a.lead_department_code, a.due_at_ms, a.updated_at_ms, 'lead' FROM assignments a
WHERE a.lead_department_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM co_handlers c WHERE c.incident_id = a.incident_id AND c.department_code = a.lead_department_code);
