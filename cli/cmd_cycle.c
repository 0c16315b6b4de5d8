/*
 * cmd_cycle.c — the closed loop of 督办 on the command line: `luoshi cycle`
 * (the reporting cycle: set or show), `luoshi late --period P` (units and
 * rows with no report by the due day), `luoshi rank --period P` (units
 * ranked) and `luoshi remind --as-of D --within N` (a 催办单 per unit as
 * Markdown, HTML or DOCX). The rules are the ledger's (src/ledger/cycle.c,
 * remind.c); the writers src/format/cycle_json.c and remind_out.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cycle_json.h"
#include "remind_out.h"

static int file_sink(void *ctx, const char *bytes, size_t n)
{
    return fwrite(bytes, 1, n, ctx) == n;
}

/* Writes 'len' bytes to 'path' (NULL or "-": standard output). */
static int write_out(const char *cmd, const char *path, const char *data, size_t len)
{
    FILE *out = stdout;
    int ok;

    if (path && strcmp(path, "-") != 0 && !(out = fopen(path, "wb"))) {
        fprintf(stderr, "luoshi %s: cannot write %s\n", cmd, path);
        return EXIT_INPUT;
    }
    ok = fwrite(data, 1, len, out) == len;
    if (out != stdout)
        ok = fclose(out) == 0 && ok;
    if (!ok)
        fprintf(stderr, "luoshi %s: cannot write %s\n", cmd, path ? path : "the output");
    return ok ? EXIT_OK : EXIT_INPUT;
}

/* Prints 's' and blanks up to 'width' display columns (a character from
 * U+1100 on takes two), so that Chinese names line up. */
static void pad(const char *s, int width)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int w = 0;

    for (; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0xE1 ? 2 : 1;
    printf("%s%*s", s ? s : "", width > w ? width - w : 0, "");
}

/* --report, --year into 'f'; 0 after printing an error. */
static int filter_args(const char *cmd, const char *report, const char *year, ls_item_filter *f)
{
    double v;

    if (report && !cli_item_id(cmd, report, &f->report))
        return 0;
    if (year) {
        if (!cli_number(cmd, "--year", year, &v))
            return 0;
        f->year = (int)v;
    }
    return 1;
}

static void cycle_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi cycle set --every month|quarter --due-day N [--db D] [--as NAME]\n"
            "       luoshi cycle [--format table|json] [--db D]\n\n"
            "Sets the reporting cycle of the office (月报 or 季报): units report every month\n"
            "or quarter by day N of the month after the period (the month's last day when\n"
            "shorter). Without set, prints the cycle in force (none set: quarter, day 10).\n");
}

int cmd_cycle(int argc, char **argv)
{
    const char *db = NULL, *every = NULL, *day = NULL, *as = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--every", &every), CLI_OPT_VALUE("--due-day", &day),
                      CLI_OPT_VALUE("--db", &db),       CLI_OPT_VALUE("--as", &as),
                      CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code, set;
    double n = 0;
    ls_store *store = NULL;
    ls_cycle c;
    ls_error err;
    ls_jw w;

    code = cli_parse_opts(argc, argv, "cycle", opts, cycle_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    set = npos == 1 && strcmp(pos[0], "set") == 0;
    if ((npos && !set) || (set && (!every || !day)) || (!set && (every || day)) ||
        (strcmp(format, "table") != 0 && strcmp(format, "json") != 0)) {
        cycle_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (set && !cli_number("cycle", "--due-day", day, &n)) {
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("cycle", db, as, &code);
    if (store && set)
        code = cli_store_status("cycle", ls_store_cycle_set(store, every, (int)n, &err), &err);
    if (store && code == EXIT_OK)
        code = cli_store_status("cycle", ls_store_cycle(store, &c, &err), &err);
    if (!store || code != EXIT_OK)
        goto done;
    if (strcmp(format, "json") == 0) {
        ls_jw_init(&w, file_sink, stdout, 15);
        ls_jw_set_indent(&w, 2);
        ls_cycle_json(&w, &c);
        ls_jw_finish(&w);
        ls_jw_release(&w);
        fputc('\n', stdout);
    } else if (c.is_set) {
        printf("%s，每%s结束后次月%d日前报送（%s 由 %s 设定）\n",
               strcmp(c.every, "month") == 0 ? "月报" : "季报",
               strcmp(c.every, "month") == 0 ? "月" : "季度", c.due_day, c.set_at, c.set_by);
    } else {
        printf("季报，每季度结束后次月10日前报送（默认，未设定）\n");
    }
done:
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void period_usage(FILE *out, const char *cmd)
{
    fprintf(out,
            "usage: luoshi %s --period P [--report ID | --gov NAME] [--year N] [--unit UNIT]\n"
            "                  [--format table|json] [--db D]\n\n",
            cmd);
}

static void late_usage(FILE *out)
{
    period_usage(out, "late");
    fprintf(out, "Lists the units and the rows with no report for period P (YYYY-MM, YYYY-Qn,\n"
                 "YYYY-Hn or YYYY) by its due day under the reporting cycle (luoshi cycle):\n"
                 "未报送 (none) or 逾期报送 (stored after the due day). Without --report, the\n"
                 "latest report of one government.\n");
}

static void rank_usage(FILE *out)
{
    period_usage(out, "rank");
    fprintf(out, "Ranks the lead units for period P: on-time reporting rate, then the share of\n"
                 "their rows at or above 序时进度 at the period's end, then fewer returns (退回,\n"
                 "history entries of action \"returned\").\n");
}

/* Prints the late reports of 'p' as a table. */
static void late_table(const ls_cycle_period *p)
{
    size_t i, late = 0;

    for (i = 0; i < p->nrows; i++)
        late += p->rows[i].reported != LS_REPORTED_ON_TIME;
    printf("%s %s：报送时限 %s，应报送 %zu 项，未按时报送 %zu 项\n\n", p->gov, p->label, p->due,
           p->nrows, late);
    for (i = 0; i < p->nunits; i++)
        if (p->units[i].late + p->units[i].missing) {
            pad(p->units[i].unit, 16);
            printf(" 应报 %zu  按时 %zu  逾期报送 %zu  未报送 %zu\n", p->units[i].expected,
                   p->units[i].on_time, p->units[i].late, p->units[i].missing);
        }
    if (late)
        printf("\n");
    for (i = 0; i < p->nrows; i++) {
        const ls_cycle_row *r = &p->rows[i];
        if (r->reported == LS_REPORTED_ON_TIME)
            continue;
        printf("%-6lld ", r->item->id);
        pad(ls_reported_name(r->reported), 9);
        pad(r->item->lead, 16);
        printf("%s\n", r->item->text);
    }
}

static void rank_table(const ls_cycle_period *p)
{
    size_t i;

    printf("%s %s：报送时限 %s\n\n排名 ", p->gov, p->label, p->due);
    pad("牵头单位", 16);
    printf(" 按时报送率       达到序时进度     退回\n");
    for (i = 0; i < p->nunits; i++) {
        const ls_unit_rank *u = &p->units[i];
        char a[32], b[32];
        /* "—" where nothing was due or judged: 0 of 0 is no rate */
        if (u->expected)
            snprintf(a, sizeof a, "%.1f%% (%zu/%zu)", u->on_time_rate, u->on_time, u->expected);
        else
            snprintf(a, sizeof a, "—");
        if (u->judged)
            snprintf(b, sizeof b, "%.1f%% (%zu/%zu)", u->on_schedule_share, u->on_schedule,
                     u->judged);
        else
            snprintf(b, sizeof b, "—");
        printf("%-4zu ", u->rank);
        pad(u->unit, 16);
        printf(" %-16s %-16s %zu\n", a, b, u->returned);
    }
}

/* `luoshi late` and `luoshi rank`: one period, two views. */
static int period_cmd(int argc, char **argv, const char *cmd, void (*usage)(FILE *), int rank)
{
    const char *db = NULL, *period = NULL, *format = "table", *report = NULL, *year = NULL;
    ls_item_filter f;
    cli_opt opts[] = {CLI_OPT_VALUE("--period", &period), CLI_OPT_VALUE("--format", &format),
                      CLI_OPT_VALUE("--report", &report), CLI_OPT_VALUE("--gov", &f.gov),
                      CLI_OPT_VALUE("--year", &year),     CLI_OPT_VALUE("--unit", &f.unit),
                      CLI_OPT_VALUE("--db", &db),         CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code, json;
    ls_store *store = NULL;
    ls_cycle_period p;
    ls_error err;
    ls_jw w;

    memset(&f, 0, sizeof f);
    memset(&p, 0, sizeof p);
    code = cli_parse_opts(argc, argv, cmd, opts, usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    json = strcmp(format, "json") == 0;
    if (npos || !period || (!json && strcmp(format, "table") != 0)) {
        usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (!filter_args(cmd, report, year, &f)) {
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store(cmd, db, NULL, &code);
    if (store)
        code = cli_store_status(cmd, ls_ledger_cycle_period(store, &f, period, &p, &err), &err);
    if (!store || code != EXIT_OK)
        goto done;
    if (json) {
        ls_jw_init(&w, file_sink, stdout, 15);
        ls_jw_set_indent(&w, 2);
        if (rank)
            ls_rank_json(&w, &p);
        else
            ls_late_json(&w, &p);
        ls_jw_finish(&w);
        ls_jw_release(&w);
        fputc('\n', stdout);
    } else if (rank) {
        rank_table(&p);
    } else {
        late_table(&p);
    }
done:
    ls_cycle_period_free(&p);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

int cmd_late(int argc, char **argv)
{
    return period_cmd(argc, argv, "late", late_usage, 0);
}

int cmd_rank(int argc, char **argv)
{
    return period_cmd(argc, argv, "rank", rank_usage, 1);
}

static void remind_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi remind [--as-of DATE] [--within N] [--unit UNIT] [--report ID |\n"
            "                     --gov NAME] [--format md|html|docx|json] [--out FILE]\n"
            "                     [--issuer TEXT] [--signature TEXT] [--db D]\n\n"
            "Drafts a 催办单 per lead unit as of DATE (default today): its rows overdue (红),\n"
            "behind 序时进度 (黄) and due within N days (蓝, default 15). DOCX needs --out.\n"
            "--issuer heads each sheet (发文机关), --signature signs it (落款).\n");
}

int cmd_remind(int argc, char **argv)
{
    const char *db = NULL, *as_of = NULL, *within = NULL, *format = "md", *out_path = NULL,
               *report = NULL, *year = NULL, *issuer = NULL, *signature = NULL;
    ls_item_filter f;
    cli_opt opts[] = {CLI_OPT_VALUE("--as-of", &as_of),   CLI_OPT_VALUE("--within", &within),
                      CLI_OPT_VALUE("--unit", &f.unit),   CLI_OPT_VALUE("--report", &report),
                      CLI_OPT_VALUE("--gov", &f.gov),     CLI_OPT_VALUE("--year", &year),
                      CLI_OPT_VALUE("--format", &format), CLI_OPT_VALUE("--out", &out_path),
                      CLI_OPT_VALUE("--issuer", &issuer), CLI_OPT_VALUE("--signature", &signature),
                      CLI_OPT_VALUE("--db", &db),         CLI_OPT_END};
    char **pos = NULL, *text = NULL;
    size_t len = 0;
    int npos = 0, code;
    double days = 15;
    ls_store *store = NULL;
    ls_remind r;
    ls_error err;
    ls_jw w;

    memset(&f, 0, sizeof f);
    memset(&r, 0, sizeof r);
    code = cli_parse_opts(argc, argv, "remind", opts, remind_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (npos || (within && !cli_number("remind", "--within", within, &days)) ||
        !filter_args("remind", report, year, &f)) {
        if (npos)
            remind_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (strcmp(format, "docx") == 0 && (!out_path || (strcmp(out_path, "-") == 0 && isatty(1)))) {
        fprintf(stderr, "luoshi remind: DOCX is binary: give --out FILE\n");
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("remind", db, NULL, &code);
    if (store)
        code = cli_store_status("remind", ls_ledger_remind(store, &f, as_of, (int)days, &r, &err),
                                &err);
    if (!store || code != EXIT_OK)
        goto done;
    if (strcmp(format, "json") == 0) {
        ls_jw_init(&w, NULL, NULL, 15);
        ls_jw_set_indent(&w, 2);
        ls_remind_json(&w, &r);
        code = ls_jw_finish(&w) ? write_out("remind", out_path, w.out.data, w.out.len)
                                : cli_store_status("remind", ls_error_nomem(&err), &err);
        ls_jw_release(&w);
        if (code == EXIT_OK && (!out_path || strcmp(out_path, "-") == 0))
            fputc('\n', stdout);
        goto done;
    }
    code = cli_store_status("remind",
                            ls_remind_text(&r, format, issuer, signature, &text, &len, &err), &err);
    if (code == EXIT_OK)
        code = write_out("remind", out_path, text, len);
done:
    ls_free(text);
    ls_remind_free(&r);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
