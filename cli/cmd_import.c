/*
 * cmd_import.c — `luoshi import FILE… --gov NAME --year N`: reports into
 * the ledger, each in one transaction, and `luoshi reports`: what the
 * store holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi import FILE... --gov NAME --year N [--db D] [--as USER]\n\n"
            "Stores each report FILE in the ledger (--db, default luoshi.db or $LUOSHI_DB,\n"
            "created on first use) as the report of government NAME for year N, and drafts\n"
            "its ledger: one row per task of the plan, one per headline target, each with\n"
            "its heading path, sentence, targets and a suggested lead unit. The same file\n"
            "imported again changes nothing; a new text of the same year is stored as the\n"
            "next version. --as names who the change log records (default $USER).\n"
            "FILE may be text, a saved web page, a Word document (.docx) or a PDF.\n");
}

/* Prints how the import of 'path' went; its exit code. */
static int import_outcome(const char *path, const char *gov, int year, ls_status st,
                          const ls_import_result *res, const ls_error *err)
{
    if (st == LS_EUTF8 || st == LS_EBINARY || st == LS_ELIMIT || st == LS_EIO) {
        cli_report(path, err);
        return EXIT_INPUT;
    }
    if (st != LS_OK)
        return cli_store_status("import", st, err);
    if (res->created)
        printf("imported %s as report %lld (%s %d, version %d): %zu task rows, %zu headline "
               "target rows\n",
               path, res->report_id, gov, year, res->version, res->tasks, res->targets);
    else
        printf("%s was imported before as report %lld (version %d): nothing changed\n", path,
               res->report_id, res->version);
    return EXIT_OK;
}

int cli_import_file(ls_store *store, const char *path, const char *gov, int year)
{
    ls_import_result res;
    ls_error err;
    char *data = NULL;
    size_t len = 0;
    ls_status st;
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    st = ls_store_import(store, data, len, name, gov, year, &res, &err);
    free(data);
    return import_outcome(path, gov, year, st, &res, &err);
}

/* The files of one `luoshi import`, read on the import's reader thread
 * (ls_store_import_each) while the one before is stored. A file is freed
 * once its outcome is printed; at most three are held. */
typedef struct {
    char **files;
    int nfiles;
    const char *gov;
    int year;
    char **data; /* per file, until its outcome is printed */
    int code;
} import_run;

static ls_status next_file(void *ctx, size_t i, ls_import_input *in, ls_error *err)
{
    import_run *run = ctx;
    const char *path;
    size_t len = 0;

    if (i >= (size_t)run->nfiles)
        return LS_OK;
    path = run->files[i];
    if (!cli_load_file(path, &run->data[i], &len, err->message, sizeof err->message)) {
        /* the message names the path itself: printed as it is */
        err->code = LS_EIO;
        err->offset = LS_NO_OFFSET;
        err->line = 0;
        return LS_EIO;
    }
    in->bytes = run->data[i];
    in->len = len;
    in->source = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    in->gov = run->gov;
    in->year = run->year;
    return LS_OK;
}

static int file_done(void *ctx, size_t i, ls_status st, const ls_import_result *res,
                     const ls_error *err)
{
    import_run *run = ctx;

    run->code = import_outcome(run->files[i], run->gov, run->year, st, res, err);
    free(run->data[i]);
    run->data[i] = NULL;
    return run->code == EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
    const char *gov = NULL, *year_text = NULL, *db = NULL, *actor = NULL;
    cli_opt opts[] = {CLI_OPT_VALUE("--gov", &gov), CLI_OPT_VALUE("--year", &year_text),
                      CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--as", &actor), CLI_OPT_END};
    char **files = NULL, *end;
    int nfiles = 0, i, code, year = 0;
    ls_store *store = NULL;
    import_run run;
    ls_error err;

    memset(&run, 0, sizeof run);
    code = cli_parse_opts(argc, argv, "import", opts, usage, &files, &nfiles);
    if (code != EXIT_OK)
        goto done;
    if (nfiles == 0 || !gov || !year_text) {
        fprintf(stderr, "luoshi import: give FILE..., --gov NAME and --year N\n");
        code = EXIT_USAGE;
        goto done;
    }
    year = (int)strtol(year_text, &end, 10);
    if (*end != '\0' || end == year_text) {
        fprintf(stderr, "luoshi import: --year '%s' is not a year\n", year_text);
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("import", db, actor, &code);
    if (!store)
        goto done;
    run.files = files;
    run.nfiles = nfiles;
    run.gov = gov;
    run.year = year;
    run.data = calloc((size_t)nfiles, sizeof *run.data);
    if (!run.data) {
        fprintf(stderr, "luoshi import: out of memory\n");
        code = EXIT_STORE;
        goto done;
    }
    ls_store_import_each(store, next_file, file_done, &run, &err);
    code = run.code;
done:
    for (i = 0; run.data && i < nfiles; i++)
        free(run.data[i]);
    free(run.data);
    ls_store_close(store);
    free(files);
    return code == -1 ? EXIT_OK : code;
}

static void reports_usage(FILE *out)
{
    fprintf(out, "usage: luoshi reports [--db D] [--format table|json|jsonl|csv]\n\n"
                 "Lists the reports in the ledger: id, government, year, version, file,\n"
                 "SHA-256, when and by whom imported, and its number of ledger rows.\n");
}

int cmd_reports(int argc, char **argv)
{
    static const cli_column cols[] = {{"id", "id", 6},           {"gov", "政府", 20},
                                      {"year", "年份", 6},       {"version", "版本", 4},
                                      {"source", "文件", 30},    {"items", "台账行", 6},
                                      {"imported_at", "导入时间", 20}, {"sha256", "SHA-256", 16},
                                      {NULL, NULL, 0}};
    const char *db = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    ls_store *store = NULL;
    ls_format fmt;
    ls_report_list reports = {NULL, 0, NULL};
    ls_error err;

    code = cli_parse_opts(argc, argv, "reports", opts, reports_usage, &pos, &npos);
    if (code == EXIT_OK && (npos != 0 || !ls_format_parse(format, &fmt))) {
        reports_usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK)
        store = cli_open_store("reports", db, NULL, &code);
    if (store)
        code = cli_store_status("reports", ls_store_reports(store, &reports, &err), &err);
    if (store && code == EXIT_OK)
        cli_print_list(&ls_report_list_desc, reports.at, reports.n, fmt, cols, stdout);
    ls_mem_free(reports.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
