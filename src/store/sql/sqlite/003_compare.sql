-- 003_compare.sql — metric aliases for comparing reports (docs/linking.md):
-- the office says that two names measure one thing (原煤产量 = 煤炭产量), and
-- the correction is kept in the store, with the change log as for any write.
-- An index for reading one government's reports by year.

CREATE TABLE metric_aliases (
    alias       TEXT PRIMARY KEY,
    canonical   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE INDEX reports_government_year ON reports(government_id, year, version);
CREATE INDEX mentions_report ON mentions(report_id, kind);
