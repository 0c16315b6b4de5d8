/*
 * cmd_compare.c — reports side by side: `luoshi compare` (a metric across
 * governments and years, or all targets of a government), `luoshi
 * commitments` (兑现率: did the targets of year N come true in year N+1),
 * and `luoshi alias` (metric names the office says are one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "records.h"

static const cli_column mention_cols[] = {
    {"gov", "政府", 12},     {"year", "报告", 6},     {"for_year", "所指年份", 8}, {"kind", "类型", 8},
    {"metric", "指标", 20},  {"text", "原文", 14},    {"op", "比较", 4},
    {"value", "数值", 12},   {"unit", "单位", 8},     {"outcome", "次年兑现", 14},
    {"actual_text", "次年实际", 14}, {NULL, NULL, 0}};
static const cli_column rate_cols[] = {
    {"gov", "政府", 12},  {"year", "年份", 6},          {"met", "兑现", 6},
    {"missed", "未兑现", 6}, {"not_mentioned", "未再提及", 8}, {"rate_shown", "兑现率", 8},
    {NULL, NULL, 0}};

/* Fills the rate in % that the tables show ('shown': one buffer a rate). */
static void show_rates(ls_commit_rate *rates, size_t n, char (*shown)[32])
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (rates[i].has_rate)
            snprintf(shown[i], sizeof shown[i], "%.1f%%", 100 * rates[i].rate);
        else
            snprintf(shown[i], sizeof shown[i], "—");
        rates[i].rate_shown = shown[i];
    }
}

static void compare_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi compare [--metric NAME] [--gov NAME] [--years 2019-2025]\n"
            "                      [--db D] [--format table|json|jsonl|csv]\n\n"
            "Targets and actuals of the stored reports side by side (the latest version of\n"
            "each): of one metric (its aliases included: luoshi alias) across governments\n"
            "and years, or all of one government's. Each target of year N is checked against\n"
            "the actuals of the year-N+1 review of the same government (met / missed / not\n"
            "mentioned), with units normalised; the rate per government and year follows.\n"
            "The rule is in docs/linking.md.\n");
}

/* "2019-2025" or "2023" into 'from' and 'to'. */
static int parse_years(const char *text, int *from, int *to)
{
    char *end;

    *from = (int)strtol(text, &end, 10);
    *to = *from;
    if (*end == '-')
        *to = (int)strtol(end + 1, &end, 10);
    return *end == '\0' && *from > 1900 && *to >= *from;
}

int cmd_compare(int argc, char **argv)
{
    const char *db = NULL, *metric = NULL, *gov = NULL, *years = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--metric", &metric), CLI_OPT_VALUE("--gov", &gov),
                      CLI_OPT_VALUE("--years", &years),   CLI_OPT_VALUE("--db", &db),
                      CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code, from = 0, to = 0;
    ls_store *store = NULL;
    ls_comparison cmp = {0};
    char (*shown)[32] = NULL;
    ls_format fmt;
    ls_error err;

    code = cli_parse_opts(argc, argv, "compare", opts, compare_usage, &pos, &npos);
    if (code == EXIT_OK && (npos || (!metric && !gov) || !ls_format_parse(format, &fmt) ||
                            (years && !parse_years(years, &from, &to)))) {
        compare_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK)
        store = cli_open_store("compare", db, NULL, &code);
    if (store)
        code = cli_store_status("compare",
                                ls_store_compare(store, metric, gov, from, to, &cmp, &err), &err);
    if (code == EXIT_OK && fmt == LS_FMT_JSON) {
        cli_print_object(&ls_comparison_desc, &cmp, stdout);
    } else if (code == EXIT_OK) {
        cli_print_list(&ls_compared_row_desc, cmp.mentions, cmp.nmentions, fmt, mention_cols,
                       stdout);
        if (fmt == LS_FMT_TABLE && (shown = calloc(cmp.nrates + 1, sizeof *shown)) != NULL) {
            show_rates(cmp.rates, cmp.nrates, shown);
            printf("\n");
            cli_print_list(&ls_commit_rate_row_desc, cmp.rates, cmp.nrates, fmt, rate_cols,
                           stdout);
        }
    }
    free(shown);
    ls_mem_free(cmp.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void commitments_usage(FILE *out)
{
    fprintf(out, "usage: luoshi commitments --gov NAME --year N [--db D] [--format table|json]\n\n"
                 "The commitment check (兑现率) of the year-N report of a government: each target\n"
                 "against the actuals of the year-N+1 review (met / missed / not mentioned\n"
                 "again), with the two sentences side by side, and the rate.\n");
}

int cmd_commitments(int argc, char **argv)
{
    static const cli_column cols[] = {{"metric", "指标", 16},    {"text", "目标", 12},
                                      {"outcome", "兑现", 14},   {"actual_text", "次年实际", 12},
                                      {"sentence", "目标原句", 40}, {"actual_sentence", "次年原句", 40},
                                      {NULL, NULL, 0}};
    const char *db = NULL, *gov = NULL, *year = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--gov", &gov), CLI_OPT_VALUE("--year", &year),
                      CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--format", &format),
                      CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    double y = 0;
    ls_store *store = NULL;
    ls_commitment_list out = {0};
    ls_format fmt;
    ls_error err;
    size_t i;

    code = cli_parse_opts(argc, argv, "commitments", opts, commitments_usage, &pos, &npos);
    if (code == EXIT_OK && (npos || !gov || !year || !ls_format_parse(format, &fmt) ||
                            !cli_number("commitments", "--year", year, &y))) {
        commitments_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK)
        store = cli_open_store("commitments", db, NULL, &code);
    if (store)
        code = cli_store_status("commitments",
                                ls_store_commitments(store, gov, (int)y, &out, &err), &err);
    if (code == EXIT_OK && fmt == LS_FMT_JSON) {
        cli_print_object(&ls_commitment_list_desc, &out, stdout);
    } else if (code == EXIT_OK) {
        cli_print_list(&ls_commitment_row_desc, out.targets, out.ntargets, fmt, cols, stdout);
        for (i = 0; i < out.nrates; i++) {
            const ls_commit_rate *r = &out.rates[i];
            printf("\n%s %lld：兑现 %lld，未兑现 %lld，未再提及 %lld", gov, r->year, r->met,
                   r->missed, r->not_mentioned);
            if (r->has_rate)
                printf("，兑现率 %.1f%%", 100 * r->rate);
            printf("\n");
        }
    }
    ls_mem_free(out.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void alias_usage(FILE *out)
{
    fprintf(out, "usage: luoshi alias add ALIAS CANONICAL [--db D] [--as USER]\n"
                 "       luoshi alias remove ALIAS [--db D] [--as USER]\n"
                 "       luoshi alias [list] [--db D] [--format F]\n\n"
                 "Tells compare and commitments that two metric names measure one thing\n"
                 "(煤炭产量 → 原煤产量). Aliases are kept in the store and logged.\n");
}

int cmd_alias(int argc, char **argv)
{
    static const cli_column cols[] = {{"alias", "别名", 20}, {"canonical", "统一名称", 20},
                                      {"created_by", "设定人", 12}, {"created_at", "时间", 20},
                                      {NULL, NULL, 0}};
    const char *db = NULL, *actor = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--as", &actor),
                      CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    const char *verb;
    ls_store *store = NULL;
    ls_alias_list rows = {0};
    ls_format fmt;
    ls_error err;

    code = cli_parse_opts(argc, argv, "alias", opts, alias_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    verb = npos ? pos[0] : "list";
    if (!ls_format_parse(format, &fmt) ||
        !((strcmp(verb, "list") == 0 && npos <= 1) || (strcmp(verb, "add") == 0 && npos == 3) ||
          (strcmp(verb, "remove") == 0 && npos == 2))) {
        alias_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("alias", db, actor, &code);
    if (!store)
        goto done;
    if (strcmp(verb, "add") == 0)
        code = cli_store_status("alias", ls_store_alias_add(store, pos[1], pos[2], &err), &err);
    else if (strcmp(verb, "remove") == 0)
        code = cli_store_status("alias", ls_store_alias_remove(store, pos[1], &err), &err);
    else {
        code = cli_store_status("alias", ls_store_aliases(store, &rows, &err), &err);
        if (code == EXIT_OK)
            cli_print_list(&ls_alias_desc, rows.at, rows.n, fmt, cols, stdout);
    }
done:
    ls_mem_free(rows.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
