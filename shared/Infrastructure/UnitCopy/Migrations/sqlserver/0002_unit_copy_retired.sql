-- A retired unit (merged grid, demolished courtyard) stays in the copy, so old cases still find
-- their place, but no new case may be filed there.
ALTER TABLE unit_copy ADD retired SMALLINT NOT NULL CONSTRAINT df_unit_copy_retired DEFAULT 0;
