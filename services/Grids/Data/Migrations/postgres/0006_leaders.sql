-- Issue 16 item 1 (leaders and their visits, 下沉走访). A leader post comes on top of a person's role: a
-- township or county committee member and the units he is linked to (联系点), in the person's own row,
-- since his token claims them (and his security stamp covers them). Codes separated by spaces.
ALTER TABLE staff ADD COLUMN leader_post VARCHAR(32) NULL;
ALTER TABLE staff ADD COLUMN leader_units VARCHAR(700) NULL;

-- A leader's visit plan: every N days a visit to each planned unit (inside his linked units).
CREATE TABLE leader_plans (
    person_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    every_days     INT NOT NULL,
    since_ms       BIGINT NOT NULL,
    set_by         VARCHAR(100) NOT NULL
);

CREATE TABLE leader_plan_units (
    person_id      VARCHAR(64) NOT NULL,
    unit_code      VARCHAR(32) NOT NULL,
    PRIMARY KEY (person_id, unit_code)
);
CREATE INDEX ix_leader_plan_units_unit ON leader_plan_units (unit_code);

-- What a leader's visit (a row of visits, kind 'leader') recorded: whom he met, where exactly.
CREATE TABLE leader_visits (
    visit_id       UUID NOT NULL PRIMARY KEY,
    met            VARCHAR(500) NOT NULL,
    lat            DOUBLE PRECISION NULL,
    lng            DOUBLE PRECISION NULL
);

-- Each thing the visit found (seq from 0); a finding filed as a case names it (the case's id, chosen here).
CREATE TABLE leader_visit_findings (
    visit_id       UUID NOT NULL,
    seq            INT NOT NULL,
    finding        VARCHAR(4000) NOT NULL,
    incident_id    UUID NULL,
    PRIMARY KEY (visit_id, seq)
);
