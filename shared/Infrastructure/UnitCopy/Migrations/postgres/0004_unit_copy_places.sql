-- Issue 14 (intake by place): a hotline call is placed on its courtyard by the unit's boundary, or by an
-- address the county registered for the unit, without reading Grids' tables. Grids announces grids' and
-- courtyards' boundaries (GeoJSON MultiPolygon coordinates, WGS-84) and every unit's aliases with the unit.
ALTER TABLE unit_copy ADD COLUMN boundary_json TEXT NULL;
CREATE INDEX ix_unit_copy_box ON unit_copy (min_lat, max_lat);
-- An alias belongs to one unit in Grids; while messages overtake each other two units may claim it here
-- for a moment, and an ambiguous alias places nothing (the call waits in triage).
CREATE TABLE unit_alias_copy (
    unit_code    VARCHAR(32) NOT NULL,
    alias        VARCHAR(400) NOT NULL,
    PRIMARY KEY (unit_code, alias)
);
CREATE INDEX ix_unit_alias_copy_alias ON unit_alias_copy (alias);
-- Copies made before carried no shapes or aliases: every unit is taken again from the next announcement
-- (each service asks Grids for the whole tree when it starts).
UPDATE unit_copy SET version = 0;
