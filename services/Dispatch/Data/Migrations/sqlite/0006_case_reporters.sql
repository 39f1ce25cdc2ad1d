-- Who reported each case (from IncidentFiled, and the reporters of duplicates merged into it): the
-- permission model's "reporter" relation, so a reporter who may read a case is told 403, not 404,
-- when he tries a Dispatch action that is not his (issue #11).
CREATE TABLE case_reporters (
    incident_id  TEXT NOT NULL,
    reporter     VARCHAR(100) NOT NULL,
    PRIMARY KEY (incident_id, reporter)
);
