/*
 * cmd_read.c — the commands that read report files and print what one
 * stage finds in each: `luoshi extract FILE... [--format jsonl|json|csv|
 * table]` (the quantity mentions) and `luoshi outline FILE... [--format
 * jsonl|json|tree]` (the headings). Both read the files the same way, so
 * one table says what differs: the stage, its writer, the formats.
 *
 * Several files make one output (one CSV header, one JSON array, a "file"
 * field in JSON records). Records go to standard output as they are
 * written (ls_mentions_stream), never held whole. A file that cannot be read or decoded stops the
 * command with exit code 1 after the files before it were printed.
 *
 * Many files on several cores: each report of up to READ_AHEAD_MAX_BYTES
 * is read, staged and written into a buffer of its own on a worker thread,
 * a few files ahead (ordered.h), and printed in the order given, with its
 * error in its place (in a JSON array, written as the array's first
 * records and given the comma that follows earlier ones when printed); a
 * larger file and standard input are read on this thread and streamed as
 * one file alone is. The output is the same either way (tests/test_cli.sh
 * compares it with a run on one core).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "cli.h"
#include "ordered.h"

/* What a reading command does with each file. */
typedef struct {
    const char *name;
    void (*usage)(FILE *out);
    int (*format_ok)(ls_format fmt);
    const char *format_error;
    ls_status (*stage)(ls_doc *doc, ls_error *err);
    ls_status (*write)(const ls_doc *doc, ls_format fmt, const char *source, unsigned flags,
                       int first, ls_write_fn write, void *ctx, ls_error *err);
    size_t (*count)(const ls_doc *doc);
    int header; /* the first file writes the header (CSV, table) */
} reader;

/* Runs the stage of 'rd' on one file and prints it; returns an exit code. */
static int read_one(const reader *rd, const char *path, ls_format fmt, unsigned flags, int *first)
{
    char *data = NULL, why[LS_ERROR_MESSAGE_SIZE];
    size_t len = 0;
    ls_doc *doc = NULL;
    ls_error err;
    int code = EXIT_OK;

    /* a large file mapped, not copied (mapfile.c) */
    if (!cli_map_read_file(path, &data, &len))
        return EXIT_INPUT;
    /* held once: a UTF-8 file read where it is, any other converted and
     * its bytes released (cli_open_doc) */
    cli_open_doc(path, &data, len, &doc, &err);
    if (!doc || rd->stage(doc, &err) != LS_OK ||
        rd->write(doc, fmt, path, flags, *first, cli_stdout_sink, NULL, &err) != LS_OK) {
        cli_report(path, &err);
        code = EXIT_INPUT;
        goto done;
    }
    if (rd->count(doc) > 0)
        *first = 0;
done:
    ls_doc_free(doc);
    if (!cli_release_file(path, &data, why, sizeof why)) {
        fprintf(stderr, "luoshi: %s\n", why);
        code = EXIT_INPUT;
    }
    return code;
}

/* The writer's flags for file 'i' of 'nfiles'. */
static unsigned file_flags(const reader *rd, int i, int nfiles, ls_format fmt)
{
    unsigned flags = (nfiles > 1 ? LS_WRITE_FILE : 0);

    if (rd->header && i == 0 && fmt != LS_FMT_JSON)
        flags |= LS_WRITE_HEADER;
    return flags;
}

/* ---- many files on worker threads ---- */

/* The largest file read ahead on a worker: its output is held until its
 * turn (a report is tens of KB; one of 512 KB of figures alone gives some
 * 20 MB of JSONL). A larger one is streamed when its turn comes. */
#define READ_AHEAD_MAX_BYTES (512u * 1024u)
/* Files made ahead of the one printed, per worker. */
#define READ_AHEAD_PER_WORKER 2

typedef struct {
    const reader *rd;
    char **files;
    int nfiles;
    ls_format fmt;
    char **why;           /* per file: the error line of a file that failed, or NULL */
    unsigned char *alone; /* per file: read on the calling thread when its turn comes */
    size_t taken;         /* files printed */
    int first;            /* no record printed yet (read_one's) */
    int code;             /* the exit code of a file read on the calling thread */
} many_files;

/* Whether file 'path' is read on the calling thread: standard input, or
 * a file larger than a worker holds. */
static int read_alone(const char *path)
{
    struct stat st;

    return strcmp(path, "-") == 0 ||
           (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > READ_AHEAD_MAX_BYTES);
}

/* Keeps the error line of file 'i' for its turn (NULL when out of memory:
 * the run then fails without it). */
static void keep_why(many_files *m, size_t i, const char *path, const ls_error *err,
                     const char *line)
{
    size_t size = strlen(path) + LS_ERROR_MESSAGE_SIZE + 16;

    if (!(m->why[i] = ls_malloc(size)))
        return;
    if (line)
        snprintf(m->why[i], size, "luoshi: %s\n", line);
    else
        cli_report_text(path, err, m->why[i], size);
}

/* ls_ordered_make: file 'i' read, staged and written into 'out'. */
static ls_status make_file(void *ctx, size_t i, ls_buf *out)
{
    many_files *m = ctx;
    const char *path = m->files[i];
    char why[LS_ERROR_MESSAGE_SIZE], *data = NULL;
    size_t len = 0;
    ls_doc *doc = NULL;
    ls_error err;
    ls_status st = LS_OK;

    if (read_alone(path)) {
        m->alone[i] = 1;
        return LS_OK;
    }
    if (!cli_load_file(path, &data, &len, why, sizeof why)) {
        keep_why(m, i, path, NULL, why);
        return LS_EIO;
    }
    cli_open_doc(path, &data, len, &doc, &err);
    /* as the first records of a JSON array: take_file adds the comma */
    if (!doc || m->rd->stage(doc, &err) != LS_OK ||
        m->rd->write(doc, m->fmt, path, file_flags(m->rd, (int)i, m->nfiles, m->fmt), 1,
                     ls_buf_sink, out, &err) != LS_OK) {
        keep_why(m, i, path, &err, NULL);
        st = err.code != LS_OK ? err.code : LS_EINVAL;
    }
    ls_doc_free(doc);
    free(data);
    return st;
}

/* ls_ordered_take: file 'i' printed, or read now when it is read alone. */
static int take_file(void *ctx, size_t i, const char *bytes, size_t n)
{
    many_files *m = ctx;

    m->taken = i + 1;
    if (m->alone[i]) {
        m->code = read_one(m->rd, m->files[i], m->fmt,
                           file_flags(m->rd, (int)i, m->nfiles, m->fmt), &m->first);
        return m->code == EXIT_OK;
    }
    if (n == 0)
        return 1;
    /* in a JSON array, records of an earlier file precede: a comma ends them
     * (the writer's separator when 'first' is 0) */
    if ((m->fmt == LS_FMT_JSON && !m->first && !cli_stdout_sink(NULL, ",", 1)) ||
        !cli_stdout_sink(NULL, bytes, n)) {
        fprintf(stderr, "luoshi: %s: the output could not be written\n", m->files[i]);
        m->code = EXIT_INPUT;
        return 0;
    }
    m->first = 0;
    return 1;
}

/* The files read on 'workers' threads and printed in order; an exit code.
 * '*first' is read_files' (no record printed yet). */
static int read_many(const reader *rd, char **files, int nfiles, ls_format fmt, size_t workers,
                     int *first)
{
    many_files m;
    ls_status st;
    int i, code = EXIT_OK;

    memset(&m, 0, sizeof m);
    m.rd = rd;
    m.files = files;
    m.nfiles = nfiles;
    m.fmt = fmt;
    m.first = *first;
    m.why = ls_calloc((size_t)nfiles, sizeof *m.why);
    m.alone = ls_calloc((size_t)nfiles, 1);
    if (!m.why || !m.alone) {
        fputs("luoshi: out of memory\n", stderr);
        code = EXIT_INPUT;
        goto done;
    }
    st = ls_ordered_run((size_t)nfiles, workers, workers * READ_AHEAD_PER_WORKER, make_file,
                        take_file, &m);
    if (st != LS_OK && m.code != EXIT_OK) {
        code = m.code; /* a file read here, or the output, failed: said already */
    } else if (st != LS_OK) {
        /* the first file not printed failed on a worker */
        if (m.taken < (size_t)nfiles && m.why[m.taken])
            fputs(m.why[m.taken], stderr);
        else
            fputs("luoshi: out of memory\n", stderr);
        code = EXIT_INPUT;
    }
done:
    *first = m.first;
    if (m.why)
        for (i = 0; i < nfiles; i++)
            ls_free(m.why[i]);
    ls_free(m.why);
    ls_free(m.alone);
    return code;
}

/* The command of 'rd' over the files of 'argv'. */
static int read_files(const reader *rd, int argc, char **argv, ls_format fmt)
{
    int nfiles, i, code, first = 1;
    size_t cores = ls_cores_allowed();
    char **files;

    code = cli_parse_files(argc, argv, rd->name, rd->usage, &fmt, &files, &nfiles);
    if (code != EXIT_OK)
        goto done;
    if (!rd->format_ok(fmt)) {
        fprintf(stderr, "luoshi %s: %s\n", rd->name, rd->format_error);
        code = EXIT_USAGE;
        goto done;
    }
    /* the JSON array spans all files: opened and closed here */
    if (fmt == LS_FMT_JSON)
        fputs("[", stdout);
    if (nfiles > 1 && cores > 1)
        code = read_many(rd, files, nfiles, fmt, cores, &first);
    else
        for (i = 0; i < nfiles && code == EXIT_OK; i++)
            code = read_one(rd, files[i], fmt, file_flags(rd, i, nfiles, fmt), &first);
    if (fmt == LS_FMT_JSON)
        fputs(first ? "]\n" : "\n]\n", stdout);
done:
    free(files);
    return code == -1 ? EXIT_OK : code;
}

/* ---- extract ---- */

static void extract_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi extract FILE... [--format jsonl|json|csv|table]\n\n"
            "Prints every quantity mention of each report FILE ('-' reads standard input):\n"
            "start, end (byte offsets), text, value, value_max, unit, kind, op, change, metric.\n"
            "Input may be UTF-8 (with or without BOM), UTF-16 with BOM or GB18030/GBK text,\n"
            "a web page saved as HTML, a Word document (.docx) or a PDF with a text layer;\n"
            "offsets then point into the text read from it.\n"
            "An empty file gives no mentions. Default format: jsonl.\n");
}

static int mentions_format(ls_format fmt)
{
    return fmt != LS_FMT_TREE;
}

int cmd_extract(int argc, char **argv)
{
    static const reader rd = {"extract",
                              extract_usage,
                              mentions_format,
                              "mentions are written as jsonl, json, csv or table",
                              ls_doc_extract,
                              ls_mentions_stream,
                              ls_doc_mention_count,
                              1};

    return read_files(&rd, argc, argv, LS_FMT_JSONL);
}

/* ---- outline ---- */

static void outline_usage(FILE *out)
{
    fprintf(out, "usage: luoshi outline FILE... [--format jsonl|json|tree]\n\n"
                 "Prints the headings of each report FILE ('-' reads standard input): level\n"
                 "(1 part, 2 area, 3 sub-area), title, start and end byte offsets, and part\n"
                 "(review, requirements, plan, self, other). Default format: jsonl.\n");
}

static int outline_format(ls_format fmt)
{
    return fmt == LS_FMT_JSONL || fmt == LS_FMT_JSON || fmt == LS_FMT_TREE;
}

int cmd_outline(int argc, char **argv)
{
    static const reader rd = {"outline",
                              outline_usage,
                              outline_format,
                              "the outline is written as jsonl, json or tree",
                              ls_doc_outline,
                              ls_outline_stream,
                              ls_doc_heading_count,
                              0};

    return read_files(&rd, argc, argv, LS_FMT_JSONL);
}
