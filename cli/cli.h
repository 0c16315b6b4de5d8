/*
 * cli.h — what the subcommands of `luoshi` share.
 *
 * Exit codes (DESIGN.md): 0 success, 1 bad input, 2 bad usage, 3 store
 * failure. Only cli/ prints and exits; the library returns statuses.
 */
#ifndef LS_CLI_H
#define LS_CLI_H

#include <stddef.h>

#include "luoshi.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_STORE = 3 };

/* Reads the whole file 'path' ("-" for standard input) into a new buffer
 * in '*data' (NUL-terminated, free with free()) and its size in '*len'.
 * On failure prints "luoshi: PATH: reason" and returns 0. */
int cli_read_file(const char *path, char **data, size_t *len);

/* Prints "luoshi: PATH: message" for a library error. */
void cli_report(const char *path, const ls_error *err);

int cmd_extract(int argc, char **argv);

#endif
