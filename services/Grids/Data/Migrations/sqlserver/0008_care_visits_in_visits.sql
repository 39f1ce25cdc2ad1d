-- Issue 15 item 4, one visit model (docs/assessment.md): a care visit becomes a row of visits, kind 'care', a
-- single moment (started and ended at the visit's time, no track) at the subject's courtyard, with what only a
-- care visit has beside it. care_visits is copied here with the same ids, so the 'care-visit' links of
-- visit_links still name them; it is no longer written or read, and is dropped one release later.
ALTER TABLE visits ADD subject_id UNIQUEIDENTIFIER NULL;
ALTER TABLE visits ADD findings NVARCHAR(4000) NULL;
ALTER TABLE visits ADD incident_id UNIQUEIDENTIFIER NULL;
ALTER TABLE visits ADD recorded_by NVARCHAR(100) NULL;
ALTER TABLE visits ADD recorded_at_ms BIGINT NULL;
-- Who ended a visit: its person, or 'system:patrol-idle-end' for a patrol forgotten open, ended at its last
-- sign of life (docs/assessment.md, "A patrol forgotten open"). Visits ended before this column, by their person.
ALTER TABLE visits ADD ended_by VARCHAR(100) NULL;
GO
CREATE INDEX ix_visits_subject ON visits (subject_id, started_at_ms);

UPDATE visits SET ended_by = person_id WHERE ended_at_ms IS NOT NULL;

INSERT INTO visits (id, kind, person_id, unit_code, started_at_ms, ended_at_ms, point_count, last_point_at_ms, version,
                    subject_id, findings, incident_id, recorded_by, recorded_at_ms, ended_by)
SELECT c.id, 'care', c.visited_by, s.courtyard_code, c.visited_at_ms, c.visited_at_ms, 0, NULL, 1,
       c.subject_id, c.findings, c.incident_id, c.recorded_by, c.recorded_at_ms, c.visited_by
FROM care_visits c JOIN care_subjects s ON s.id = c.subject_id;
