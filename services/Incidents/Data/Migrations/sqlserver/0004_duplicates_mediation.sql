-- Likely duplicates and merging; village mediation sessions (乡贤评理堂).
ALTER TABLE incidents ADD possible_duplicate_of UNIQUEIDENTIFIER NULL, merged_into UNIQUEIDENTIFIER NULL;
GO
-- The duplicate search: same category, recent, by place.
CREATE INDEX ix_incidents_category_filed ON incidents (category, filed_at_ms);

-- Everyone who reported a case, including the reporters of cases merged into it: all of them
-- are asked whether it was solved.
CREATE TABLE incident_reporters (
    incident_id          UNIQUEIDENTIFIER NOT NULL,
    reporter             NVARCHAR(100) NOT NULL,
    reported_at_ms       BIGINT NOT NULL,
    source_incident_id   UNIQUEIDENTIFIER NOT NULL,
    PRIMARY KEY (incident_id, reporter, source_incident_id)
);

CREATE TABLE mediation_sessions (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    incident_id      UNIQUEIDENTIFIER NOT NULL,
    mediators        NVARCHAR(1000) NOT NULL,
    parties          NVARCHAR(1000) NOT NULL,
    scheduled_at_ms  BIGINT NOT NULL,
    outcome          VARCHAR(16) NULL,
    agreement        NVARCHAR(4000) NULL,
    created_by       NVARCHAR(100) NOT NULL,
    created_at_ms    BIGINT NOT NULL,
    recorded_by      NVARCHAR(100) NULL,
    recorded_at_ms   BIGINT NULL
);
CREATE INDEX ix_mediation_sessions_incident ON mediation_sessions (incident_id);
