-- 010_import_checks.sql (SQLite) — as PostgreSQL's 010: the rows an
-- import writes are written once, and no index the store does not use.
--
-- headings, tasks, mentions and links are written once by an import and
-- never changed; an item's report, task and mention are set by its import.
-- (SQLite keeps its foreign keys, checked in-process and cheaply;
-- PostgreSQL's 010 checks these references once per statement instead.)
CREATE TRIGGER headings_no_update BEFORE UPDATE ON headings
BEGIN SELECT RAISE(ABORT, 'the rows of headings are written once by an import and never changed'); END;
CREATE TRIGGER headings_no_delete BEFORE DELETE ON headings
BEGIN SELECT RAISE(ABORT, 'the rows of headings are written once by an import and never changed'); END;
CREATE TRIGGER tasks_no_update BEFORE UPDATE ON tasks
BEGIN SELECT RAISE(ABORT, 'the rows of tasks are written once by an import and never changed'); END;
CREATE TRIGGER tasks_no_delete BEFORE DELETE ON tasks
BEGIN SELECT RAISE(ABORT, 'the rows of tasks are written once by an import and never changed'); END;
CREATE TRIGGER mentions_no_update BEFORE UPDATE ON mentions
BEGIN SELECT RAISE(ABORT, 'the rows of mentions are written once by an import and never changed'); END;
CREATE TRIGGER mentions_no_delete BEFORE DELETE ON mentions
BEGIN SELECT RAISE(ABORT, 'the rows of mentions are written once by an import and never changed'); END;
CREATE TRIGGER links_no_update BEFORE UPDATE ON links
BEGIN SELECT RAISE(ABORT, 'the rows of links are written once by an import and never changed'); END;
CREATE TRIGGER links_no_delete BEFORE DELETE ON links
BEGIN SELECT RAISE(ABORT, 'the rows of links are written once by an import and never changed'); END;
CREATE TRIGGER items_origin_fixed BEFORE UPDATE OF report_id, task_id, mention_id ON items
BEGIN SELECT RAISE(ABORT, 'an item''s report, task and mention are set by its import and never changed'); END;

-- Indexes: tasks_report, items_report and reports_government_year are the
-- leading columns of a UNIQUE constraint's index of the same table, which
-- serves the same lookups: dropped. So is mentions_report (report_id,
-- kind): UNIQUE (report_id, seq) finds a report's mentions, and a report
-- has a few hundred. items_lead holds only the rows that have a lead unit
-- (an import's rows have none yet; "lead_unit_id = ?" implies it).
DROP INDEX IF EXISTS tasks_report;
DROP INDEX IF EXISTS items_report;
DROP INDEX IF EXISTS reports_government_year;
DROP INDEX IF EXISTS mentions_report;
DROP INDEX IF EXISTS items_lead;
CREATE INDEX items_lead ON items(lead_unit_id) WHERE lead_unit_id IS NOT NULL;
