/*
 * cmd_extract.c — `luoshi extract FILE... [--format jsonl|json|csv|table]`.
 *
 * Reads each file, finds its quantity mentions and prints them. Several
 * files make one output (one CSV header, one JSON array, a "file" field in
 * JSON records). A file that cannot be read or decoded stops the command
 * with exit code 1 after the files before it were printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi extract FILE... [--format jsonl|json|csv|table]\n\n"
            "Prints every quantity mention of each report FILE ('-' reads standard input):\n"
            "start, end (byte offsets), text, value, value_max, unit, kind, op, change, metric.\n"
            "Input may be UTF-8 (with or without BOM), UTF-16 with BOM or GB18030/GBK.\n"
            "An empty file gives no mentions. Default format: jsonl.\n");
}

/* Extracts and prints one file; returns an exit code. */
static int extract_one(const char *path, ls_format fmt, unsigned flags, int *first)
{
    char *data = NULL, *out = NULL;
    size_t len = 0, out_len = 0;
    ls_doc *doc = NULL;
    ls_error err;
    int code = EXIT_OK;

    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    if (ls_doc_new(data, len, &doc, &err) != LS_OK || ls_doc_extract(doc, &err) != LS_OK ||
        ls_mentions_write(doc, fmt, path, flags, *first, &out, &out_len, &err) != LS_OK) {
        cli_report(path, &err);
        code = EXIT_INPUT;
        goto done;
    }
    if (ls_doc_mention_count(doc) > 0)
        *first = 0;
    fwrite(out, 1, out_len, stdout);
done:
    ls_free(out);
    ls_doc_free(doc);
    free(data);
    return code;
}

int cmd_extract(int argc, char **argv)
{
    ls_format fmt = LS_FMT_JSONL;
    int nfiles, i, code, first = 1;
    char **files;

    code = cli_parse_files(argc, argv, "extract", usage, &fmt, &files, &nfiles);
    if (code != EXIT_OK)
        goto done;
    if (fmt == LS_FMT_TREE) {
        fprintf(stderr, "luoshi extract: mentions are written as jsonl, json, csv or table\n");
        code = EXIT_USAGE;
        goto done;
    }
    /* the JSON array spans all files: opened and closed here */
    if (fmt == LS_FMT_JSON)
        fputs("[", stdout);
    for (i = 0; i < nfiles && code == EXIT_OK; i++) {
        unsigned flags = (nfiles > 1 ? LS_WRITE_FILE : 0);
        if (i == 0 && fmt != LS_FMT_JSON)
            flags |= LS_WRITE_HEADER;
        code = extract_one(files[i], fmt, flags, &first);
    }
    if (fmt == LS_FMT_JSON)
        fputs(first ? "]\n" : "\n]\n", stdout);
done:
    free(files);
    return code == -1 ? EXIT_OK : code;
}
