-- A probe table for the checksum tests (Migrations/MigrationChecksumTests).
CREATE TABLE probe_notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(100) NOT NULL);
