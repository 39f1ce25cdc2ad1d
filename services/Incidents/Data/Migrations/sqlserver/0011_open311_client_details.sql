-- Open311's GET requests show the public fields only (issue #13); a client system whose key may read
-- details (set by the county administrator) sees requests whole.
ALTER TABLE open311_clients ADD may_read_details SMALLINT NOT NULL CONSTRAINT df_open311_clients_may_read_details DEFAULT 0;
