/*
 * cli.h — what the subcommands of `luoshi` share.
 *
 * Exit codes (DESIGN.md): 0 success, 1 bad input, 2 bad usage, 3 store
 * failure. Only cli/ prints and exits; the library returns statuses.
 */
#ifndef LS_CLI_H
#define LS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "luoshi.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_STORE = 3 };

/* Reads the whole file 'path' ("-" for standard input) into a new buffer
 * in '*data' (NUL-terminated, free with free()) and its size in '*len'.
 * On failure prints "luoshi: PATH: reason" and returns 0. */
int cli_read_file(const char *path, char **data, size_t *len);

/* Prints "luoshi: PATH: message" for a library error. */
void cli_report(const char *path, const ls_error *err);

/* Parses FILE... [--format F] [--help] for the subcommand 'name' into
 * '*fmt' and a new array '*files' (free with free(); always set) of
 * '*nfiles' names. Returns EXIT_OK, EXIT_USAGE (message printed), or -1
 * when --help was printed. */
int cli_parse_files(int argc, char **argv, const char *name, void (*usage)(FILE *),
                    ls_format *fmt, char ***files, int *nfiles);

int cmd_extract(int argc, char **argv);
int cmd_outline(int argc, char **argv);
int cmd_parse(int argc, char **argv);

#endif
