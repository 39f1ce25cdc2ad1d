-- The dashboard's read model: kept current by the same transactions that change cases, so the
-- county's figures never scan the cases themselves. overdue: past the deadline on its current
-- tier; ever_overdue: missed any deadline (so it was not closed on time, whatever came after).
ALTER TABLE incidents ADD COLUMN grid_code VARCHAR(32) NULL;
ALTER TABLE incidents ADD COLUMN village_code VARCHAR(32) NULL;
ALTER TABLE incidents ADD COLUMN township_code VARCHAR(32) NULL;
ALTER TABLE incidents ADD COLUMN overdue SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN ever_overdue SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN resolved_at_ms BIGINT NULL;

-- Per China-local day, village and category: what was filed and closed, and how.
CREATE TABLE rollup_village_daily (
    day                  INT NOT NULL,
    township_code        VARCHAR(32) NOT NULL,
    village_code         VARCHAR(32) NOT NULL,
    category             VARCHAR(32) NOT NULL,
    filed                INT NOT NULL,
    closed               INT NOT NULL,
    closed_in_village    INT NOT NULL,
    closed_in_township   INT NOT NULL,
    closed_on_time       INT NOT NULL,
    satisfaction_answers INT NOT NULL,
    satisfied            INT NOT NULL,
    PRIMARY KEY (day, township_code, village_code, category)
);
CREATE INDEX ix_rollup_village_daily_village ON rollup_village_daily (village_code, day);
CREATE INDEX ix_rollup_village_daily_township ON rollup_village_daily (township_code, day);

-- Per day and grid: cases filed (the hot-spot map).
CREATE TABLE rollup_grid_daily (
    day            INT NOT NULL,
    township_code  VARCHAR(32) NOT NULL,
    village_code   VARCHAR(32) NOT NULL,
    grid_code      VARCHAR(32) NOT NULL,
    filed          INT NOT NULL,
    PRIMARY KEY (day, grid_code)
);
CREATE INDEX ix_rollup_grid_daily_village ON rollup_grid_daily (village_code, day);

-- Per day, village, reason and tier left: why cases left their tier.
CREATE TABLE rollup_escalations_daily (
    day            INT NOT NULL,
    township_code  VARCHAR(32) NOT NULL,
    village_code   VARCHAR(32) NOT NULL,
    reason         VARCHAR(40) NOT NULL,
    from_tier      VARCHAR(16) NOT NULL,
    escalations    INT NOT NULL,
    PRIMARY KEY (day, village_code, reason, from_tier)
);

-- Open and overdue cases now, per village and tier.
CREATE TABLE open_counters (
    township_code  VARCHAR(32) NOT NULL,
    village_code   VARCHAR(32) NOT NULL,
    tier           VARCHAR(16) NOT NULL,
    open_cases     INT NOT NULL,
    overdue_cases  INT NOT NULL,
    PRIMARY KEY (village_code, tier)
);
