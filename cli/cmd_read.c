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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
    char *data = NULL;
    size_t len = 0;
    ls_doc *doc = NULL;
    ls_error err;
    int code = EXIT_OK;

    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    /* held once: a UTF-8 file read where it is, any other converted and
     * its bytes freed (cli_open_doc) */
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
    free(data);
    return code;
}

/* The command of 'rd' over the files of 'argv'. */
static int read_files(const reader *rd, int argc, char **argv, ls_format fmt)
{
    int nfiles, i, code, first = 1;
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
    for (i = 0; i < nfiles && code == EXIT_OK; i++) {
        unsigned flags = (nfiles > 1 ? LS_WRITE_FILE : 0);
        if (rd->header && i == 0 && fmt != LS_FMT_JSON)
            flags |= LS_WRITE_HEADER;
        code = read_one(rd, files[i], fmt, flags, &first);
    }
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
