-- The unit tree (county > township > village > grid > courtyard). version grows with each change.
CREATE TABLE units (
    code         VARCHAR(32) NOT NULL PRIMARY KEY,
    name         NVARCHAR(200) NOT NULL,
    level        SMALLINT NOT NULL,
    parent_code  VARCHAR(32) NULL REFERENCES units (code),
    version      BIGINT NOT NULL
);
CREATE INDEX ix_units_level ON units (level);
CREATE INDEX ix_units_parent ON units (parent_code);

-- People on duty in a unit, in a role.
CREATE TABLE staff (
    id          VARCHAR(64) NOT NULL PRIMARY KEY,
    name        NVARCHAR(100) NOT NULL,
    role        VARCHAR(40) NOT NULL,
    unit_code   VARCHAR(32) NOT NULL REFERENCES units (code)
);
CREATE INDEX ix_staff_unit ON staff (unit_code);
