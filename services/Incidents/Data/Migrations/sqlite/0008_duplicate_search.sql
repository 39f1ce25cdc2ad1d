-- The duplicate search on every filing (ReporterStore.CandidatesAsync) asks two things, each with an
-- index of its own. The same place: open cases of the category at this courtyard, newest first. It
-- used to walk (category, filed_at_ms) and skip every other courtyard's cases of the window, a cost
-- that grew with the county's caseload (deploy/benchmark-history.md).
CREATE INDEX ix_incidents_unit_category_filed ON incidents (unit_code, category, filed_at_ms);
-- Nearby: a band of latitude about 300 m wide, then longitude and the window checked in the index's rows.
CREATE INDEX ix_incidents_category_lat ON incidents (category, lat);
