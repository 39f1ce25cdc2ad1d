-- Issue 14 (intake by place): addresses the county registers for a unit (a hotline's address_string is
-- placed on the unit only when it matches one exactly, after white space is normalised). An alias belongs
-- to one unit: stored normalised, it is the key. Announced with the unit (UnitRecord.Aliases).
CREATE TABLE unit_aliases (
    alias        NVARCHAR(400) NOT NULL PRIMARY KEY,
    unit_code    VARCHAR(32) NOT NULL,
    added_by     VARCHAR(100) NOT NULL,
    added_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_unit_aliases_unit ON unit_aliases (unit_code);
