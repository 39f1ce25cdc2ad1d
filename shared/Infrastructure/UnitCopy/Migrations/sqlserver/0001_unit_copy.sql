-- A local copy of Grids' unit tree, fed by UnitsUpserted. Never written by anything else.
CREATE TABLE unit_copy (
    code         VARCHAR(32) NOT NULL PRIMARY KEY,
    name         NVARCHAR(200) NOT NULL,
    level        SMALLINT NOT NULL,
    parent_code  VARCHAR(32) NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX ix_unit_copy_parent ON unit_copy (parent_code);
