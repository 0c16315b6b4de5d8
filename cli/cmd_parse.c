/*
 * cmd_parse.c — `luoshi parse FILE`: the whole document as JSON.
 *
 * Runs every stage (input, outline, mentions, tasks, links) and prints the
 * document described in docs/document.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: luoshi parse FILE\n\n"
                 "Prints the whole document of the report FILE ('-' reads standard input) as\n"
                 "JSON: source, outline, mentions, tasks and achievements, and the links from\n"
                 "targets to their baselines. The schema is docs/document.md.\n");
}

int cmd_parse(int argc, char **argv)
{
    ls_format fmt = LS_FMT_JSON;
    char **files = NULL, *data = NULL, why[LS_ERROR_MESSAGE_SIZE];
    size_t len = 0;
    int nfiles = 0, code;
    ls_doc *doc = NULL;
    ls_error err;

    code = cli_parse_files(argc, argv, "parse", usage, &fmt, &files, &nfiles);
    if (code != EXIT_OK)
        goto done;
    if (nfiles != 1) {
        fprintf(stderr, "luoshi parse: give one FILE\n");
        code = EXIT_USAGE;
        goto done;
    }
    /* a large file mapped, not copied (mapfile.c) */
    if (!cli_map_read_file(files[0], &data, &len)) {
        code = EXIT_INPUT;
        goto done;
    }
    /* held once: a UTF-8 file read where it is, any other converted and
     * its bytes released (cli_open_doc) */
    cli_open_doc(files[0], &data, len, &doc, &err);
    /* the tasks are not built: the writer finds them as it writes them,
     * so a large file's tens of thousands of clauses are never held */
    if (!doc || ls_doc_link(doc, &err) != LS_OK ||
        ls_doc_stream_json(doc, files[0], cli_stdout_sink, NULL, &err) != LS_OK) {
        cli_report(files[0], &err);
        code = EXIT_INPUT;
        goto done;
    }
    fputc('\n', stdout);
done:
    ls_doc_free(doc);
    if (data && !cli_release_file(files[0], &data, why, sizeof why)) {
        fprintf(stderr, "luoshi: %s\n", why);
        code = EXIT_INPUT;
    }
    free(files);
    return code == -1 ? EXIT_OK : code;
}
