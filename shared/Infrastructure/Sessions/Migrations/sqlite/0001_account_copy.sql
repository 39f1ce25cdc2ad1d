-- A local copy of which accounts may still use their tokens, fed by AccountAccessChanged from Grids.
-- Never written by anything else. An account without a row is accepted (the copy fills as messages arrive).
CREATE TABLE account_copy (
    account_id   VARCHAR(100) PRIMARY KEY,
    stamp        VARCHAR(64) NOT NULL,
    left_service SMALLINT NOT NULL,
    version      BIGINT NOT NULL
);
