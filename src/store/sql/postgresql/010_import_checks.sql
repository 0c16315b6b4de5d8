-- 010_import_checks.sql (PostgreSQL) — an import's rows checked once per
-- statement, not once per row, and no index the store does not use.
--
-- The references of the rows an import writes (headings, tasks, mentions,
-- links and the origin of items: about 800 rows a report) were FOREIGN
-- KEYs, which run one query for each row inserted: half of an import's
-- time on the server. These rows are written once, by an import, and
-- their references never change, so one query over the rows a statement
-- added (its transition table) proves the same, and the guards below keep
-- what a FOREIGN KEY also keeps: no row of headings, tasks, mentions or
-- links changes or goes, no item changes its origin (report, task,
-- mention), and no report they refer to goes or changes its id. All
-- writers hold the writer lock (pg.c), so nothing deletes a row between
-- an insert and its check. SQLite keeps its foreign keys: its checks are
-- in-process and cheap (its 010 drops only the indexes).
--
-- Indexes: tasks_report, items_report and reports_government_year are the
-- leading columns of a UNIQUE constraint's index of the same table, which
-- serves the same lookups: dropped. So is mentions_report (report_id,
-- kind): UNIQUE (report_id, seq) finds a report's mentions, and a report
-- has a few hundred. items_lead holds only the rows that have a lead unit
-- (an import's rows have none yet; "lead_unit_id = ?" implies it).

ALTER TABLE headings DROP CONSTRAINT headings_report_id_fkey,
                     DROP CONSTRAINT headings_parent_id_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_report_id_fkey,
                  DROP CONSTRAINT tasks_heading_id_fkey;
ALTER TABLE mentions DROP CONSTRAINT mentions_report_id_fkey,
                     DROP CONSTRAINT mentions_task_id_fkey;
ALTER TABLE links DROP CONSTRAINT links_report_id_fkey,
                  DROP CONSTRAINT links_target_id_fkey,
                  DROP CONSTRAINT links_baseline_id_fkey;
ALTER TABLE items DROP CONSTRAINT items_report_id_fkey,
                  DROP CONSTRAINT items_task_id_fkey,
                  DROP CONSTRAINT items_mention_id_fkey;

DROP INDEX tasks_report;
DROP INDEX items_report;
DROP INDEX reports_government_year;
DROP INDEX mentions_report;
DROP INDEX items_lead;
CREATE INDEX items_lead ON items(lead_unit_id) WHERE lead_unit_id IS NOT NULL;

-- Each check probes the primary key of the table referred to once per
-- distinct value of the new rows (all rows of an import name one report):
-- a nested loop over the index. The planner, not knowing how many rows a
-- transition table holds, would otherwise hash the whole table referred
-- to, a cost that grows with the store instead of the import.

-- One function a table, alike but for the names: static SQL is planned
-- once per connection, where one function taking the names (EXECUTE
-- format(…)) was planned at every statement: measured, a quarter more of
-- the server's time per import (2.3 ms a report).

-- Raised when a statement's rows refer to a row that does not exist.
CREATE FUNCTION luoshi_missing_reference(what text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING MESSAGE = what || ' refers to a row that does not exist';
END
$$;

CREATE FUNCTION luoshi_check_headings() RETURNS trigger
LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id FROM new_rows WHERE report_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT parent_id FROM new_rows WHERE parent_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM headings h WHERE h.id = n.parent_id)) THEN
        PERFORM luoshi_missing_reference('a heading');
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION luoshi_check_tasks() RETURNS trigger
LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id FROM new_rows WHERE report_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT heading_id FROM new_rows WHERE heading_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM headings h WHERE h.id = n.heading_id)) THEN
        PERFORM luoshi_missing_reference('a task');
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION luoshi_check_mentions() RETURNS trigger
LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id FROM new_rows WHERE report_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT task_id FROM new_rows WHERE task_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = n.task_id)) THEN
        PERFORM luoshi_missing_reference('a mention');
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION luoshi_check_links() RETURNS trigger
LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id FROM new_rows WHERE report_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT target_id FROM new_rows WHERE target_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = n.target_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT baseline_id FROM new_rows WHERE baseline_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = n.baseline_id)) THEN
        PERFORM luoshi_missing_reference('a link');
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION luoshi_check_items() RETURNS trigger
LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id FROM new_rows WHERE report_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT task_id FROM new_rows WHERE task_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = n.task_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT mention_id FROM new_rows WHERE mention_id IS NOT NULL) n
               WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = n.mention_id)) THEN
        PERFORM luoshi_missing_reference('an item');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER headings_references AFTER INSERT ON headings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_check_headings();
CREATE TRIGGER tasks_references AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_check_tasks();
CREATE TRIGGER mentions_references AFTER INSERT ON mentions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_check_mentions();
CREATE TRIGGER links_references AFTER INSERT ON links
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_check_links();
CREATE TRIGGER items_references AFTER INSERT ON items
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_check_items();

-- Written once: an UPDATE or DELETE of these rows is refused, as of the
-- change log (001's changes_no_update).
CREATE FUNCTION luoshi_written_once() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the rows of % are written once by an import and never changed',
        TG_TABLE_NAME;
END
$$;

CREATE TRIGGER headings_written_once BEFORE UPDATE OR DELETE OR TRUNCATE ON headings
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_written_once();
CREATE TRIGGER tasks_written_once BEFORE UPDATE OR DELETE OR TRUNCATE ON tasks
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_written_once();
CREATE TRIGGER mentions_written_once BEFORE UPDATE OR DELETE OR TRUNCATE ON mentions
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_written_once();
CREATE TRIGGER links_written_once BEFORE UPDATE OR DELETE OR TRUNCATE ON links
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_written_once();

CREATE FUNCTION luoshi_item_origin_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an item''s report, task and mention are set by its import and never changed';
END
$$;

CREATE TRIGGER items_origin_fixed BEFORE UPDATE OF report_id, task_id, mention_id ON items
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_item_origin_fixed();

-- A report whose rows these are keeps its id and stays.
CREATE FUNCTION luoshi_report_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM headings WHERE report_id = OLD.id)
       OR EXISTS (SELECT 1 FROM tasks WHERE report_id = OLD.id)
       OR EXISTS (SELECT 1 FROM mentions WHERE report_id = OLD.id)
       OR EXISTS (SELECT 1 FROM links WHERE report_id = OLD.id)
       OR EXISTS (SELECT 1 FROM items WHERE report_id = OLD.id) THEN
        RAISE foreign_key_violation
            USING MESSAGE = 'report ' || OLD.id || ' has rows that refer to it';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER reports_kept BEFORE UPDATE OF id OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION luoshi_report_kept();
CREATE TRIGGER reports_not_truncated BEFORE TRUNCATE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_written_once();

-- The report's text compressed by LZ4 where the server has it: pglz took
-- a tenth of an import's time on the server. Left as it is otherwise.
DO $$
BEGIN
    ALTER TABLE reports ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END
$$;
