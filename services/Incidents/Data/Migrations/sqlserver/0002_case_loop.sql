-- The full case loop: who resolved it (the verifier must be someone else), verification answers,
-- resident satisfaction, re-grading from casualty figures, county supervision, the lead department.
ALTER TABLE incidents ADD
    resolved_by            NVARCHAR(100) NULL,
    not_solved_count       INT NOT NULL DEFAULT 0,
    satisfaction           VARCHAR(24) NULL,
    supervised_at_ms       BIGINT NULL,
    lead_department_code   VARCHAR(64) NULL,
    deaths                 INT NULL,
    seriously_injured      INT NULL,
    direct_loss_yuan       BIGINT NULL,
    resolved_on_the_spot   SMALLINT NOT NULL DEFAULT 0;
