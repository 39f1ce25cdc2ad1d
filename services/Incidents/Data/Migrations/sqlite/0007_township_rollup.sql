-- Per China-local day, township and category: the village rollup summed over the township's villages,
-- kept by the same transactions. At county size the village rollup holds almost a row per case, so
-- the county's and the townships' figures read this one instead: a month is at most
-- 30 days × townships × categories rows, however many cases lie behind it.
CREATE TABLE rollup_township_daily (
    day                  INT NOT NULL,
    township_code        VARCHAR(32) NOT NULL,
    category             VARCHAR(32) NOT NULL,
    filed                INT NOT NULL,
    closed               INT NOT NULL,
    closed_in_village    INT NOT NULL,
    closed_in_township   INT NOT NULL,
    closed_on_time       INT NOT NULL,
    satisfaction_answers INT NOT NULL,
    satisfied            INT NOT NULL,
    PRIMARY KEY (day, township_code, category)
);
CREATE INDEX ix_rollup_township_daily_township ON rollup_township_daily (township_code, day);

-- What the cases counted so far add up to, so an upgraded database answers the same as before.
INSERT INTO rollup_township_daily (day, township_code, category, filed, closed, closed_in_village, closed_in_township,
    closed_on_time, satisfaction_answers, satisfied)
SELECT day, township_code, category, SUM(filed), SUM(closed), SUM(closed_in_village), SUM(closed_in_township),
    SUM(closed_on_time), SUM(satisfaction_answers), SUM(satisfied)
FROM rollup_village_daily
GROUP BY day, township_code, category;
