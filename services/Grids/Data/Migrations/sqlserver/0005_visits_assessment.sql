-- Issue 15 (patrol log, assessment). One visit model for a person going out in his units: patrols
-- (巡查/走访) now; care visits and leaders' visits are to move onto it (docs/assessment.md, "One visit
-- model"). A visit has a track of points and links to what was done during it (care visits, cases).
CREATE TABLE visits (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    kind               VARCHAR(16) NOT NULL,
    person_id          VARCHAR(100) NOT NULL,
    unit_code          VARCHAR(32) NOT NULL,
    started_at_ms      BIGINT NOT NULL,
    ended_at_ms        BIGINT NULL,
    point_count        INT NOT NULL,
    last_point_at_ms   BIGINT NULL,
    version            BIGINT NOT NULL
);
CREATE INDEX ix_visits_person ON visits (person_id, started_at_ms);
CREATE INDEX ix_visits_unit ON visits (unit_code, started_at_ms);

CREATE TABLE visit_points (
    visit_id   UNIQUEIDENTIFIER NOT NULL,
    seq        INT NOT NULL,
    at_ms      BIGINT NOT NULL,
    lat        FLOAT NOT NULL,
    lng        FLOAT NOT NULL,
    PRIMARY KEY (visit_id, seq)
);

-- What was done during a visit: 'care-visit' (care_visits.id) or 'case' (an incident's id).
CREATE TABLE visit_links (
    visit_id   UNIQUEIDENTIFIER NOT NULL,
    link_kind  VARCHAR(16) NOT NULL,
    link_id    UNIQUEIDENTIFIER NOT NULL,
    at_ms      BIGINT NOT NULL,
    PRIMARY KEY (visit_id, link_kind, link_id)
);

-- The county's assessment weights (考核权重): one row, id 1, changed by the county administrator.
CREATE TABLE assessment_weights (
    id                  INT NOT NULL PRIMARY KEY,
    patrol_day          INT NOT NULL,
    care_visit_on_time  INT NOT NULL,
    case_found          INT NOT NULL,
    settled_on_spot     INT NOT NULL,
    resolved_on_time    INT NOT NULL,
    satisfied           INT NOT NULL,
    dissatisfied        INT NOT NULL,
    missed_deadline     INT NOT NULL,
    changed_by          NVARCHAR(100) NOT NULL,
    changed_at_ms       BIGINT NOT NULL,
    version             BIGINT NOT NULL
);

-- What Grids has heard of a case (Incidents' and Dispatch's events): who filed and resolved it, its
-- holder and its deadline now. Only what scoring needs; the case itself stays in Incidents.
CREATE TABLE assessment_cases (
    incident_id         UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    filed_by            NVARCHAR(200) NULL,
    handling_unit_code  VARCHAR(32) NULL,
    due_at_ms           BIGINT NULL,
    sequence            INT NOT NULL,
    resolved_by         NVARCHAR(200) NULL
);

-- Monthly rollups (China-local months, 'yyyy-MM'): a counter per person or unit and metric.
CREATE TABLE assessment_months (
    month_key     CHAR(7) NOT NULL,
    subject_kind  VARCHAR(8) NOT NULL,
    subject       NVARCHAR(200) NOT NULL,
    metric        VARCHAR(32) NOT NULL,
    value         INT NOT NULL,
    PRIMARY KEY (month_key, subject_kind, subject, metric)
);
