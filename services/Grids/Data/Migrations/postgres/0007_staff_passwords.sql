-- The pages' own sign-in (account and password, docs/sessions.md): one row per member of staff who has a
-- password. Kept apart from staff so that no read of people ever carries a hash. The hash is ASP.NET Core
-- Identity's (PBKDF2, its own salt and iteration count inside). A password the administrator set is
-- one-time (must_change = 1) until its holder chooses his own. failed_sign_ins counts wrong passwords
-- since the last good one; locked_until_ms refuses every attempt until then. set_at_ms ends sessions
-- begun before it (a reset signs the person out everywhere).
CREATE TABLE staff_passwords (
    staff_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    hash             VARCHAR(200) NOT NULL,
    must_change      SMALLINT NOT NULL,
    set_at_ms        BIGINT NOT NULL,
    set_by           VARCHAR(100) NOT NULL,
    failed_sign_ins  INT NOT NULL,
    locked_until_ms  BIGINT NULL
);
