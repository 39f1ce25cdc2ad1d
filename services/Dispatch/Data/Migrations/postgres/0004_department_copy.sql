-- A copy of Grids' departments (township teams, county bureaus) and the categories they handle,
-- fed by DepartmentsUpserted: so Dispatch can hand a case to the right office without asking Grids.
CREATE TABLE department_copy (
    id           VARCHAR(64) NOT NULL PRIMARY KEY,
    unit_code    VARCHAR(32) NOT NULL,
    name_zh      VARCHAR(200) NOT NULL,
    categories   VARCHAR(400) NOT NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX ix_department_copy_unit ON department_copy (unit_code);
