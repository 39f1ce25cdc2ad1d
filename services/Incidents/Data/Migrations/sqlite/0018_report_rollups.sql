-- The monthly statistical report (统计报表, issue #15) reads the rollups, never the cases: how long cases waited to
-- be accepted (签收) and took to be resolved, kept as histograms (bucket: the index of the upper bound in
-- Model/Durations.cs), from which a month's median and p90 come.
-- Counted from this version on: cases accepted or resolved before it are not in the histograms.
CREATE TABLE rollup_durations_daily (
    day            INT NOT NULL,
    township_code  VARCHAR(32) NOT NULL,
    village_code   VARCHAR(32) NOT NULL,
    measure        VARCHAR(16) NOT NULL,
    bucket         SMALLINT NOT NULL,
    cases          INT NOT NULL,
    PRIMARY KEY (day, village_code, measure, bucket)
);
CREATE INDEX ix_rollup_durations_daily_township ON rollup_durations_daily (township_code, day);


-- 比学赶超: departments ranked by their cases as lead department (吹哨报到), per day and township, kept by the
-- closing's transaction; their overdue cases now come from the partial index below (few rows).
CREATE TABLE rollup_department_daily (
    day                  INT NOT NULL,
    township_code        VARCHAR(32) NOT NULL,
    department_code      VARCHAR(64) NOT NULL,
    closed               INT NOT NULL,
    closed_on_time       INT NOT NULL,
    satisfaction_answers INT NOT NULL,
    satisfied            INT NOT NULL,
    resident_answers     INT NOT NULL,
    resident_satisfied   INT NOT NULL,
    PRIMARY KEY (day, township_code, department_code)
);
CREATE INDEX ix_incidents_lead_overdue ON incidents (lead_department_code) WHERE overdue = 1 AND lead_department_code IS NOT NULL;

-- Repeat places (a courtyard with N or more cases of one category in 90 days) read the last 90 days of cases.
CREATE INDEX ix_incidents_filed ON incidents (filed_at_ms);

-- County-editable settings of the reports (key → integer), e.g. repeat-place-threshold.
CREATE TABLE report_settings (
    setting_key    VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_value  INT NOT NULL,
    updated_at_ms  BIGINT NOT NULL,
    updated_by     VARCHAR(100) NOT NULL
);
