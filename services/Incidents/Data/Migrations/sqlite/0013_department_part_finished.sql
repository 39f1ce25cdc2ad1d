-- A co-handler that finished its part (完成) still reads the case but has no part left to work on:
-- allowedActions no longer offers it 报到/反馈 (issue #11, found trying it from outside).
ALTER TABLE incident_departments ADD COLUMN finished SMALLINT NOT NULL DEFAULT 0;
