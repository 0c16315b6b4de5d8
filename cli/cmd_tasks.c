/*
 * cmd_tasks.c — reading the ledger: `luoshi tasks` (the rows, filtered),
 * `luoshi targets` (their quantified targets, one per line, with the
 * baseline), `luoshi status` (each row's status against 序时进度 and the
 * totals), and `luoshi history ITEM` (a row's change log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"

/* The options the reading commands share, and the filter they fill. */
typedef struct {
    const char *db, *format, *report, *year, *limit, *offset, *ahead, *tolerance;
    ls_item_filter f;
} read_args;

#define READ_OPTS(r)                                                                           \
    CLI_OPT_VALUE("--db", &(r)->db), CLI_OPT_VALUE("--format", &(r)->format),                  \
        CLI_OPT_VALUE("--unit", &(r)->f.unit), CLI_OPT_VALUE("--status", &(r)->f.status),      \
        CLI_OPT_VALUE("--part", &(r)->f.part), CLI_OPT_VALUE("--heading", &(r)->f.heading),    \
        CLI_OPT_VALUE("--due-before", &(r)->f.due_before),                                     \
        CLI_OPT_VALUE("--text", &(r)->f.text), CLI_OPT_VALUE("--gov", &(r)->f.gov),            \
        CLI_OPT_VALUE("--year", &(r)->year), CLI_OPT_VALUE("--report", &(r)->report),          \
        CLI_OPT_VALUE("--kind", &(r)->f.kind), CLI_OPT_VALUE("--as-of", &(r)->f.as_of),        \
        CLI_OPT_VALUE("--limit", &(r)->limit), CLI_OPT_VALUE("--offset", &(r)->offset),        \
        CLI_OPT_VALUE("--ahead", &(r)->ahead), CLI_OPT_VALUE("--tolerance", &(r)->tolerance), \
        CLI_OPT_FLAG("--removed", &(r)->f.removed), CLI_OPT_FLAG("--drafts", &(r)->f.drafts)

static const char filter_help[] =
    "filters: --unit UNIT (lead or co)  --status S (已完成 超进度 达进度 欠进度 未启动 逾期 未分工,\n"
    "         or done ahead on_track behind not_started overdue unassigned)  --part plan|requirements|self\n"
    "         --heading TEXT  --text TEXT  --due-before DATE  --gov NAME  --year N\n"
    "         --report ID  --kind task|target  --limit N  --offset N\n"
    "         --removed (the rows taken out of the ledger by luoshi remove, instead)\n"
    "status:  --as-of DATE (default today)  --ahead P (10)  --tolerance P (0): docs/status.md\n"
    "         --drafts (judge the rows with no lead unit too; else they are 未分工, unassigned,\n"
    "         and in no total)\n"
    "output:  --format table|json|jsonl|csv   store: --db D\n";

/* Checks and converts the text options of 'r' into its filter. */
static int finish_args(const char *cmd, read_args *r, ls_format *fmt)
{
    double v;

    if (!ls_format_parse(r->format, fmt)) {
        fprintf(stderr, "luoshi %s: unknown format '%s'\n", cmd, r->format);
        return 0;
    }
    if (r->report && !cli_item_id(cmd, r->report, &r->f.report))
        return 0;
    if (r->year) {
        if (!cli_number(cmd, "--year", r->year, &v))
            return 0;
        r->f.year = (int)v;
    }
    if (r->limit) {
        if (!cli_number(cmd, "--limit", r->limit, &v) || v < 0)
            return 0;
        r->f.limit = (size_t)v;
    }
    if (r->offset) {
        if (!cli_number(cmd, "--offset", r->offset, &v) || v < 0)
            return 0;
        r->f.offset = (size_t)v;
    }
    r->f.ahead = 10;
    if (r->ahead && !cli_number(cmd, "--ahead", r->ahead, &r->f.ahead))
        return 0;
    if (r->tolerance && !cli_number(cmd, "--tolerance", r->tolerance, &r->f.tolerance))
        return 0;
    r->f.custom_rule = r->ahead || r->tolerance;
    return 1;
}

/* Parses the shared options and opens the store; NULL with '*code' set
 * when either fails (or when --help was asked: '*code' -1). */
static ls_store *open_reading(int argc, char **argv, const char *cmd, void (*usage)(FILE *),
                              read_args *r, ls_format *fmt, char ***pos, int *npos, int *code)
{
    cli_opt opts[] = {READ_OPTS(r), CLI_OPT_END};

    *code = cli_parse_opts(argc, argv, cmd, opts, usage, pos, npos);
    if (*code != EXIT_OK)
        return NULL;
    if (!finish_args(cmd, r, fmt) || *npos) {
        if (*npos)
            usage(stderr);
        *code = EXIT_USAGE;
        return NULL;
    }
    return cli_open_store(cmd, r->db, NULL, code);
}

static void tasks_usage(FILE *out)
{
    fprintf(out, "usage: luoshi tasks [filters] [--format F]\n\n"
                 "Lists the ledger rows: number, kind, heading path, sentence, targets, lead\n"
                 "unit (or the suggestion, marked ?), co units, deadline, latest progress and\n"
                 "status.\n\n%s",
            filter_help);
}

/* A row as the table shows it: its lead, or the suggestion marked "?". */
typedef struct {
    ls_item it;
    const char *lead_shown;
} shown_row;

static const ls_rec_field shown_fields[] = {
    LS_F_INT(shown_row, "id", it.id),
    LS_F_ENUM(shown_row, "kind", it.kind, ls_rec_item_kind_name),
    LS_F_TEXT(shown_row, "text", it.text),
    LS_F_TEXT(shown_row, "lead_shown", lead_shown),
    LS_F_TEXTS(shown_row, "co", it.co, it.nco),
    LS_F_TEXT(shown_row, "due", it.due),
    LS_F_ENUM(shown_row, "status", it.pace, ls_rec_pace_name),
    LS_F_TEXT(shown_row, "path", it.path),
    LS_F_END};
static const ls_rec_desc shown_desc = {sizeof(shown_row), shown_fields};

/* The lead shown for 'it' (a new string, free()): the lead of record and
 * the joint leads ("省商务厅、发展改革委"), or the suggestion marked "?". */
static char *lead_shown(const ls_item *it)
{
    size_t n = 4, i;
    char *s;

    n += it->lead ? strlen(it->lead) : it->suggested_lead ? strlen(it->suggested_lead) : 0;
    for (i = 0; i < it->njoint; i++)
        n += strlen(it->joint[i]) + 3;
    if (!(s = malloc(n)))
        return NULL;
    snprintf(s, n, "%s%s", it->lead ? it->lead : it->suggested_lead ? it->suggested_lead : "",
             it->lead || !it->suggested_lead ? "" : "?");
    for (i = 0; i < it->njoint; i++) {
        strcat(s, *s ? "、" : "");
        strcat(s, it->joint[i]);
    }
    return s;
}

/* Prints the rows as a table, each lead shown or suggested. */
static void print_shown(const ls_item_list *items, const cli_column *cols)
{
    shown_row *rows = calloc(items->n + 1, sizeof *rows);
    char **leads = calloc(items->n + 1, sizeof *leads);
    size_t i;
    int ok = rows && leads;

    for (i = 0; ok && i < items->n; i++) {
        rows[i].it = items->at[i];
        rows[i].lead_shown = leads[i] = lead_shown(&items->at[i]);
        ok = leads[i] != NULL;
    }
    if (ok)
        cli_print_list(&shown_desc, rows, items->n, LS_FMT_TABLE, cols, stdout);
    for (i = 0; leads && i < items->n; i++)
        free(leads[i]);
    free(rows);
    free(leads);
}

int cmd_tasks(int argc, char **argv)
{
    static const cli_column cols[] = {
        {"id", "序号", 6},     {"kind", "类型", 6},       {"text", "任务", 40},
        {"lead_shown", "牵头单位", 16}, {"co", "配合单位", 16}, {"due", "完成时限", 10},
        {"status", "状态", 6}, {"path", "所属", 24},      {NULL, NULL, 0}};
    read_args r;
    ls_format fmt;
    ls_item_list items = {NULL, 0, NULL};
    ls_store *store;
    ls_error err;
    char **pos = NULL;
    int npos = 0, code;

    memset(&r, 0, sizeof r);
    r.format = "table";
    store = open_reading(argc, argv, "tasks", tasks_usage, &r, &fmt, &pos, &npos, &code);
    if (store)
        code = cli_store_status("tasks", ls_ledger_items(store, &r.f, &items, &err), &err);
    if (store && code == EXIT_OK && fmt == LS_FMT_TABLE)
        print_shown(&items, cols);
    else if (store && code == EXIT_OK)
        cli_print_list(&ls_item_desc, items.at, items.n, fmt, cols, stdout);
    ls_mem_free(items.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void targets_usage(FILE *out)
{
    fprintf(out, "usage: luoshi targets [filters] [--format F]\n\n"
                 "Lists the quantified targets of the ledger rows, one per line: the row, the\n"
                 "metric, comparator, value and unit, the change, and the baseline (last year's\n"
                 "actual of the same metric in the review) with the change from it.\n"
                 "--limit and --offset count targets (as GET /api/v1/targets does).\n\n%s",
            filter_help);
}

int cmd_targets(int argc, char **argv)
{
    static const cli_column cols[] = {
        {"item", "序号", 6},      {"metric", "指标", 20},       {"text", "目标", 14},
        {"op", "比较", 4},        {"value", "数值", 12},        {"unit", "单位", 8},
        {"baseline_text", "上年实际", 14}, {"change_pct", "较上年%", 8},
        {"lead", "牵头单位", 14}, {"status", "状态", 6},        {NULL, NULL, 0}};
    read_args r;
    ls_format fmt;
    ls_target_list targets = {NULL, 0, NULL};
    ls_store *store;
    ls_error err;
    char **pos = NULL;
    int npos = 0, code;

    memset(&r, 0, sizeof r);
    r.format = "table";
    store = open_reading(argc, argv, "targets", targets_usage, &r, &fmt, &pos, &npos, &code);
    if (store)
        code = cli_store_status("targets", ls_store_targets(store, &r.f, &targets, &err), &err);
    if (store && code == EXIT_OK)
        cli_print_list(&ls_target_row_desc, targets.at, targets.n, fmt, cols, stdout);
    ls_mem_free(targets.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void status_usage(FILE *out)
{
    fprintf(out, "usage: luoshi status [--as-of DATE] [filters] [--format F]\n\n"
                 "Judges each ledger row against 序时进度 (the share of its period elapsed) as\n"
                 "docs/status.md says, and prints the totals by status, then each row with the\n"
                 "reason for its status. --format json prints {as_of, totals, items}.\n\n%s",
            filter_help);
}

static int file_sink(void *ctx, const char *bytes, size_t n)
{
    return fwrite(bytes, 1, n, ctx) == n;
}

int cmd_status(int argc, char **argv)
{
    static const cli_column cols[] = {{"id", "序号", 6},      {"status", "状态", 6},
                                      {"reason", "依据", 50}, {"lead", "牵头单位", 14},
                                      {"text", "任务", 30},   {NULL, NULL, 0}};
    read_args r;
    ls_format fmt;
    ls_item_list items = {NULL, 0, NULL};
    ls_pace_totals totals;
    ls_store *store;
    ls_error err;
    ls_jw w;
    char **pos = NULL;
    int npos = 0, code;
    size_t k;

    memset(&r, 0, sizeof r);
    memset(&totals, 0, sizeof totals);
    r.format = "table";
    store = open_reading(argc, argv, "status", status_usage, &r, &fmt, &pos, &npos, &code);
    if (store)
        code = cli_store_status("status", ls_store_items(store, &r.f, &items, &err), &err);
    if (store && code == EXIT_OK)
        code = cli_store_status("status", ls_ledger_totals(items.at, items.n, &totals, &err),
                                &err);
    if (!store || code != EXIT_OK)
        goto done;
    if (fmt == LS_FMT_JSON) {
        ls_jw_init(&w, file_sink, stdout, 0);
        ls_jw_set_indent(&w, 2);
        ls_status_json(&w, r.f.as_of, &totals, &items);
        ls_jw_finish(&w);
        ls_jw_release(&w);
        fputc('\n', stdout);
        goto done;
    }
    if (fmt == LS_FMT_TABLE) {
        /* the rows judged, then 未分工 apart: a draft row is in no total */
        printf("共 %zu 项", totals.all.total);
        for (k = 0; k < totals.ncols; k++)
            printf("，%s %zu 项（%.1f%%）", ls_pace_name(totals.cols[k]),
                   totals.all.n[totals.cols[k]],
                   totals.all.total ? 100.0 * (double)totals.all.n[totals.cols[k]] /
                                          (double)totals.all.total
                                    : 0);
        if (totals.unassigned)
            printf("；另有未分工 %zu 项，不计入统计", totals.unassigned);
        printf("\n\n");
    }
    cli_print_list(&ls_item_desc, items.at, items.n, fmt, cols, stdout);
done:
    ls_mem_free(items.mem);
    ls_mem_free(totals.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void history_usage(FILE *out)
{
    fprintf(out, "usage: luoshi history ITEM [--db D] [--format table|json|jsonl|csv]\n\n"
                 "The change log of ledger row ITEM, oldest first: when, who, what changed,\n"
                 "the old and the new value (the import of its report included).\n");
}

int cmd_history(int argc, char **argv)
{
    static const cli_column cols[] = {{"at", "时间", 20},    {"actor", "操作人", 12},
                                      {"action", "操作", 8}, {"field", "字段", 8},
                                      {"old", "原值", 24},   {"new", "新值", 40},
                                      {NULL, NULL, 0}};
    const char *db = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    long long item = 0;
    ls_store *store = NULL;
    ls_format fmt;
    ls_change_list log = {NULL, 0, NULL};
    ls_error err;

    code = cli_parse_opts(argc, argv, "history", opts, history_usage, &pos, &npos);
    if (code == EXIT_OK && (npos != 1 || !ls_format_parse(format, &fmt))) {
        history_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK && !cli_item_id("history", pos[0], &item))
        code = EXIT_USAGE;
    if (code == EXIT_OK)
        store = cli_open_store("history", db, NULL, &code);
    if (store)
        code = cli_store_status("history", ls_store_history(store, item, &log, &err), &err);
    if (store && code == EXIT_OK)
        cli_print_list(&ls_change_desc, log.at, log.n, fmt, cols, stdout);
    ls_mem_free(log.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
