-- An Idempotency-Key belongs to its caller (issue #13): the same key sent by another account (or
-- another Open311 client system) is another filing, never the first caller's case. The hash of the
-- request the key first came with tells a retry (the same filing) from a different filing under a
-- key already used, which is refused.
DROP INDEX ux_incidents_idempotency_key;
ALTER TABLE incidents ADD COLUMN idempotency_hash CHAR(64) NULL;
CREATE UNIQUE INDEX ux_incidents_caller_idempotency_key ON incidents (reported_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
