/*
 * cmd_tasks.c — reading the ledger: `luoshi tasks` (the rows, filtered),
 * `luoshi targets` (their quantified targets, one per line, with the
 * baseline), `luoshi status` (each row's status against 序时进度 and the
 * totals), and `luoshi history ITEM` (a row's change log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

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
        CLI_OPT_FLAG("--removed", &(r)->f.removed)

static const char filter_help[] =
    "filters: --unit UNIT (lead or co)  --status S (已完成 超进度 达进度 欠进度 未启动 逾期,\n"
    "         or done ahead on_track behind not_started overdue)  --part plan|requirements|self\n"
    "         --heading TEXT  --text TEXT  --due-before DATE  --gov NAME  --year N\n"
    "         --report ID  --kind task|target  --limit N  --offset N\n"
    "         --removed (the rows taken out of the ledger by luoshi remove, instead)\n"
    "status:  --as-of DATE (default today)  --ahead P (10)  --tolerance P (0): docs/status.md\n"
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

/* What a reading command reads: ls_store_items or ls_store_targets. */
typedef ls_status (*read_fn)(ls_store *, const ls_item_filter *, json_t **, ls_error *);

/* Parses the shared options, opens the store and reads the records. */
static int read_records(int argc, char **argv, const char *cmd, void (*usage)(FILE *),
                        read_fn read, read_args *r, ls_format *fmt, json_t **items, char ***pos,
                        int *npos)
{
    cli_opt opts[] = {READ_OPTS(r), CLI_OPT_END};
    ls_store *store;
    ls_error err;
    int code;

    *items = NULL;
    code = cli_parse_opts(argc, argv, cmd, opts, usage, pos, npos);
    if (code != EXIT_OK)
        return code;
    if (!finish_args(cmd, r, fmt))
        return EXIT_USAGE;
    store = cli_open_store(cmd, r->db, NULL, &code);
    if (!store)
        return code;
    code = cli_store_status(cmd, read(store, &r->f, items, &err), &err);
    ls_store_close(store);
    return code;
}

static void tasks_usage(FILE *out)
{
    fprintf(out, "usage: luoshi tasks [filters] [--format F]\n\n"
                 "Lists the ledger rows: number, kind, heading path, sentence, targets, lead\n"
                 "unit (or the suggestion, marked ?), co units, deadline, latest progress and\n"
                 "status.\n\n%s",
            filter_help);
}

/* For the table: the lead, or the suggestion marked with "?". */
static void add_lead_shown(json_t *items)
{
    size_t i;
    json_t *it;
    char buf[256];

    json_array_foreach(items, i, it)
    {
        const char *lead = json_string_value(json_object_get(it, "lead"));
        const char *sug = json_string_value(json_object_get(it, "suggested_lead"));
        snprintf(buf, sizeof buf, "%s%s", lead ? lead : sug ? sug : "", lead || !sug ? "" : "?");
        json_object_set_new(it, "lead_shown", json_string(buf));
    }
}

int cmd_tasks(int argc, char **argv)
{
    static const cli_column cols[] = {
        {"id", "序号", 6},     {"kind", "类型", 6},       {"text", "任务", 40},
        {"lead_shown", "牵头单位", 16}, {"co", "配合单位", 16}, {"due", "完成时限", 10},
        {"status", "状态", 6}, {"path", "所属", 24},      {NULL, NULL, 0}};
    read_args r;
    ls_format fmt;
    json_t *items = NULL;
    char **pos = NULL;
    int npos = 0, code;

    memset(&r, 0, sizeof r);
    r.format = "table";
    code = read_records(argc, argv, "tasks", tasks_usage, ls_store_items, &r, &fmt, &items, &pos,
                        &npos);
    if (code == EXIT_OK && npos) {
        tasks_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK) {
        if (fmt == LS_FMT_TABLE)
            add_lead_shown(items);
        cli_print_records(items, fmt, cols, stdout);
    }
    json_decref(items);
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
    json_t *targets = NULL;
    char **pos = NULL;
    int npos = 0, code;

    memset(&r, 0, sizeof r);
    r.format = "table";
    code = read_records(argc, argv, "targets", targets_usage, ls_store_targets, &r, &fmt,
                        &targets, &pos, &npos);
    if (code == EXIT_OK && npos) {
        targets_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK)
        cli_print_records(targets, fmt, cols, stdout);
    json_decref(targets);
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

int cmd_status(int argc, char **argv)
{
    static const char *const order[] = {"已完成", "超进度", "达进度", "欠进度", "未启动", "逾期",
                                        NULL};
    static const cli_column cols[] = {{"id", "序号", 6},      {"status", "状态", 6},
                                      {"reason", "依据", 50}, {"lead", "牵头单位", 14},
                                      {"text", "任务", 30},   {NULL, NULL, 0}};
    read_args r;
    ls_format fmt;
    json_t *items = NULL, *totals = json_object(), *it;
    char **pos = NULL;
    int npos = 0, code;
    size_t i, k, n;

    memset(&r, 0, sizeof r);
    r.format = "table";
    code = read_records(argc, argv, "status", status_usage, ls_store_items, &r, &fmt, &items, &pos,
                        &npos);
    if (code == EXIT_OK && npos) {
        status_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code != EXIT_OK)
        goto done;
    n = json_array_size(items);
    for (k = 0; order[k]; k++)
        json_object_set_new(totals, order[k], json_integer(0));
    json_array_foreach(items, i, it)
    {
        const char *s = json_string_value(json_object_get(it, "status"));
        json_object_set_new(totals, s,
                            json_integer(json_integer_value(json_object_get(totals, s)) + 1));
    }
    if (fmt == LS_FMT_JSON) {
        json_t *all = json_pack("{s:s?, s:O, s:O}", "as_of", r.f.as_of, "totals", totals,
                                "items", items);
        json_dumpf(all, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(all);
        goto done;
    }
    if (fmt == LS_FMT_TABLE) {
        printf("共 %zu 项", n);
        for (k = 0; order[k]; k++) {
            json_int_t c = json_integer_value(json_object_get(totals, order[k]));
            printf("，%s %lld 项（%.1f%%）", order[k], (long long)c, n ? 100.0 * (double)c / (double)n : 0);
        }
        printf("\n\n");
    }
    cli_print_records(items, fmt, cols, stdout);
done:
    json_decref(items);
    json_decref(totals);
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
