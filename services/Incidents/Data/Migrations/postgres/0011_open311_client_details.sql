-- Open311's GET requests show the public fields only (issue #13); a client system whose key may read
-- details (set by the county administrator) sees requests whole.
ALTER TABLE open311_clients ADD COLUMN may_read_details SMALLINT NOT NULL DEFAULT 0;
