-- An approved request to move a case up (提请上级 → 同意) hands the case to the tier above at once in the
-- permission model: the requester may no longer resolve it while Dispatch moves it (issue #11, found trying it
-- from outside). The row stays until the case has moved; a request from a tier the case has left is void.
ALTER TABLE move_up_requests ADD approved_by NVARCHAR(100) NULL, approved_at_ms BIGINT NULL;
