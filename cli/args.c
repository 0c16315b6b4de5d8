/*
 * args.c — the argument parsing every file-reading subcommand shares:
 * FILE... and --format F (or --format=F), --help.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_parse_files(int argc, char **argv, const char *name, void (*usage)(FILE *),
                    ls_format *fmt, char ***files, int *nfiles)
{
    int i;

    *nfiles = 0;
    *files = calloc((size_t)argc + 1, sizeof **files);
    if (!*files) {
        fprintf(stderr, "luoshi %s: out of memory\n", name);
        return EXIT_INPUT;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *f = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return -1;
        } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
            f = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            f = a + 9;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "luoshi %s: unknown option '%s'\n", name, a);
            return EXIT_USAGE;
        } else {
            (*files)[(*nfiles)++] = argv[i];
        }
        if (f && !ls_format_parse(f, fmt)) {
            fprintf(stderr, "luoshi %s: unknown format '%s'\n", name, f);
            return EXIT_USAGE;
        }
    }
    if (*nfiles == 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}
