/*
 * opts.c — the option parsing and the output that the ledger subcommands
 * share: a table of --name options (a flag, a value, or a repeatable
 * value), the store to open (--db, --as), and printing a JSON array of
 * records as json, jsonl, csv or an aligned table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt *find_opt(const cli_opt *opts, const char *arg, const char **inline_value)
{
    size_t n;

    *inline_value = NULL;
    for (; opts->name; opts++) {
        n = strlen(opts->name);
        if (strncmp(arg, opts->name, n) != 0)
            continue;
        if (arg[n] == '\0')
            return opts;
        if (arg[n] == '=' && opts->kind != CLI_FLAG) {
            *inline_value = arg + n + 1;
            return opts;
        }
    }
    return NULL;
}

static int add_to_list(const cli_opt *o, const char *v)
{
    const char **grown = realloc((void *)*o->list, (*o->count + 2) * sizeof *grown);

    if (!grown)
        return 0;
    grown[(*o->count)++] = v;
    grown[*o->count] = NULL;
    *o->list = grown;
    return 1;
}

int cli_parse_opts(int argc, char **argv, const char *cmd, const cli_opt *opts,
                   void (*usage)(FILE *), char ***positional, int *npos)
{
    int i;

    *npos = 0;
    *positional = calloc((size_t)argc + 1, sizeof **positional);
    if (!*positional)
        return EXIT_INPUT;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        const cli_opt *o;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        if (a[0] != '-' || a[1] == '\0' || strcmp(a, "--") == 0) {
            (*positional)[(*npos)++] = argv[i];
            continue;
        }
        o = find_opt(opts, a, &v);
        if (!o) {
            fprintf(stderr, "luoshi %s: unknown option '%s' (see luoshi %s --help)\n", cmd, a,
                    cmd);
            return EXIT_USAGE;
        }
        if (o->kind == CLI_FLAG) {
            *o->flag = 1;
            continue;
        }
        if (!v) {
            if (i + 1 >= argc) {
                fprintf(stderr, "luoshi %s: %s needs a value\n", cmd, o->name);
                return EXIT_USAGE;
            }
            v = argv[++i];
        }
        if (o->kind == CLI_VALUE)
            *o->value = v;
        else if (!add_to_list(o, v))
            return EXIT_INPUT;
    }
    return EXIT_OK;
}

int cli_number(const char *cmd, const char *name, const char *text, double *out)
{
    char *end;

    *out = strtod(text, &end);
    if (end == text || *end != '\0') {
        fprintf(stderr, "luoshi %s: %s '%s' is not a number\n", cmd, name, text);
        return 0;
    }
    return 1;
}

int cli_item_id(const char *cmd, const char *text, long long *id)
{
    char *end;

    if (text[0] == '#')
        text++;
    *id = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || *id <= 0) {
        fprintf(stderr, "luoshi %s: '%s' is not a ledger item number\n", cmd, text);
        return 0;
    }
    return 1;
}

const char *cli_default_db(const char *given)
{
    const char *env = getenv("LUOSHI_DB");

    return given ? given : env && *env ? env : "luoshi.db";
}

int cli_store_status(const char *cmd, ls_status st, const ls_error *err)
{
    if (st == LS_OK)
        return EXIT_OK;
    fprintf(stderr, "luoshi %s: %s\n", cmd, err->message[0] ? err->message : ls_status_str(st));
    switch (st) {
    case LS_EINVAL:
    case LS_ENOTFOUND:
    case LS_EEXIST:
    case LS_ECONFIRM:
    case LS_EUTF8:
    case LS_EBINARY:
    case LS_ELIMIT:
    case LS_EIO: return EXIT_INPUT;
    default: return EXIT_STORE;
    }
}

ls_store *cli_open_store(const char *cmd, const char *db, const char *actor, int *code)
{
    ls_store *store = NULL;
    ls_error err;
    ls_status st = ls_store_open(cli_default_db(db), &store, &err);

    if (st != LS_OK) {
        fprintf(stderr, "luoshi %s: %s\n", cmd, err.message);
        *code = EXIT_STORE;
        return NULL;
    }
    if (!actor)
        actor = getenv("LUOSHI_USER");
    if (!actor)
        actor = getenv("USER");
    ls_store_set_actor(store, actor);
    *code = EXIT_OK;
    return store;
}
