-- The full case loop: who resolved it (the verifier must be someone else), verification answers,
-- resident satisfaction, re-grading from casualty figures, county supervision, the lead department.
ALTER TABLE incidents ADD COLUMN resolved_by VARCHAR(100) NULL;
ALTER TABLE incidents ADD COLUMN not_solved_count INT NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN satisfaction VARCHAR(24) NULL;
ALTER TABLE incidents ADD COLUMN supervised_at_ms BIGINT NULL;
ALTER TABLE incidents ADD COLUMN lead_department_code VARCHAR(64) NULL;
ALTER TABLE incidents ADD COLUMN deaths INT NULL;
ALTER TABLE incidents ADD COLUMN seriously_injured INT NULL;
ALTER TABLE incidents ADD COLUMN direct_loss_yuan BIGINT NULL;
ALTER TABLE incidents ADD COLUMN resolved_on_the_spot SMALLINT NOT NULL DEFAULT 0;
