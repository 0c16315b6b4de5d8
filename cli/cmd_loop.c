/*
 * cmd_loop.c — the closed loop of 督办 on the command line: `luoshi
 * progress` (a report with figures in the target's unit and files of
 * evidence), `luoshi finish` (a unit asks for 办结), `luoshi review` (the
 * office approves or returns it) and `luoshi evidence add|list|get`. The
 * rules are the ledger's (src/ledger/review.c, evidence.c, figure.c); this
 * file parses arguments, reads files and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The options a report shares: `progress` and `finish`. */
typedef struct {
    const char *db, *actor, *percent, *replaces;
    const char **values, **files;
    size_t nvalues, nfiles;
    int confirm;
    ls_report_in in;
    ls_evidence_file *kept;
    char **data;
} report_args;

static void report_args_free(report_args *a)
{
    size_t i;

    for (i = 0; a->data && i < a->nfiles; i++)
        free(a->data[i]);
    free(a->data);
    free(a->kept);
    free(a->values);
    free(a->files);
}

/* True when 'path' names a link (kept as text) rather than a file. */
static int is_link(const char *path)
{
    return strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0;
}

/* The last part of 'path', the name a file is kept under. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Reads the files of --evidence (a link is kept as the report's text);
 * prints the error and returns an exit code. */
static int read_evidence(const char *cmd, report_args *a)
{
    size_t i, n = 0;
    struct stat sb;

    a->kept = calloc(a->nfiles + 1, sizeof *a->kept);
    a->data = calloc(a->nfiles + 1, sizeof *a->data);
    if (!a->kept || !a->data)
        return EXIT_STORE;
    for (i = 0; i < a->nfiles; i++) {
        const char *path = a->files[i];
        if (is_link(path)) {
            a->in.report.evidence = path;
            continue;
        }
        /* a file past the limit is refused before it is read */
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size > LS_EVIDENCE_MAX) {
            fprintf(stderr,
                    "luoshi %s: %s: %lld bytes, past the limit of %u MB for a file of "
                    "evidence\n",
                    cmd, path, (long long)sb.st_size, LS_EVIDENCE_MAX >> 20);
            return EXIT_INPUT;
        }
        if (!cli_read_file(path, &a->data[n], &a->kept[n].len))
            return EXIT_INPUT;
        a->kept[n].name = base_name(path);
        a->kept[n].bytes = a->data[n];
        n++;
    }
    a->in.files = a->kept;
    a->in.nfiles = n;
    return EXIT_OK;
}

/* Fills 'a->in' from the parsed options; returns an exit code. */
static int report_in(const char *cmd, report_args *a)
{
    double replaces = 0;

    a->in.values = a->values;
    a->in.nvalues = a->nvalues;
    a->in.confirm = a->confirm;
    if (a->percent && !cli_number(cmd, "--percent", a->percent, &a->in.report.percent))
        return EXIT_USAGE;
    a->in.report.has_percent = a->percent != NULL;
    if (a->replaces) {
        long long id = 0;
        if (!cli_item_id(cmd, a->replaces, &id))
            return EXIT_USAGE;
        replaces = (double)id;
    }
    a->in.replaces = (long long)replaces;
    return read_evidence(cmd, a);
}

/* Prints a failed report: a figure that asks for confirmation says how. */
static int report_status(const char *cmd, ls_status st, const ls_error *err)
{
    int code = cli_store_status(cmd, st, err);

    if (st == LS_ECONFIRM)
        fprintf(stderr,
                "luoshi %s: nothing recorded; run it again with --confirm if the figure "
                "is right\n",
                cmd);
    return code;
}

#define REPORT_OPTS(a)                                                                             \
    CLI_OPT_VALUE("--date", &(a).in.report.date),                                                  \
        CLI_OPT_LIST("--value", &(a).values, &(a).nvalues),                                        \
        CLI_OPT_VALUE("--percent", &(a).percent),                                                  \
        CLI_OPT_VALUE("--done-text", &(a).in.report.done_text),                                    \
        CLI_OPT_VALUE("--problems", &(a).in.report.problems),                                      \
        CLI_OPT_VALUE("--next", &(a).in.report.next_steps),                                        \
        CLI_OPT_LIST("--evidence", &(a).files, &(a).nfiles),                                       \
        CLI_OPT_VALUE("--by", &(a).in.report.unit), CLI_OPT_VALUE("--replaces", &(a).replaces),    \
        CLI_OPT_FLAG("--confirm", &(a).confirm), CLI_OPT_VALUE("--db", &(a).db),                   \
        CLI_OPT_VALUE("--as", &(a).actor)

/* The row and the report of `luoshi NAME ITEM --by U --date D --done-text T
 * …` (progress, finish): EXIT_OK with '*item' and 'a->in' ready, else the
 * exit code, the usage of 'usage' printed when a part is missing. */
static int report_command(const char *name, int npos, char **pos, report_args *a,
                          void (*usage)(FILE *), long long *item)
{
    if (npos != 1 || !a->in.report.date || !a->in.report.done_text || !a->in.report.unit) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!cli_item_id(name, pos[0], item))
        return EXIT_USAGE;
    return report_in(name, a);
}

static void progress_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi progress ITEM --date YYYY-MM-DD --done-text TEXT --by UNIT\n"
            "                       [--value V]... [--percent P] [--problems TEXT] [--next TEXT]\n"
            "                       [--evidence FILE_OR_URL]... [--replaces REPORT] [--confirm]\n"
            "                       [--db D] [--as USER]\n"
            "       luoshi progress --from-xlsx FILE [--by UNIT] [--db D] [--as USER]\n\n"
            "Records what unit UNIT (the row's lead or a co unit) reports on ledger row ITEM\n"
            "as of the date: the figure reached (--value, as written: 9.5万人; a bare number is\n"
            "in the unit the target is shown in, 4 is 4万亩 against 8.03万亩; one --value per\n"
            "target on a row of several), or the share done (--percent, 0-100), 进展情况\n"
            "(--done-text), 存在问题 (--problems), 下一步措施 (--next) and evidence: files\n"
            "(PDF, images, Office files, ZIP; at most 20 MB) are kept in the store, a link is\n"
            "kept as text. A figure under 1%% or over 10 times its target is refused without\n"
            "--confirm. --replaces names the report this one corrects. Reports are appended,\n"
            "never edited. A report of 100%% does not close a row: see luoshi finish.\n"
            "--from-xlsx merges a 报送表 filled in by units (luoshi export --layout baosong);\n"
            "with --by, a unit's own sheet: its lines only, and the file is kept as evidence.\n");
}

int cmd_progress_from_xlsx(ls_store *store, const char *path, const char *unit);

int cmd_progress(int argc, char **argv)
{
    report_args a;
    const char *from = NULL;
    cli_opt opts[] = {REPORT_OPTS(a), CLI_OPT_VALUE("--from-xlsx", &from), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    long long item = 0, id = 0;
    ls_store *store = NULL;
    ls_error err;

    memset(&a, 0, sizeof a);
    code = cli_parse_opts(argc, argv, "progress", opts, progress_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (from) {
        store = npos == 0 ? cli_open_store("progress", a.db, a.actor, &code) : NULL;
        code = store  ? cmd_progress_from_xlsx(store, from, a.in.report.unit)
               : npos ? EXIT_USAGE
                      : code;
        goto done;
    }
    if ((code = report_command("progress", npos, pos, &a, progress_usage, &item)) != EXIT_OK)
        goto done;
    store = cli_open_store("progress", a.db, a.actor, &code);
    if (store)
        code = report_status("progress", ls_ledger_report(store, item, &a.in, &id, &err), &err);
    if (code == EXIT_OK)
        printf("recorded progress of row %lld as of %s (report %lld%s)\n", item, a.in.report.date,
               id, a.in.nfiles ? ", with evidence" : "");
done:
    ls_store_close(store);
    report_args_free(&a);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void finish_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi finish ITEM --by UNIT --date YYYY-MM-DD --done-text TEXT\n"
            "                     [--evidence FILE]... [--value V]... [--percent P] [--confirm]\n"
            "                     [--db D] [--as USER]\n\n"
            "Unit UNIT (the row's lead or a co unit) asks for 办结 of row ITEM: what was done\n"
            "is recorded as a progress report (with its files of evidence) and the row is\n"
            "待审核 until the office reviews it (luoshi review).\n");
}

int cmd_finish(int argc, char **argv)
{
    report_args a;
    cli_opt opts[] = {REPORT_OPTS(a), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    long long item = 0, id = 0;
    ls_store *store = NULL;
    ls_error err;

    memset(&a, 0, sizeof a);
    code = cli_parse_opts(argc, argv, "finish", opts, finish_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if ((code = report_command("finish", npos, pos, &a, finish_usage, &item)) != EXIT_OK)
        goto done;
    store = cli_open_store("finish", a.db, a.actor, &code);
    if (store)
        code = report_status("finish", ls_ledger_finish(store, item, &a.in, &id, &err), &err);
    if (code == EXIT_OK)
        printf("row %lld asks for 办结 (report %lld%s): 待审核\n", item, id,
               a.in.nfiles ? ", with evidence" : "");
done:
    ls_store_close(store);
    report_args_free(&a);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void review_usage(FILE *out)
{
    fprintf(out, "usage: luoshi review ITEM (--approve | --return REASON) [--db D] [--as USER]\n\n"
                 "The office reviews the 办结 request of row ITEM: --approve makes it 已完成\n"
                 "(办结, 销号); --return sends it back to its unit with the reason, which its\n"
                 "history and its page show.\n");
}

int cmd_review(int argc, char **argv)
{
    const char *db = NULL, *actor = NULL, *reason = NULL;
    int approve = 0, npos = 0, code;
    cli_opt opts[] = {CLI_OPT_FLAG("--approve", &approve), CLI_OPT_VALUE("--return", &reason),
                      CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--as", &actor), CLI_OPT_END};
    char **pos = NULL;
    long long item = 0;
    ls_store *store = NULL;
    ls_error err;

    code = cli_parse_opts(argc, argv, "review", opts, review_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (npos != 1 || approve == (reason != NULL)) {
        review_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (!cli_item_id("review", pos[0], &item)) {
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("review", db, actor, &code);
    if (store)
        code =
            cli_store_status("review", ls_ledger_review(store, item, approve, reason, &err), &err);
    if (code == EXIT_OK && approve)
        printf("row %lld: 办结 approved (已完成, 销号)\n", item);
    else if (code == EXIT_OK)
        printf("row %lld: returned to its unit: %s\n", item, reason);
done:
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void evidence_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi evidence add ITEM FILE... [--by UNIT] [--db D] [--as USER]\n"
            "       luoshi evidence list ITEM [--format table|json|jsonl|csv] [--db D]\n"
            "       luoshi evidence get ID [--out FILE] [--db D]\n\n"
            "Files of evidence (佐证材料) kept in the store with a row: PDF, PNG, JPEG, GIF,\n"
            "WebP, DOCX, XLSX, PPTX, DOC, XLS, PPT, WPS, ET, ZIP, at most 20 MB each, the type\n"
            "read from the file's first bytes. get writes the file's bytes (to standard\n"
            "output unless --out; never to a terminal).\n");
}

static const cli_column evidence_cols[] = {
    {"id", "id", 6},      {"item", "row", 6},   {"name", "name", 40}, {"type", "type", 30},
    {"size", "size", 10}, {"unit", "unit", 16}, {"at", "at", 20},     {NULL, NULL, 0}};

static int evidence_add(ls_store *store, long long item, char **paths, int n, const char *unit)
{
    int i, code = EXIT_OK;
    ls_error err;

    for (i = 0; i < n && code == EXIT_OK; i++) {
        ls_evidence_file f;
        char *data = NULL;
        long long id = 0;
        struct stat sb;
        if (stat(paths[i], &sb) == 0 && (size_t)sb.st_size > LS_EVIDENCE_MAX) {
            fprintf(stderr, "luoshi evidence: %s: past the limit of %u MB\n", paths[i],
                    LS_EVIDENCE_MAX >> 20);
            return EXIT_INPUT;
        }
        if (!cli_read_file(paths[i], &data, &f.len))
            return EXIT_INPUT;
        f.name = base_name(paths[i]);
        f.bytes = data;
        code = cli_store_status("evidence",
                                ls_ledger_evidence_add(store, item, unit, &f, &id, &err), &err);
        if (code == EXIT_OK)
            printf("kept %s as evidence %lld of row %lld\n", f.name, id, item);
        free(data);
    }
    return code;
}

static int evidence_get(ls_store *store, long long id, const char *out)
{
    ls_evidence_list e;
    char *data = NULL;
    size_t len = 0;
    ls_error err;
    int code = cli_store_status("evidence",
                                ls_ledger_evidence_get(store, id, &e, &data, &len, &err), &err);
    FILE *f;

    if (code != EXIT_OK)
        return code;
    if (!out && isatty(1)) {
        fprintf(stderr, "luoshi evidence: %s is %s: give --out FILE (or a pipe)\n", e.at[0].name,
                e.at[0].type);
        code = EXIT_USAGE;
    } else {
        f = out ? fopen(out, "wb") : stdout;
        if (!f || fwrite(data, 1, len, f) != len || (out && fclose(f) != 0)) {
            fprintf(stderr, "luoshi evidence: cannot write %s\n", out ? out : "standard output");
            code = EXIT_INPUT;
        } else if (out) {
            fprintf(stderr, "wrote %s (%zu bytes, %s) to %s\n", e.at[0].name, len, e.at[0].type,
                    out);
        }
    }
    ls_free(data);
    ls_mem_free(e.mem);
    return code;
}

int cmd_evidence(int argc, char **argv)
{
    const char *db = NULL, *actor = NULL, *unit = NULL, *out = NULL, *fmt_name = NULL;
    cli_opt opts[] = {CLI_OPT_VALUE("--by", &unit),         CLI_OPT_VALUE("--out", &out),
                      CLI_OPT_VALUE("--format", &fmt_name), CLI_OPT_VALUE("--db", &db),
                      CLI_OPT_VALUE("--as", &actor),        CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    long long id = 0;
    ls_format fmt = LS_FMT_TABLE;
    ls_store *store = NULL;

    code = cli_parse_opts(argc, argv, "evidence", opts, evidence_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (npos < 2 || (strcmp(pos[0], "add") == 0 ? npos < 3 : npos != 2) ||
        (strcmp(pos[0], "add") && strcmp(pos[0], "list") && strcmp(pos[0], "get")) ||
        (fmt_name && !ls_format_parse(fmt_name, &fmt))) {
        evidence_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (!cli_item_id("evidence", pos[1], &id)) {
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("evidence", db, actor, &code);
    if (!store)
        goto done;
    if (strcmp(pos[0], "add") == 0) {
        code = evidence_add(store, id, pos + 2, npos - 2, unit);
    } else if (strcmp(pos[0], "get") == 0) {
        code = evidence_get(store, id, out);
    } else {
        ls_evidence_list l;
        ls_error err;
        code = cli_store_status("evidence", ls_ledger_evidence_list(store, id, &l, &err), &err);
        if (code == EXIT_OK)
            cli_print_list(&ls_evidence_desc, l.at, l.n, fmt, evidence_cols, stdout);
        ls_mem_free(l.mem);
    }
done:
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
