-- Likely duplicates and merging; village mediation sessions (乡贤评理堂).
ALTER TABLE incidents ADD COLUMN possible_duplicate_of TEXT NULL;
ALTER TABLE incidents ADD COLUMN merged_into TEXT NULL;
-- The duplicate search: same category, recent, by place.
CREATE INDEX ix_incidents_category_filed ON incidents (category, filed_at_ms);

-- Everyone who reported a case, including the reporters of cases merged into it: all of them
-- are asked whether it was solved.
CREATE TABLE incident_reporters (
    incident_id          TEXT NOT NULL,
    reporter             VARCHAR(100) NOT NULL,
    reported_at_ms       BIGINT NOT NULL,
    source_incident_id   TEXT NOT NULL,
    PRIMARY KEY (incident_id, reporter, source_incident_id)
);

CREATE TABLE mediation_sessions (
    id               TEXT NOT NULL PRIMARY KEY,
    incident_id      TEXT NOT NULL,
    mediators        VARCHAR(1000) NOT NULL,
    parties          VARCHAR(1000) NOT NULL,
    scheduled_at_ms  BIGINT NOT NULL,
    outcome          VARCHAR(16) NULL,
    agreement        VARCHAR(4000) NULL,
    created_by       VARCHAR(100) NOT NULL,
    created_at_ms    BIGINT NOT NULL,
    recorded_by      VARCHAR(100) NULL,
    recorded_at_ms   BIGINT NULL
);
CREATE INDEX ix_mediation_sessions_incident ON mediation_sessions (incident_id);
