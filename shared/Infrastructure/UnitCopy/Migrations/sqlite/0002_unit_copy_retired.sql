-- A retired unit (merged grid, demolished courtyard) stays in the copy, so old cases still find
-- their place, but no new case may be filed there.
ALTER TABLE unit_copy ADD COLUMN retired SMALLINT NOT NULL DEFAULT 0;
