-- Sessions their holders signed out of (docs/sessions.md): the refresh cookie's session id, kept until the
-- cookie would have expired anyway, so that a copy of the cookie taken before signing out is refused too.
-- Rows past expires_at_ms are deleted as others are added.
CREATE TABLE ended_sessions (
    session_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    staff_id       VARCHAR(64) NOT NULL,
    ended_at_ms    BIGINT NOT NULL,
    expires_at_ms  BIGINT NOT NULL
);
CREATE INDEX ix_ended_sessions_expires ON ended_sessions (expires_at_ms);
