-- Issue 3: a unit's history and retirement, duty periods, departments, care subjects and visits,
-- boundaries. Times are Unix milliseconds.

-- A retired unit (merged grid, demolished courtyard) stays readable: old cases point at it.
ALTER TABLE units ADD COLUMN retired_at_ms BIGINT NULL;

-- What changed in a unit, from what to what, who and when (re-gridding is audited).
CREATE TABLE unit_history (
    id             UUID PRIMARY KEY,
    unit_code      VARCHAR(32) NOT NULL REFERENCES units (code),
    version        BIGINT NOT NULL,
    change         VARCHAR(20) NOT NULL,
    from_value     VARCHAR(400) NULL,
    to_value       VARCHAR(400) NULL,
    changed_by     VARCHAR(100) NOT NULL,
    changed_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_unit_history_unit ON unit_history (unit_code, changed_at_ms);

-- Personal identifiers in their own columns, so that issue 6 can mask them on the way out.
ALTER TABLE staff ADD COLUMN phone VARCHAR(32) NULL;
ALTER TABLE staff ADD COLUMN id_number VARCHAR(32) NULL;
ALTER TABLE staff ADD COLUMN department_id UUID NULL;
ALTER TABLE staff ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN left_at_ms BIGINT NULL;
-- The first demo's "grid-worker" is the full-time grid worker (专职网格员).
UPDATE staff SET role = 'grid-worker-full-time' WHERE role = 'grid-worker';

-- Who was on duty where, in which role, from when until when (until NULL: still on duty).
CREATE TABLE duty_assignments (
    id             UUID PRIMARY KEY,
    staff_id       VARCHAR(64) NOT NULL REFERENCES staff (id),
    unit_code      VARCHAR(32) NOT NULL REFERENCES units (code),
    role           VARCHAR(40) NOT NULL,
    from_ms        BIGINT NOT NULL,
    until_ms       BIGINT NULL,
    created_by     VARCHAR(100) NOT NULL,
    created_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_duty_assignments_unit ON duty_assignments (unit_code, from_ms);
CREATE INDEX ix_duty_assignments_staff ON duty_assignments (staff_id);
-- Staff registered before duty periods existed have been on duty since records began.
INSERT INTO duty_assignments (id, staff_id, unit_code, role, from_ms, until_ms, created_by, created_at_ms)
SELECT gen_random_uuid(), id, unit_code, role, 0, NULL, 'migration', 0 FROM staff;

-- Township teams and county bureaus (综合执法, 派出所, 司法所 …) and the categories they handle.
CREATE TABLE departments (
    id             UUID PRIMARY KEY,
    unit_code      VARCHAR(32) NOT NULL REFERENCES units (code),
    name_zh        VARCHAR(100) NOT NULL,
    name_en        VARCHAR(200) NOT NULL,
    version        BIGINT NOT NULL,
    created_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_departments_unit ON departments (unit_code);
CREATE TABLE department_categories (
    department_id  UUID NOT NULL REFERENCES departments (id),
    category       VARCHAR(32) NOT NULL,
    PRIMARY KEY (department_id, category)
);
CREATE INDEX ix_department_categories_category ON department_categories (category);

-- People who need regular visits (独居老人, 留守儿童 …). visit_due_at_ms is the last visit (or the
-- registration) plus the frequency, kept current so that "overdue" is an indexed comparison.
CREATE TABLE care_subjects (
    id                UUID PRIMARY KEY,
    kind              VARCHAR(40) NOT NULL,
    name              VARCHAR(100) NOT NULL,
    id_number         VARCHAR(32) NULL,
    phone             VARCHAR(32) NULL,
    courtyard_code    VARCHAR(32) NOT NULL REFERENCES units (code),
    grid_worker_id    VARCHAR(64) NOT NULL REFERENCES staff (id),
    visit_every_days  INT NOT NULL,
    notes             VARCHAR(1000) NULL,
    registered_at_ms  BIGINT NOT NULL,
    registered_by     VARCHAR(100) NOT NULL,
    last_visit_at_ms  BIGINT NULL,
    visit_due_at_ms   BIGINT NOT NULL,
    version           BIGINT NOT NULL
);
CREATE INDEX ix_care_subjects_worker_due ON care_subjects (grid_worker_id, visit_due_at_ms);
CREATE INDEX ix_care_subjects_courtyard ON care_subjects (courtyard_code);

CREATE TABLE care_visits (
    id              UUID PRIMARY KEY,
    subject_id      UUID NOT NULL REFERENCES care_subjects (id),
    visited_by      VARCHAR(100) NOT NULL,
    visited_at_ms   BIGINT NOT NULL,
    findings        VARCHAR(4000) NOT NULL,
    incident_id     UUID NULL,
    recorded_by     VARCHAR(100) NOT NULL,
    recorded_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_care_visits_subject ON care_visits (subject_id, visited_at_ms);

-- A unit's boundary: GeoJSON MultiPolygon coordinates as text, and its bounding box for an
-- indexed prefilter (the exact point-in-polygon test runs in code).
CREATE TABLE unit_boundaries (
    unit_code      VARCHAR(32) PRIMARY KEY REFERENCES units (code),
    geometry_json  TEXT NOT NULL,
    min_lat        DOUBLE PRECISION NOT NULL,
    min_lng        DOUBLE PRECISION NOT NULL,
    max_lat        DOUBLE PRECISION NOT NULL,
    max_lng        DOUBLE PRECISION NOT NULL,
    updated_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_unit_boundaries_box ON unit_boundaries (min_lat, max_lat, min_lng, max_lng);
