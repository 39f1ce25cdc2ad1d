-- 包案 (issue #16): a leader linked to the place (联系点), or a county supervisor, takes a case in hand. One leader per
-- case; the row stays after the case closes, so his queue and the dashboard can tell how his cases ended.
-- A case in hand that is verified solved waits for his sign-off (status 'verified') before it closes.
-- township_code/village_code: where the case was filed (incidents' ancestry), for the dashboard's counts.
-- verified_by: who verified it (a resident's 回访 or staff), so the closing at the sign-off counts satisfaction as before.
CREATE TABLE cases_in_hand (
    incident_id       UUID NOT NULL PRIMARY KEY,
    leader            VARCHAR(100) NOT NULL,
    taken_at_ms       BIGINT NOT NULL,
    instructions      VARCHAR(1000) NULL,
    township_code     VARCHAR(32) NULL,
    village_code      VARCHAR(32) NULL,
    verified_by       VARCHAR(100) NULL,
    signed_off_at_ms  BIGINT NULL
);
CREATE INDEX ix_cases_in_hand_leader ON cases_in_hand (leader, taken_at_ms);
CREATE INDEX ix_cases_in_hand_township ON cases_in_hand (township_code, village_code);
