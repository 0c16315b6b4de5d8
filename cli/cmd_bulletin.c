/*
 * cmd_bulletin.c — `luoshi bulletin --period P`: the supervision bulletin
 * of a period, and `luoshi coverage`: commitments the ledger missed and
 * rows too vague to check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "bulletin_out.h"
#include "cli.h"

static void bulletin_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi bulletin --period 2023-Q2 [--format md|html|docx] [--out FILE]\n"
            "                       [--gov NAME] [--year N] [--report ID] [--unit UNIT]\n"
            "                       [--issuer 发文机关] [--number 文号] [--date YYYY-MM-DD]\n"
            "                       [--signature 落款] [--drafts]\n"
            "                       [--ahead P] [--tolerance P] [--db D]\n\n"
            "Drafts the supervision bulletin (通报) of the period (YYYY-Qn, YYYY-Hn, YYYY-MM or\n"
            "YYYY; status as of its last day) as an official document: totals and shares,\n"
            "the lead units ranked (on-time reporting, share on schedule, returns), the units\n"
            "that did not report by the due day named, the rows behind and overdue; a section\n"
            "with nothing in it is left out. HTML has charts and a print stylesheet; DOCX\n"
            "needs --out. Without --report: the latest report of one government of the\n"
            "period's year. --signature defaults to --issuer, --date to today.\n");
}

int cmd_bulletin(int argc, char **argv)
{
    const char *db = NULL, *period = NULL, *format = "md", *out_path = NULL, *report = NULL,
               *year = NULL, *ahead = NULL, *tolerance = NULL, *issuer = NULL, *number = NULL,
               *date = NULL, *signature = NULL;
    char today[11];
    ls_item_filter f;
    cli_opt opts[] = {CLI_OPT_VALUE("--period", &period), CLI_OPT_VALUE("--format", &format),
                      CLI_OPT_VALUE("--out", &out_path),  CLI_OPT_VALUE("--gov", &f.gov),
                      CLI_OPT_VALUE("--year", &year),     CLI_OPT_VALUE("--report", &report),
                      CLI_OPT_VALUE("--unit", &f.unit),   CLI_OPT_VALUE("--ahead", &ahead),
                      CLI_OPT_VALUE("--tolerance", &tolerance), CLI_OPT_VALUE("--db", &db),
                      CLI_OPT_FLAG("--drafts", &f.drafts), CLI_OPT_VALUE("--issuer", &issuer),
                      CLI_OPT_VALUE("--number", &number), CLI_OPT_VALUE("--date", &date),
                      CLI_OPT_VALUE("--signature", &signature), CLI_OPT_END};
    char **pos = NULL, *text = NULL;
    size_t len = 0;
    int npos = 0, code;
    double v;
    ls_store *store = NULL;
    ls_bulletin bl;
    ls_error err;
    FILE *out = stdout;

    memset(&f, 0, sizeof f);
    code = cli_parse_opts(argc, argv, "bulletin", opts, bulletin_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (npos || !period) {
        bulletin_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if ((report && !cli_item_id("bulletin", report, &f.report)) ||
        (year && !cli_number("bulletin", "--year", year, &v)) ||
        (ahead && !cli_number("bulletin", "--ahead", ahead, &f.ahead)) ||
        (tolerance && !cli_number("bulletin", "--tolerance", tolerance, &f.tolerance))) {
        code = EXIT_USAGE;
        goto done;
    }
    if (year)
        f.year = (int)v;
    if (strcmp(format, "docx") == 0 && (!out_path || strcmp(out_path, "-") == 0)) {
        fprintf(stderr, "luoshi bulletin: DOCX is binary: give --out FILE\n");
        code = EXIT_USAGE;
        goto done;
    }
    ls_store_today(today);
    if (ahead || tolerance) {
        f.custom_rule = 1;
        if (!ahead)
            f.ahead = 10;
    }
    store = cli_open_store("bulletin", db, NULL, &code);
    if (!store)
        goto done;
    code = cli_store_status("bulletin", ls_ledger_bulletin(store, &f, period, &bl, &err), &err);
    bl.issuer = issuer;
    bl.number = number;
    bl.signature = signature ? signature : issuer;
    bl.date = date ? date : today;
    if (code == EXIT_OK)
        code = cli_store_status("bulletin", ls_bulletin_text(&bl, format, &text, &len, &err),
                                &err);
    ls_bulletin_free(&bl);
    if (code != EXIT_OK)
        goto done;
    if (out_path && !(out = fopen(out_path, "wb"))) {
        fprintf(stderr, "luoshi bulletin: cannot write %s\n", out_path);
        code = EXIT_INPUT;
        goto done;
    }
    fwrite(text, 1, len, out);
    if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "luoshi bulletin: cannot write %s\n", out_path);
        code = EXIT_INPUT;
    }
done:
    ls_free(text);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void coverage_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi coverage [--report ID] [--db D] [--format table|json]\n\n"
            "Lists the sentences of the report (default: the last imported) that commit to\n"
            "something — a quantified target, a deadline, or a commitment verb such as\n"
            "建成/完成/开工/确保/力争 — but have no ledger row (漏分解), then the rows with\n"
            "no number and no date, or no lead unit (vague commitments).\n");
}

/* The id of the newest report, or 0. */
static long long last_report(ls_store *store)
{
    ls_report_list reports;
    long long id = 0;
    ls_error err;

    if (ls_store_reports(store, &reports, &err) == LS_OK && reports.n > 0)
        id = reports.at[reports.n - 1].id;
    ls_mem_free(reports.mem);
    return id;
}

int cmd_coverage(int argc, char **argv)
{
    static const cli_column ucols[] = {{"start", "位置", 8}, {"why", "依据", 20},
                                       {"path", "所属", 24}, {"text", "未入台账的承诺", 60},
                                       {NULL, NULL, 0}};
    static const cli_column vcols[] = {{"id", "序号", 6}, {"missing", "缺少", 30},
                                       {"text", "台账事项", 60}, {NULL, NULL, 0}};
    const char *db = NULL, *report = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--report", &report), CLI_OPT_VALUE("--format", &format),
                      CLI_OPT_VALUE("--db", &db), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    long long id = 0;
    ls_store *store = NULL;
    ls_format fmt;
    ls_coverage cov = {0};
    ls_error err;

    code = cli_parse_opts(argc, argv, "coverage", opts, coverage_usage, &pos, &npos);
    if (code == EXIT_OK && (npos || !ls_format_parse(format, &fmt))) {
        coverage_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK && report && !cli_item_id("coverage", report, &id))
        code = EXIT_USAGE;
    if (code == EXIT_OK)
        store = cli_open_store("coverage", db, NULL, &code);
    if (store && !id && !(id = last_report(store))) {
        fprintf(stderr, "luoshi coverage: the ledger holds no report (luoshi import)\n");
        code = EXIT_INPUT;
    }
    if (store && code == EXIT_OK)
        code = cli_store_status("coverage", ls_store_coverage(store, id, &cov, &err), &err);
    if (code == EXIT_OK && fmt == LS_FMT_TABLE) {
        printf("报告 %lld：%zu 句承诺未入台账（漏分解），%zu 个台账事项表述笼统或无责任单位\n\n", id,
               cov.nuncovered, cov.nvague);
        cli_print_list(&ls_uncovered_desc, cov.uncovered, cov.nuncovered, fmt, ucols, stdout);
        printf("\n");
        cli_print_list(&ls_vague_desc, cov.vague, cov.nvague, fmt, vcols, stdout);
    } else if (code == EXIT_OK)
        cli_print_object(&ls_coverage_desc, &cov, stdout);
    ls_mem_free(cov.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
