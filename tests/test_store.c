/*
 * test_store.c — the ledger through its public API on a temporary SQLite
 * file: import (duplicates, versions, bad input), units, assignment
 * (all-or-nothing), progress (validation, ownership), filters, the change
 * log (complete, append-only), the references of an import's rows (kept
 * inside their report, refused when dangling, written once; text through
 * PostgreSQL's bulk copy as written; more rows than one copy carries),
 * many reports read on a second thread while one is stored
 * (ls_store_import_each), a second writer (busy, retry), and every
 * allocation of an import failing in turn; the lead unit suggested for
 * each sentence of a report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <libpq-fe.h>

#include "alloc.h"
#include "store.h"

static const char *fixtures;
/* The PostgreSQL server of the run (LUOSHI_TEST_PG_URL), or NULL: SQLite. */
static const char *pg_url;
static int pg_schemas;
static char *datong;
static size_t datong_len;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

/* A new, empty store: a temporary SQLite file (its path in 'path'), or,
 * against PostgreSQL, a new schema of the test database (the URL selects
 * it with search_path). */
static ls_store *new_store(char path[512])
{
    ls_store *st = NULL;
    ls_error err;
    int fd;

    if (pg_url) {
        char sql[128];
        PGconn *c = PQconnectdb(pg_url);
        PGresult *res;
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        pg_schemas++;
        snprintf(sql, sizeof sql, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS t%d CASCADE; "
                 "CREATE SCHEMA t%d",
                 pg_schemas, pg_schemas);
        res = PQexec(c, sql);
        assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
        PQclear(res);
        PQfinish(c);
        snprintf(path, 512, "%s&options=-csearch_path%%3Dt%d", pg_url, pg_schemas);
    } else {
        snprintf(path, 64, "/tmp/luoshi-test-XXXXXX");
        fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        unlink(path);
    }
    assert_int_equal(ls_store_open(path, &st, &err), LS_OK);
    return st;
}

static void drop_store(ls_store *st, const char *path)
{
    char side[600];

    ls_store_close(st);
    if (pg_url)
        return;
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* Asserts that the store refuses statement 'sql' (LS_EDB), its error
 * in 'err': a row that points at nothing, or a change to a row written
 * once. */
static void refused(ls_store *st, const char *sql, ls_error *err)
{
    assert_int_equal(ls_db_exec(st->db, sql, NULL, 0, err), LS_EDB);
}

static long long count(ls_store *st, const char *sql)
{
    long long n = -1;

    assert_int_equal(ls_db_query_id(st->db, sql, NULL, 0, &n, NULL), LS_OK);
    return n;
}

static ls_import_result import_datong(ls_store *st)
{
    ls_import_result res;
    ls_error err;

    assert_int_equal(ls_store_import(st, datong, datong_len, "datong-2023.txt", "大同市", 2023,
                                     &res, &err),
                     LS_OK);
    return res;
}

static void test_import(void **state)
{
    char path[512], *changed;
    ls_store *st = new_store(path);
    ls_import_result a, b, c;
    ls_error err;

    (void)state;
    a = import_datong(st);
    assert_true(a.created);
    assert_int_equal(a.version, 1);
    assert_true(a.tasks > 100);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items"), (long long)(a.tasks + a.targets));
    /* every row shows its sentence: the item text is in the report text */
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items i JOIN reports r ON r.id = "
                               "i.report_id WHERE i.start_byte >= i.end_byte"),
                     0);
    /* the same bytes again: nothing changes */
    b = import_datong(st);
    assert_false(b.created);
    assert_int_equal(b.report_id, a.report_id);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 1);
    /* a new text for the same year is version 2, beside the first */
    changed = malloc(datong_len + 32);
    memcpy(changed, datong, datong_len);
    memcpy(changed + datong_len, "\n（修订稿）\n", strlen("\n（修订稿）\n"));
    assert_int_equal(ls_store_import(st, changed, datong_len + strlen("\n（修订稿）\n"), "v2",
                                     "大同市", 2023, &c, &err),
                     LS_OK);
    free(changed);
    assert_true(c.created);
    assert_int_equal(c.version, 2);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 2);
    /* bad input: an error, and nothing stored */
    assert_int_equal(ls_store_import(st, "\x01\x00\x02", 3, "bin", "大同市", 2023, &c, &err),
                     LS_EBINARY);
    assert_int_equal(ls_store_import(st, "x", 1, "x", "", 2023, &c, &err), LS_EINVAL);
    assert_int_equal(ls_store_import(st, "x", 1, "x", "大同市", 20230, &c, &err), LS_EINVAL);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 2);
    /* the import is logged once per report */
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE action = 'import'"), 2);
    drop_store(st, path);
}

static void test_units_and_assign(void **state)
{
    char path[512];
    ls_store *st = new_store(path);
    ls_error err;
    long long items[2] = {2, 999999};
    const char *co[] = {"发展改革委"};
    ls_assignment a = {"能源局", co, 1, 1, "张副市长", "2023-12-31", NULL, 0, 0, NULL, NULL};
    ls_unit_list units;

    (void)state;
    import_datong(st);
    assert_int_equal(ls_store_unit_add(st, "能源局", &err), LS_OK);
    assert_int_equal(ls_store_unit_add(st, "发展改革委", &err), LS_OK);
    assert_int_equal(ls_store_unit_add(st, "能源局", &err), LS_EEXIST);
    assert_int_equal(ls_store_unit_add(st, "", &err), LS_EINVAL);
    /* one bad item in the list: nothing is assigned */
    assert_int_equal(ls_store_assign(st, items, 2, &a, &err), LS_ENOTFOUND);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items WHERE lead_unit_id IS NOT NULL"), 0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE action = 'assign'"), 0);
    /* unknown unit, bad date */
    a.lead = "财政局";
    assert_int_equal(ls_store_assign(st, items, 1, &a, &err), LS_ENOTFOUND);
    a.lead = "能源局";
    a.due = "2023-02-30";
    assert_int_equal(ls_store_assign(st, items, 1, &a, &err), LS_EINVAL);
    a.due = "2023-12-31";
    assert_int_equal(ls_store_assign(st, items, 1, &a, &err), LS_OK);
    /* one log row per field that changed: lead, co, leader, due */
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE action = 'assign'"), 4);
    /* the same assignment again changes nothing, logs nothing */
    assert_int_equal(ls_store_assign(st, items, 1, &a, &err), LS_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE action = 'assign'"), 4);
    /* a change of deadline keeps the old value in the log */
    a = (ls_assignment){NULL, NULL, 0, 0, NULL, "2023-09-30", NULL, 0, 0, NULL, NULL};
    assert_int_equal(ls_store_assign(st, items, 1, &a, &err), LS_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE field = 'due' AND "
                               "old_value = '2023-12-31' AND new_value = '2023-09-30'"),
                     1);
    assert_int_equal(ls_store_units(st, &units, &err), LS_OK);
    assert_int_equal(units.n, 2);
    ls_mem_free(units.mem);
    /* a removed unit cannot be assigned, and a second remove is an error */
    assert_int_equal(ls_store_unit_remove(st, "发展改革委", &err), LS_OK);
    assert_int_equal(ls_store_unit_remove(st, "发展改革委", &err), LS_ENOTFOUND);
    drop_store(st, path);
}

static void test_progress_and_status(void **state)
{
    char path[512];
    ls_store *st = new_store(path);
    ls_error err;
    long long item = 2;
    ls_assignment a = {"能源局", NULL, 0, 0, NULL, "2023-12-31", NULL, 0, 0, NULL, NULL};
    ls_progress p = {"2023-06-30", 0, 0, 1, 40, "已开工", NULL, NULL, NULL, "能源局"};
    ls_item_filter f;
    ls_item_list rows;
    ls_change_list log;

    (void)state;
    import_datong(st);
    ls_store_unit_add(st, "能源局", &err);
    ls_store_unit_add(st, "财政局", &err);
    assert_int_equal(ls_store_assign(st, &item, 1, &a, &err), LS_OK);
    /* validation and ownership */
    p.date = "2023-06-31";
    assert_int_equal(ls_store_progress(st, item, &p, &err), LS_EINVAL);
    p.date = "2023-06-30";
    p.percent = 120;
    assert_int_equal(ls_store_progress(st, item, &p, &err), LS_EINVAL);
    p.percent = 40;
    p.unit = "财政局";
    assert_int_equal(ls_store_progress(st, item, &p, &err), LS_EINVAL);
    assert_non_null(strstr(err.message, "neither lead nor co unit"));
    p.unit = "能源局";
    assert_int_equal(ls_store_progress(st, 999999, &p, &err), LS_ENOTFOUND);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM progress"), 0);
    assert_int_equal(ls_store_progress(st, item, &p, &err), LS_OK);
    /* status at mid-year: 40% done against 50% elapsed is behind */
    memset(&f, 0, sizeof f);
    f.id = item;
    f.as_of = "2023-06-30";
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_OK);
    assert_int_equal(rows.n, 1);
    assert_string_equal(ls_pace_name(rows.at[0].pace), "欠进度");
    ls_mem_free(rows.mem);
    /* a report before the as-of date is not seen: at March it had not started */
    f.as_of = "2023-03-31";
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_OK);
    assert_string_equal(ls_pace_name(rows.at[0].pace), "未启动");
    ls_mem_free(rows.mem);
    /* filters: by unit, by status, by text (LIKE metacharacters are literal) */
    memset(&f, 0, sizeof f);
    f.as_of = "2023-06-30";
    f.unit = "能源局";
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_OK);
    assert_int_equal(rows.n, 1);
    ls_mem_free(rows.mem);
    memset(&f, 0, sizeof f);
    f.as_of = "2023-06-30";
    f.status = "behind";
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_OK);
    assert_int_equal(rows.n, 1);
    ls_mem_free(rows.mem);
    f.status = NULL;
    f.text = "%";
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_OK);
    assert_int_equal(rows.n, 0);
    ls_mem_free(rows.mem);
    f.text = "煤炭";
    f.limit = 1;
    f.offset = 1;
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_OK);
    assert_int_equal(rows.n, 1);
    ls_mem_free(rows.mem);
    f.status = "late";
    assert_int_equal(ls_store_items(st, &f, &rows, &err), LS_EINVAL);
    /* the history of the row: import, lead, due, progress */
    assert_int_equal(ls_store_history(st, item, &log, &err), LS_OK);
    assert_int_equal(log.n, 4);
    ls_mem_free(log.mem);
    assert_int_equal(ls_store_history(st, 999999, &log, &err), LS_ENOTFOUND);
    drop_store(st, path);
}

static void test_log_append_only(void **state)
{
    char path[512];
    ls_store *st = new_store(path);
    ls_error err;

    (void)state;
    import_datong(st);
    refused(st, "UPDATE changes SET actor = 'x'", &err);
    assert_non_null(strstr(err.message, "append-only"));
    refused(st, "DELETE FROM changes", &err);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes"), 1);
    /* foreign keys are on: a row cannot point at a report that is not there */
    refused(st, "INSERT INTO items (report_id, seq, kind, part, path, text, "
                "start_byte, end_byte) VALUES (99, 1, 'task', 'plan', '', '', 0, 0)", &err);
    drop_store(st, path);
}

/* The text of the first row of 'sql' (one text column), copied into
 * 'out' ("" when no row). */
static void first_text(ls_store *st, const char *sql, char *out, size_t size)
{
    ls_db_rows rows;

    assert_int_equal(ls_db_query(st->db, sql, NULL, 0, &rows, NULL), LS_OK);
    snprintf(out, size, "%s", rows.nrows ? ls_db_text(&rows, 0, 0) : "");
    ls_db_rows_free(&rows);
}

/* PostgreSQL: a copy's result is read by the next call of its
 * transaction (pg.c), so a copy that fails last fails the COMMIT, which
 * stores nothing; the connection serves the next transaction; outside a
 * transaction the copy fails at once. */
static void copy_fails_at_commit(ls_store *st)
{
    ls_db_value row[7] = {LS_PI(999999), LS_PI(1), LS_PI(1),   LS_PT("x"),
                          LS_PT("plan"), LS_PI(0), LS_PI(0)};
    const char *into = "headings (report_id, seq, level, title, part, start_byte, end_byte)";
    long long headings = count(st, "SELECT COUNT(*) FROM headings");
    ls_error err;

    assert_int_equal(ls_db_begin(st->db, &err), LS_OK);
    /* the copy is sent; the check of its references fails on the server */
    assert_int_equal(ls_db_copy(st->db, into, row, 1, 7, &err), LS_OK);
    assert_int_equal(ls_db_commit(st->db, &err), LS_EDB);
    assert_non_null(strstr(err.message, "refers to a row that does not exist"));
    ls_db_rollback(st->db);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM headings"), headings);
    /* a statement after the failed copy fails too, and a rollback ends it */
    assert_int_equal(ls_db_begin(st->db, &err), LS_OK);
    assert_int_equal(ls_db_copy(st->db, into, row, 1, 7, &err), LS_OK);
    assert_int_equal(ls_db_exec(st->db, "UPDATE items SET leader = 'y'", NULL, 0, &err), LS_EDB);
    assert_non_null(strstr(err.message, "copying rows"));
    ls_db_rollback(st->db);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items WHERE leader = 'y'"), 0);
    assert_int_equal(ls_db_copy(st->db, into, row, 1, 7, &err), LS_EDB);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM headings"), headings);
}

/* The rows an import writes refer to each other by ids reserved before
 * they are sent (ls_db_reserve_ids) and are sent by bulk copy on
 * PostgreSQL: every reference lands in the same report, text with tabs,
 * newlines and backslashes comes back as written, a row pointing at
 * nothing is refused, and the rows are written once. */
static void test_import_references(void **state)
{
    static const char report[] =
        "政府工作报告\n"
        "一、2023年工作回顾\n"
        "全年地区生产总值增长5%。\n"
        "二、2024年工作安排\n"
        "（一）扩大有效投资。完成固定资产投资100亿元，目录\\data\t表内。\n"
        "（二）稳定就业。城镇新增就业1万人以上。\n";
    char path[512], text[512];
    ls_store *st = new_store(path);
    ls_import_result a, b;
    ls_error err;
    long long tasks;

    (void)state;
    a = import_datong(st);
    assert_int_equal(ls_store_import(st, report, sizeof report - 1, "small.txt", "某县", 2024, &b,
                                     &err),
                     LS_OK);
    assert_true(b.created && b.tasks >= 2);
    /* ids taken before the rows were sent: no two rows share one, and
     * each reference stays inside its report */
    tasks = count(st, "SELECT COUNT(*) FROM tasks");
    assert_int_equal(count(st, "SELECT COUNT(DISTINCT id) FROM tasks"), tasks);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items i JOIN tasks t ON t.id = i.task_id "
                               "WHERE t.report_id <> i.report_id"),
                     0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items i JOIN mentions m ON m.id = "
                               "i.mention_id WHERE m.report_id <> i.report_id"),
                     0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM mentions m JOIN tasks t ON t.id = "
                               "m.task_id WHERE t.report_id <> m.report_id"),
                     0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM tasks t JOIN headings h ON h.id = "
                               "t.heading_id WHERE h.report_id <> t.report_id"),
                     0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM headings c JOIN headings p ON p.id = "
                               "c.parent_id WHERE p.report_id <> c.report_id OR p.seq >= c.seq"),
                     0);
    assert_true(count(st, "SELECT COUNT(*) FROM headings WHERE parent_id IS NOT NULL") > 0);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM links l JOIN mentions m ON m.id = "
                               "l.target_id WHERE m.report_id <> l.report_id"),
                     0);
    assert_true(count(st, "SELECT COUNT(*) FROM links") > 0);
    /* a tab and a backslash in a sentence come back as written */
    first_text(st, "SELECT text FROM tasks WHERE text LIKE '%表内%'", text, sizeof text);
    assert_string_equal(text, "完成固定资产投资100亿元，目录\\data\t表内。");
    first_text(st, "SELECT text FROM items WHERE text LIKE '%表内%'", text, sizeof text);
    assert_non_null(strstr(text, "目录\\data\t表内"));
    first_text(st,
               "SELECT m.text FROM mentions m JOIN reports r ON r.id = m.report_id WHERE "
               "r.source_name = 'small.txt' AND m.text LIKE '%亿元'",
               text, sizeof text);
    assert_string_equal(text, "100亿元");
    /* a row pointing at no row is refused, on either back end */
    refused(st, "INSERT INTO tasks (report_id, key, achievement, part, path, "
                "start_byte, end_byte, text, entities) VALUES (999999, 'k', 0, "
                "'plan', '', 0, 0, '', '[]')", &err);
    refused(st, "INSERT INTO mentions (report_id, seq, task_id, start_byte, "
                "end_byte, text, value, unit, kind, op, metric, part) SELECT "
                "report_id, 99999, 999999, 0, 0, '', 0, '', 'actual', 'eq', '', "
                "'plan' FROM reports LIMIT 1", &err);
    refused(st, "INSERT INTO headings (report_id, seq, parent_id, level, title, "
                "part, start_byte, end_byte) SELECT report_id, 99999, 999999, 1, "
                "'', 'plan', 0, 0 FROM reports LIMIT 1", &err);
    /* written once: no row of them changes or goes, nor the report they
     * belong to, nor an item's origin */
    refused(st, "UPDATE tasks SET text = 'x'", &err);
    assert_non_null(strstr(err.message, "written once"));
    refused(st, "DELETE FROM mentions", &err);
    refused(st, "DELETE FROM links", &err);
    refused(st, "UPDATE headings SET title = 'x'", &err);
    refused(st, "UPDATE items SET task_id = NULL", &err);
    {
        ls_db_value p[1] = {LS_PI(a.report_id)};
        assert_int_equal(ls_db_exec(st->db, "DELETE FROM reports WHERE id = ?", p, 1, &err),
                         LS_EDB);
    }
    assert_int_equal(count(st, "SELECT COUNT(*) FROM tasks"), tasks);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 2);
    /* what an office changes on an item still changes */
    assert_int_equal(ls_db_exec(st->db, "UPDATE items SET leader = 'x'", NULL, 0, &err), LS_OK);
    if (pg_url) {
        /* a copy that fails (a row took the next id of the sequence): the
         * import fails whole, and the connection serves the next one */
        char *other = malloc(sizeof report + 16);
        size_t n = (size_t)snprintf(other, sizeof report + 16, "%s（二稿）\n", report);
        assert_int_equal(ls_db_exec(st->db,
                                    "INSERT INTO headings (id, report_id, seq, level, title, part, "
                                    "start_byte, end_byte) SELECT (SELECT last_value FROM "
                                    "headings_id_seq) + 1, id, 100000, 1, 'x', 'plan', 0, 0 FROM "
                                    "reports LIMIT 1",
                                    NULL, 0, &err),
                         LS_OK);
        assert_int_equal(
            ls_store_import(st, other, n, "other.txt", "某县", 2024, &b, &err), LS_EDB);
        assert_non_null(strstr(err.message, "copying rows"));
        assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 2);
        assert_int_equal(count(st, "SELECT COUNT(*) FROM tasks"), tasks);
        assert_int_equal(
            ls_store_import(st, other, n, "other.txt", "某县", 2024, &b, &err), LS_OK);
        assert_true(b.created && b.version == 2);
        free(other);
        copy_fails_at_commit(st);
    }
    drop_store(st, path);
}

/* ls_store_import_each: the inputs of 'next', and what 'done' was told. */
typedef struct {
    const char *bytes[4];
    size_t len[4];
    size_t n, told, stop_after;
    ls_status st[4];
    ls_import_result res[4];
    char message[4][LS_ERROR_MESSAGE_SIZE];
} each_run;

static ls_status each_next(void *ctx, size_t i, ls_import_input *in, ls_error *err)
{
    each_run *run = ctx;

    if (i >= run->n)
        return LS_OK;
    if (!run->bytes[i]) /* an input that cannot be had */
    {
        err->code = LS_EIO;
        err->offset = LS_NO_OFFSET;
        err->line = 0;
        snprintf(err->message, sizeof err->message, "input %zu: cannot open", i);
        return LS_EIO;
    }
    in->bytes = run->bytes[i];
    in->len = run->len[i];
    in->source = "each.txt";
    in->gov = "大同市";
    in->year = 2023;
    return LS_OK;
}

static int each_done(void *ctx, size_t i, ls_status st, const ls_import_result *res,
                     const ls_error *err)
{
    each_run *run = ctx;

    assert_int_equal(i, run->told); /* in order, each once */
    run->told++;
    run->st[i] = st;
    if (st == LS_OK)
        run->res[i] = *res;
    else
        snprintf(run->message[i], sizeof run->message[i], "%s", err->message);
    return run->told != run->stop_after;
}

/* Many reports, the next read while one is stored: each is told in order
 * with what ls_store_import would have said; one that cannot be had or
 * read fails alone; 'done' can stop the rest. */
static void test_import_each(void **state)
{
    char path[512], *second;
    ls_store *st = new_store(path);
    each_run run;
    ls_error err;
    size_t n2 = datong_len + strlen("\n（修订稿）\n");

    (void)state;
    second = malloc(n2);
    memcpy(second, datong, datong_len);
    memcpy(second + datong_len, "\n（修订稿）\n", n2 - datong_len);
    memset(&run, 0, sizeof run);
    run.n = 4;
    run.bytes[0] = datong, run.len[0] = datong_len;
    run.bytes[1] = NULL;                        /* cannot be had */
    run.bytes[2] = "\x01\x00\x02", run.len[2] = 3; /* binary */
    run.bytes[3] = second, run.len[3] = n2;
    assert_int_equal(ls_store_import_each(st, each_next, each_done, &run, &err), LS_OK);
    assert_int_equal(run.told, 4);
    assert_int_equal(run.st[0], LS_OK);
    assert_true(run.res[0].created && run.res[0].version == 1 && run.res[0].tasks > 100);
    assert_int_equal(run.st[1], LS_EIO);
    assert_string_equal(run.message[1], "input 1: cannot open");
    assert_int_equal(run.st[2], LS_EBINARY);
    assert_int_equal(run.st[3], LS_OK);
    assert_int_equal(run.res[3].version, 2);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 2);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items"),
                     (long long)(run.res[0].tasks + run.res[0].targets + run.res[3].tasks +
                                 run.res[3].targets));
    /* the same bytes again: nothing changes; 'done' stops after the first */
    memset(&run, 0, sizeof run);
    run.n = 3;
    run.stop_after = 1;
    run.bytes[0] = datong, run.len[0] = datong_len;
    run.bytes[1] = run.bytes[2] = second, run.len[1] = run.len[2] = n2;
    assert_int_equal(ls_store_import_each(st, each_next, each_done, &run, &err), LS_OK);
    assert_int_equal(run.told, 1);
    assert_int_equal(run.st[0], LS_OK);
    assert_false(run.res[0].created);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 2);
    /* nothing to import: 'done' is never told */
    memset(&run, 0, sizeof run);
    assert_int_equal(ls_store_import_each(st, each_next, each_done, &run, &err), LS_OK);
    assert_int_equal(run.told, 0);
    free(second);
    drop_store(st, path);
}

/* The rows of 'table' as the planner last counted them (PostgreSQL's
 * pg_class.reltuples: -1 until the table is first analyzed or vacuumed). */
static long long planner_rows(ls_store *st, const char *table)
{
    long long n = -2;

    assert_int_equal(ls_db_query_id(st->db,
                                     "SELECT reltuples::bigint FROM pg_class WHERE oid = "
                                     "to_regclass(?)",
                                     &LS_PT(table), 1, &n, NULL),
                     LS_OK);
    return n;
}

/* Datong's text with 'k' lines added: another version of it. */
static char *datong_version(int k, size_t *len)
{
    char *s = malloc(datong_len + 32 * (size_t)k + 1);
    size_t n = datong_len;
    int i;

    memcpy(s, datong, datong_len);
    for (i = 0; i < k; i++)
        n += (size_t)sprintf(s + n, "\n（第%d次修订稿）\n", i + 1);
    *len = n;
    return s;
}

/* PostgreSQL: the planner's statistics of an import's tables are
 * refreshed when the ledger doubles (reports 1, 2, 4 by id), not at
 * every import; copying a ledger refreshes them too (test_migrate). */
static void test_statistics_refreshed(void **state)
{
    static const char *const tables[] = {"headings", "tasks", "mentions", "items"};
    char path[512], *text;
    ls_store *st;
    ls_import_result res;
    ls_error err;
    long long after_two[4];
    size_t len, t;
    int k;

    (void)state;
    if (!pg_url)
        skip();
    st = new_store(path);
    /* autovacuum would also refresh them, some time later: not here */
    for (t = 0; t < 4; t++) {
        char sql[96];
        snprintf(sql, sizeof sql, "ALTER TABLE %s SET (autovacuum_enabled = false)", tables[t]);
        assert_int_equal(ls_db_exec(st->db, sql, NULL, 0, &err), LS_OK);
    }
    for (k = 0; k < 3; k++) {
        text = datong_version(k, &len);
        assert_int_equal(ls_store_import(st, text, len, "v", "大同市", 2023, &res, &err), LS_OK);
        free(text);
        assert_int_equal(res.report_id, k + 1);
        for (t = 0; t < 4; t++) {
            char sql[64];
            long long rows, counted;
            snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", tables[t]);
            rows = count(st, sql);
            counted = planner_rows(st, tables[t]);
            if (k < 2) {
                /* reports 1 and 2: counted as they are */
                assert_int_equal(counted, rows);
                after_two[t] = rows;
            } else {
                /* report 3: as they were after report 2 */
                assert_true(rows > after_two[t]);
                assert_int_equal(counted, after_two[t]);
            }
        }
    }
    drop_store(st, path);
}

/* A report of more rows than one bulk copy or a few INSERTs carry
 * (LS_BATCH_COPY_ROWS, 8192, a copy on PostgreSQL): every row stored once,
 * each where the parse put it. */
static void test_import_many_rows(void **state)
{
    enum { LINES = 9000 };
    char path[512];
    ls_store *st = new_store(path);
    ls_import_result res;
    ls_error err;
    ls_doc *doc;
    size_t cap = 256 + (size_t)LINES * 160, len = 0, i, tasks, mentions;
    char *text = malloc(cap);

    (void)state;
    len += (size_t)snprintf(text + len, cap - len,
                            "政府工作报告\n一、2023年工作回顾\n　　全年地区生产总值增长5%%。\n"
                            "二、2024年工作安排\n（一）扩大有效投资。\n");
    for (i = 0; i < LINES; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "　　推进第%zu个片区改造，加快建设进度，投资%zu万元，确保年底前完工。\n",
                                i + 1, i + 1);
    assert_int_equal(ls_doc_new(text, len, &doc, &err), LS_OK);
    assert_int_equal(ls_doc_tasks(doc, &err), LS_OK);
    tasks = ls_doc_task_count(doc);
    mentions = ls_doc_mention_count(doc);
    ls_doc_free(doc);
    assert_true(tasks > 8192 && mentions > 8192);
    assert_int_equal(ls_store_import(st, text, len, "many.txt", "某县", 2024, &res, &err), LS_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM tasks"), (long long)tasks);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM mentions"), (long long)mentions);
    assert_int_equal(count(st, "SELECT COUNT(DISTINCT key) FROM tasks"), (long long)tasks);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM items"), (long long)(res.tasks + res.targets));
    assert_true(res.tasks > 8192);
    /* the last row is the last line's, with its figure */
    assert_int_equal(count(st, "SELECT COUNT(*) FROM mentions m JOIN tasks t ON t.id = "
                               "m.task_id WHERE t.text LIKE '推进第9000个%' AND m.text = '9000万元'"),
                     1);
    free(text);
    drop_store(st, path);
}

/* Accounts: a disabled user cannot sign in and its session ends; enabled
 * again it can; the last enabled admin stays; text must be UTF-8. */
static void test_accounts(void **state)
{
    char path[512];
    ls_store *st = new_store(path);
    ls_session s1, s2;
    ls_user_list user;
    ls_error err;

    (void)state;
    assert_int_equal(ls_store_user_add(st, "boss", "admin", NULL, "boss-pass-1", &err), LS_OK);
    assert_int_equal(ls_store_user_add(st, "v1", "viewer", NULL, "viewer-pass-1", &err), LS_OK);
    assert_int_equal(ls_store_login(st, "v1", "viewer-pass-1", 3600, &s1, &err), LS_OK);
    assert_int_equal(ls_store_session_user(st, s1.token, &user, &err), LS_OK);
    assert_int_equal(user.n, 1);
    ls_mem_free(user.mem); /* a list of none has its arena too */

    assert_int_equal(ls_store_user_set_enabled(st, "v1", 0, &err), LS_OK);
    assert_int_equal(ls_store_session_user(st, s1.token, &user, &err), LS_OK);
    assert_int_equal(user.n, 0);
    ls_mem_free(user.mem); /* a list of none has its arena too */
    assert_int_equal(ls_store_login(st, "v1", "viewer-pass-1", 3600, &s2, &err), LS_EINVAL);
    assert_int_equal(ls_store_user_set_enabled(st, "v1", 1, &err), LS_OK);
    assert_int_equal(ls_store_login(st, "v1", "viewer-pass-1", 3600, &s2, &err), LS_OK);
    /* the session ended by disabling stays ended */
    assert_int_equal(ls_store_session_user(st, s1.token, &user, &err), LS_OK);
    assert_int_equal(user.n, 0);
    ls_mem_free(user.mem); /* a list of none has its arena too */
    assert_int_equal(ls_store_logout(st, s2.token, &err), LS_OK);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE action = 'logout'"), 1);
    assert_int_equal(count(st, "SELECT COUNT(*) FROM changes WHERE action IN ('disable', "
                               "'enable')"),
                     2);

    assert_int_equal(ls_store_user_set_enabled(st, "nobody", 0, &err), LS_ENOTFOUND);
    assert_int_equal(ls_store_user_set_enabled(st, "boss", 0, &err), LS_EINVAL);
    assert_non_null(strstr(err.message, "last enabled admin"));
    assert_int_equal(ls_store_user_add(st, "\xff\xfe", "viewer", NULL, "viewer-pass-1", &err),
                     LS_EINVAL);
    assert_non_null(strstr(err.message, "UTF-8"));
    drop_store(st, path);
}

static void test_busy(void **state)
{
    char path[512];
    ls_store *a = new_store(path), *b = NULL;
    ls_error err;

    (void)state;
    setenv("LUOSHI_BUSY_MS", "200", 1);
    assert_int_equal(ls_store_open(path, &b, &err), LS_OK);
    /* 'a' holds the write lock: 'b' waits, then is told to retry */
    assert_int_equal(ls_db_begin(a->db, &err), LS_OK);
    assert_int_equal(ls_store_unit_add(b, "能源局", &err), LS_EBUSY);
    assert_non_null(strstr(err.message, "retry"));
    /* readers are not blocked by the writer (WAL) */
    assert_int_equal(count(b, "SELECT COUNT(*) FROM units"), 0);
    ls_db_rollback(a->db);
    assert_int_equal(ls_store_unit_add(b, "能源局", &err), LS_OK);
    ls_store_close(b);
    unsetenv("LUOSHI_BUSY_MS");
    drop_store(a, path);
}

static void test_bad_store(void **state)
{
    ls_store *st = NULL;
    ls_error err;
    char path[] = "/tmp/luoshi-notdb-XXXXXX";
    int fd = mkstemp(path);

    (void)state;
    if (pg_url) {
        /* a server that is not there */
        close(fd);
        unlink(path);
        assert_int_equal(ls_store_open("postgresql:///nodb?host=/nonexistent&port=1", &st, &err),
                         LS_EDB);
        assert_non_null(strstr(err.message, "cannot connect"));
        return;
    }
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "this is not a database, but text of some length......", 54), 54);
    close(fd);
    assert_int_equal(ls_store_open(path, &st, &err), LS_EDB);
    assert_null(st);
    unlink(path);
    assert_int_equal(ls_store_open("/nonexistent-dir/x.db", &st, &err), LS_EDB);
    assert_int_equal(ls_store_open("", &st, &err), LS_EINVAL);
}

/* Each allocation of an import fails in turn: the import fails cleanly
 * or succeeds, and the ledger holds all of the report or none of it. */
static void test_import_alloc_failures(void **state)
{
    char path[512];
    ls_store *st = new_store(path);
    ls_import_result res;
    ls_error err;
    long n, items = -1;
    ls_status s;

    (void)state;
    for (n = 0; n < 100000; n += n < 200 ? 1 : 97) {
        ls_alloc_fail_after(n);
        s = ls_store_import(st, datong, datong_len, "d", "大同市", 2023, &res, &err);
        ls_alloc_fail_after(-1);
        if (s == LS_OK)
            break;
        assert_int_equal(s, LS_ENOMEM);
        assert_int_equal(count(st, "SELECT COUNT(*) FROM reports"), 0);
        assert_int_equal(count(st, "SELECT COUNT(*) FROM items"), 0);
    }
    assert_int_equal(s, LS_OK);
    items = count(st, "SELECT COUNT(*) FROM items");
    assert_int_equal(items, (long long)(res.tasks + res.targets));
    drop_store(st, path);
}

extern const struct ls_pair {
    const char *key, *value;
} ls_lead_units[];

/* The suggestion as the dictionary defines it, by one strstr a keyword:
 * the keyword found earliest, the longest of those at one place, the
 * first in table order among those. */
static const char *lead_by_strstr(const char *s)
{
    const struct ls_pair *p, *best = NULL;
    size_t best_at = 0, best_len = 0;

    for (p = ls_lead_units; *s && p->key; p++) {
        const char *hit = strstr(s, p->key);
        size_t at, len = strlen(p->key);
        if (!hit)
            continue;
        at = (size_t)(hit - s);
        if (!best || at < best_at || (at == best_at && len > best_len)) {
            best = p;
            best_at = at;
            best_len = len;
        }
    }
    return best ? best->value : NULL;
}

/* The suggested lead of every sentence of the Datong report is the one the
 * dictionary defines (suggest.c finds it through an index and a filter of
 * first bytes, which must pass over no keyword). */
static void test_suggest_lead(void **state)
{
    const char *s = datong, *end = datong + datong_len;
    size_t sentences = 0, suggested = 0;
    char sentence[4096];

    (void)state;
    while (s < end) {
        const char *stop = strstr(s, "。");
        size_t n = (stop ? stop : end) - s;
        const char *want, *got;
        if (n >= sizeof sentence)
            n = sizeof sentence - 1;
        memcpy(sentence, s, n);
        sentence[n] = '\0';
        want = lead_by_strstr(sentence);
        got = ls_store_suggest_lead("", sentence);
        if (want || got)
            assert_string_equal(got ? got : "(none)", want ? want : "(none)");
        suggested += want != NULL;
        sentences++;
        s = stop ? stop + strlen("。") : end;
    }
    assert_true(sentences > 100);
    assert_true(suggested > 20);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import),
        cmocka_unit_test(test_units_and_assign),
        cmocka_unit_test(test_progress_and_status),
        cmocka_unit_test(test_log_append_only),
        cmocka_unit_test(test_import_references),
        cmocka_unit_test(test_import_each),
        cmocka_unit_test(test_import_many_rows),
        cmocka_unit_test(test_statistics_refreshed),
        cmocka_unit_test(test_accounts),
        cmocka_unit_test(test_busy),
        cmocka_unit_test(test_bad_store),
        cmocka_unit_test(test_import_alloc_failures),
        cmocka_unit_test(test_suggest_lead),
    };
    char path[1024];
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: test_store FIXTURE_DIR\n");
        return 2;
    }
    fixtures = argv[1];
    pg_url = getenv("LUOSHI_TEST_PG_URL");
    if (pg_url && !*pg_url)
        pg_url = NULL;
    printf("test_store: %s back end\n", pg_url ? "PostgreSQL" : "SQLite");
    snprintf(path, sizeof path, "%s/datong-2023.txt", fixtures);
    datong = read_all(path, &datong_len);
    setenv("LUOSHI_NOW", "2023-07-01T09:00:00Z", 1);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(datong);
    return rc;
}
