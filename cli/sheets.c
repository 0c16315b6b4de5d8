/*
 * sheets.c — tables that offices exchange, from the command line: a
 * 分工方案 read into assignments (luoshi assign --from) and a filled-in
 * 报送表 merged as progress (luoshi progress --from-xlsx). The rules are
 * the ledger's (ls_ledger_fengong_read and _apply: the preview of each
 * line and what is applied; ls_store_progress_sheet); this prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"

int cmd_assign_from(ls_store *store, const char *path, const char *report, int dry_run,
                    int create_units, int json);
int cmd_progress_from_xlsx(ls_store *store, const char *path, const char *unit);

/* At most 'chars' characters of 's', cut on a character boundary, with
 * "…" when cut. */
static void print_cut(const char *s, size_t chars)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = 0;

    while (*p && n < chars) {
        size_t len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        fwrite(p, 1, len, stdout);
        p += len;
        n++;
    }
    if (*p)
        fputs("…", stdout);
}

static void print_names(const char *label, const char *const *names, size_t n)
{
    size_t i;

    if (n == 0)
        return;
    printf(" %s ", label);
    for (i = 0; i < n; i++)
        printf("%s%s", i ? "、" : "", names[i]);
}

/* One line of the preview: where, what became of it, its rows, its task
 * and what it assigns. */
static void print_line(const ls_fg_line *l)
{
    static const char *const problems[] = {"", " (units not in the store)", " (no date)"};
    size_t i;

    printf("%5zu  %-6s %-9s ", l->line, l->no ? l->no : "", ls_fg_result_name(l->result));
    if (l->result == LS_FG_HEADING) {
        print_cut(l->task, 40);
        putchar('\n');
        return;
    }
    printf("%.2f  ", l->score);
    if (l->result == LS_FG_UNMATCHED && l->nrows)
        printf("nearest ");
    for (i = 0; i < l->nrows; i++)
        printf("%s%lld", i ? "," : "", l->rows[i].item);
    if (l->nrows == 0)
        printf("-");
    printf("  ");
    print_cut(l->task, 30);
    print_names("| 牵头", l->leads, l->nleads);
    print_names("| 配合", l->co, l->nco);
    if (l->others)
        printf(" | %s", l->others);
    if (l->leader)
        printf(" | %s", l->leader);
    if (l->due_text)
        printf(" | %s", l->clears_due ? "长期" : l->due ? l->due : l->due_text);
    printf("%s\n", problems[l->problem]);
}

/* The units the file names: those found by alias, and every one the
 * store lacks (the whole list: it is never cut). */
static void print_units(const ls_fengong *fg)
{
    size_t i, alias = 0;

    for (i = 0; i < fg->nunits; i++)
        alias += fg->units[i].alias;
    printf("units: %zu named, %zu by another name, %zu not in the store\n", fg->nunits, alias,
           fg->unknown_units);
    for (i = 0; i < fg->nunits; i++)
        if (fg->units[i].alias)
            printf("  %s = %s\n", fg->units[i].name, fg->units[i].unit);
    for (i = 0; i < fg->nunits; i++)
        if (!fg->units[i].unit)
            printf("  %s (not in the store)\n", fg->units[i].name);
}

static void print_preview(const ls_fengong *fg)
{
    size_t i;

    printf(" line  序号   result    score rows  task | owners\n");
    for (i = 0; i < fg->nlines; i++)
        print_line(&fg->lines[i]);
    print_units(fg);
    printf("%zu lines: %zu matched, %zu ambiguous, %zu unmatched, %zu headings\n", fg->nlines,
           fg->matched, fg->ambiguous, fg->unmatched, fg->headings);
}

static int stdout_sink(void *ctx, const char *s, size_t n)
{
    return fwrite(s, 1, n, ctx) == n;
}

static void print_json(const ls_fengong *fg)
{
    ls_jw w;

    ls_jw_init(&w, stdout_sink, stdout, 0);
    ls_jw_set_indent(&w, 2);
    ls_fengong_json(&w, fg);
    ls_jw_finish(&w);
    ls_jw_release(&w);
    fputc('\n', stdout);
}

int cmd_assign_from(ls_store *store, const char *path, const char *report, int dry_run,
                    int create_units, int json)
{
    FILE *say = json ? stderr : stdout;
    char *data = NULL;
    size_t len = 0, rows = 0, lines = 0, i, left = 0;
    long long id = 0;
    ls_fengong fg;
    ls_error err;
    int code;

    memset(&fg, 0, sizeof fg);
    if (!cli_item_id("assign", report, &id))
        return EXIT_USAGE;
    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    code = cli_store_status("assign",
                            ls_ledger_fengong_read(store, id, data, len, path, &fg, &err), &err);
    if (code == EXIT_OK && json)
        print_json(&fg);
    else if (code == EXIT_OK)
        print_preview(&fg);
    if (code == EXIT_OK && dry_run)
        fprintf(say, "dry run: nothing written\n");
    if (code == EXIT_OK && !dry_run)
        code = cli_store_status(
            "assign", ls_ledger_fengong_apply(store, &fg, NULL, 0, create_units, &rows, &lines, &err),
            &err);
    for (i = 0; code == EXIT_OK && !dry_run && i < fg.nlines; i++)
        left += fg.lines[i].result != LS_FG_HEADING &&
                (fg.lines[i].result != LS_FG_MATCHED || fg.lines[i].problem == LS_FG_BAD_DATE ||
                 (fg.lines[i].problem == LS_FG_UNKNOWN_UNIT && !create_units));
    if (code == EXIT_OK && !dry_run) {
        fprintf(say, "assigned %zu row%s from %zu line%s of %s\n", rows, rows == 1 ? "" : "s",
                lines, lines == 1 ? "" : "s", path);
        if (left)
            fprintf(say, "not applied: %zu line%s (ambiguous, unmatched, a bad date%s), listed above\n",
                   left, left == 1 ? "" : "s",
                   create_units ? "" : " or units not in the store: give --create-units");
    }
    ls_mem_free(fg.mem);
    free(data);
    return code;
}

/* Merges the 报送表 'path'; a 'unit' (--by, may be NULL) sends its own
 * lines only, and the file is kept as evidence of its rows. */
int cmd_progress_from_xlsx(ls_store *store, const char *path, const char *unit)
{
    char *data = NULL;
    size_t len = 0, n = 0;
    ls_error err;
    int code;

    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    code = cli_store_status("progress",
                            unit ? ls_ledger_progress_sheet_by(store, data, len, path, unit, &n,
                                                               &err)
                                 : ls_store_progress_sheet(store, data, len, path, &n, &err),
                            &err);
    if (code == EXIT_OK)
        printf("merged %zu new progress report%s from %s\n", n, n == 1 ? "" : "s", path);
    free(data);
    return code;
}
