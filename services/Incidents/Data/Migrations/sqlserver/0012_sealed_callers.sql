-- The caller's name, phone and e-mail sealed together (AES-256-GCM, PersonalDataSealer; issue #14):
-- shown only to the holder of an open case, each reading audited. New requests leave the plain columns
-- empty; rows filed before this migration keep theirs until re-sealed (deploy/README.md). The masked
-- contact ("张**", "138****0000") is what everyone else who reads the case sees: kept beside it, plain.
ALTER TABLE open311_requests ADD caller_sealed NVARCHAR(2000) NULL;
ALTER TABLE open311_requests ADD caller_masked NVARCHAR(600) NULL;
