-- The box of each unit's boundary (WGS-84), as Grids announces it: a filing's location is checked
-- against its unit without reading Grids' shapes. NULL while the unit has no boundary.
ALTER TABLE unit_copy ADD COLUMN min_lat REAL NULL;
ALTER TABLE unit_copy ADD COLUMN min_lng REAL NULL;
ALTER TABLE unit_copy ADD COLUMN max_lat REAL NULL;
ALTER TABLE unit_copy ADD COLUMN max_lng REAL NULL;
-- Copies made before carried no boxes: every unit is taken again from the next announcement (each
-- service asks Grids for the whole tree when it starts).
UPDATE unit_copy SET version = 0;
