/*
 * cmd_outline.c — `luoshi outline FILE... [--format jsonl|json|tree]`.
 *
 * Prints the headings of each report: level, title, start, end, part.
 * Several files make one output, as for extract.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: luoshi outline FILE... [--format jsonl|json|tree]\n\n"
                 "Prints the headings of each report FILE ('-' reads standard input): level\n"
                 "(1 part, 2 area, 3 sub-area), title, start and end byte offsets, and part\n"
                 "(review, requirements, plan, self, other). Default format: jsonl.\n");
}

/* Outlines and prints one file; returns an exit code. */
static int outline_one(const char *path, ls_format fmt, unsigned flags, int *first)
{
    char *data = NULL, *out = NULL;
    size_t len = 0, out_len = 0;
    ls_doc *doc = NULL;
    ls_error err;
    int code = EXIT_OK;

    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    if (ls_doc_new(data, len, &doc, &err) != LS_OK || ls_doc_outline(doc, &err) != LS_OK ||
        ls_outline_write(doc, fmt, path, flags, *first, &out, &out_len, &err) != LS_OK) {
        cli_report(path, &err);
        code = EXIT_INPUT;
        goto done;
    }
    if (ls_doc_heading_count(doc) > 0)
        *first = 0;
    fwrite(out, 1, out_len, stdout);
done:
    ls_free(out);
    ls_doc_free(doc);
    free(data);
    return code;
}

int cmd_outline(int argc, char **argv)
{
    ls_format fmt = LS_FMT_JSONL;
    int nfiles, i, code = EXIT_OK, first = 1;
    char **files;

    code = cli_parse_files(argc, argv, "outline", usage, &fmt, &files, &nfiles);
    if (code != EXIT_OK || nfiles == 0)
        goto done;
    if (fmt != LS_FMT_JSONL && fmt != LS_FMT_JSON && fmt != LS_FMT_TREE) {
        fprintf(stderr, "luoshi outline: the outline is written as jsonl, json or tree\n");
        code = EXIT_USAGE;
        goto done;
    }
    if (fmt == LS_FMT_JSON)
        fputs("[", stdout);
    for (i = 0; i < nfiles && code == EXIT_OK; i++)
        code = outline_one(files[i], fmt, nfiles > 1 ? LS_WRITE_FILE : 0, &first);
    if (fmt == LS_FMT_JSON)
        fputs(first ? "]\n" : "\n]\n", stdout);
done:
    free(files);
    return code == -1 ? EXIT_OK : code;
}
