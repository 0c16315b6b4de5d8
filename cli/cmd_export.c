/*
 * cmd_export.c — `luoshi export`: the ledger as the tables offices use
 * (分工方案, 主要指标分解表, 报送表), in XLSX, CSV or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sheet.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi export [--format xlsx|csv|json] [--layout fengong|zhibiao|baosong]\n"
            "                     [--out FILE] [--report ID] [--gov NAME] [--year N]\n"
            "                     [--unit UNIT] [--status S] [--part P] [--as-of DATE] [--db D]\n\n"
            "Writes the ledger as a table offices use: fengong, the 分工方案 (task, heading,\n"
            "leader, lead and co units, deadline); zhibiao, the 主要指标分解表 (one line per\n"
            "quantified target, with last year's figure); baosong, the 报送表 units fill in\n"
            "and luoshi progress --from-xlsx merges back. XLSX (the default) needs --out\n"
            "(--out - writes to standard output); CSV is UTF-8 with BOM.\n");
}

static const char *const formats[] = {"xlsx", "csv", "json", NULL};
static const char *const layouts[] = {"fengong", "zhibiao", "baosong", NULL};

/* True when 's' is one of the NULL-ended 'words'. */
static int one_of(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return 1;
    return 0;
}

int cmd_export(int argc, char **argv)
{
    const char *db = NULL, *format = "xlsx", *layout = "fengong", *out_path = NULL, *report = NULL,
               *year = NULL;
    ls_item_filter f;
    cli_opt opts[] = {CLI_OPT_VALUE("--format", &format), CLI_OPT_VALUE("--layout", &layout),
                      CLI_OPT_VALUE("--out", &out_path),  CLI_OPT_VALUE("--report", &report),
                      CLI_OPT_VALUE("--gov", &f.gov),     CLI_OPT_VALUE("--year", &year),
                      CLI_OPT_VALUE("--unit", &f.unit),   CLI_OPT_VALUE("--status", &f.status),
                      CLI_OPT_VALUE("--part", &f.part),   CLI_OPT_VALUE("--as-of", &f.as_of),
                      CLI_OPT_VALUE("--db", &db),         CLI_OPT_END};
    char **pos = NULL, *data = NULL;
    size_t len = 0;
    int npos = 0, code;
    double y;
    ls_store *store = NULL;
    ls_sheet sheet = {NULL, NULL, 0, NULL, 0, NULL};
    ls_error err;
    FILE *out = stdout;

    memset(&f, 0, sizeof f);
    code = cli_parse_opts(argc, argv, "export", opts, usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (npos || (report && !cli_item_id("export", report, &f.report)) ||
        (year && !cli_number("export", "--year", year, &y))) {
        usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (year)
        f.year = (int)y;
    if (!one_of(format, formats) || !one_of(layout, layouts)) {
        fprintf(stderr, "luoshi export: --format is xlsx, csv or json; --layout is fengong, "
                        "zhibiao or baosong\n");
        code = EXIT_USAGE;
        goto done;
    }
    if (strcmp(format, "xlsx") == 0 && (!out_path || (strcmp(out_path, "-") == 0 && isatty(1)))) {
        fprintf(stderr, "luoshi export: XLSX is binary: give --out FILE\n");
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("export", db, NULL, &code);
    if (store)
        code = cli_store_status("export", ls_ledger_export(store, &f, layout, &sheet, &err), &err);
    if (store && code == EXIT_OK)
        code = cli_store_status("export", ls_sheet_write(&sheet, format, &data, &len, &err),
                                &err);
    ls_mem_free(sheet.mem);
    if (code != EXIT_OK)
        goto done;
    if (out_path && strcmp(out_path, "-") != 0 && !(out = fopen(out_path, "wb"))) {
        fprintf(stderr, "luoshi export: cannot write %s\n", out_path);
        code = EXIT_INPUT;
        goto done;
    }
    if (fwrite(data, 1, len, out) != len || (out != stdout && fclose(out) != 0)) {
        fprintf(stderr, "luoshi export: cannot write %s\n", out_path ? out_path : "the output");
        code = EXIT_INPUT;
    }
done:
    ls_free(data);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
