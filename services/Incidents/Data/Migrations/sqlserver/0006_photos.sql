-- Photos of a case, taken on the spot by the grid worker (issue #5). Kept in the database itself,
-- not on a local disk: every Incidents instance reads the same photos, and a database backup holds
-- them with their case. Content is checked by its first bytes (JPEG, PNG, WebP) before it is stored;
-- content_type is what was found there, not what the client claimed.
CREATE TABLE incident_photos (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    incident_id     UNIQUEIDENTIFIER NOT NULL,
    content_type    VARCHAR(32) NOT NULL,
    bytes           VARBINARY(MAX) NOT NULL,
    size            BIGINT NOT NULL,
    sha256          CHAR(64) NOT NULL,
    uploaded_by     NVARCHAR(100) NOT NULL,
    uploaded_at_ms  BIGINT NOT NULL
);
-- The same picture sent twice for a case (a retry after a lost answer) is one photo.
CREATE UNIQUE INDEX ux_incident_photos_sha256 ON incident_photos (incident_id, sha256);
CREATE INDEX ix_incident_photos_incident ON incident_photos (incident_id, uploaded_at_ms);
