/*
 * cmd_user.c — `luoshi user add|list|token|disable|enable`: accounts of the
 * web app.
 * A password is read from --password-file, or from standard input (one
 * line), never from the command line, where other users could see it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: luoshi user add NAME --role admin|unit|viewer [--unit UNIT]\n"
                 "                        [--password-file FILE] [--db D]\n"
                 "       luoshi user list [--db D] [--format F]\n"
                 "       luoshi user token NAME [--db D]\n"
                 "       luoshi user disable|enable NAME [--db D]\n\n"
                 "add: creates a user of the web app; the password (8 characters or more) is\n"
                 "read from FILE or standard input and kept as an argon2id hash. admin: the\n"
                 "office, everything; unit: reports progress on its unit's rows; viewer: reads.\n"
                 "token: prints a new API token for scripts (Authorization: Bearer TOKEN);\n"
                 "it is shown once.\n"
                 "disable: the user can no longer sign in, its sessions end and its tokens stop\n"
                 "working (the last enabled admin cannot be disabled); enable undoes it.\n");
}

/* One line of 'in' into 'buf' without its line end; 0 if none. */
static int read_line(FILE *in, char *buf, size_t size)
{
    size_t n;

    if (!fgets(buf, (int)size, in))
        return 0;
    n = strcspn(buf, "\r\n");
    buf[n] = '\0';
    return 1;
}

static int read_password(const char *file, char *buf, size_t size)
{
    struct termios old, quiet;
    FILE *in = stdin;
    int tty = !file && isatty(0), ok;

    if (file && !(in = fopen(file, "r"))) {
        fprintf(stderr, "luoshi user: cannot read %s\n", file);
        return 0;
    }
    if (tty) {
        fprintf(stderr, "password: ");
        tcgetattr(0, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSANOW, &quiet);
    }
    ok = read_line(in, buf, size);
    if (tty) {
        tcsetattr(0, TCSANOW, &old);
        fprintf(stderr, "\n");
    }
    if (in != stdin)
        fclose(in);
    return ok;
}

int cmd_user(int argc, char **argv)
{
    static const cli_column cols[] = {{"id", "id", 6},          {"name", "用户", 20},
                                      {"role", "角色", 8},       {"unit", "单位", 20},
                                      {"disabled_at", "停用于", 20}, {NULL, NULL, 0}};
    static const char *const verbs[] = {"add", "list", "token", "disable", "enable", NULL};
    const char *db = NULL, *role = NULL, *unit = NULL, *pwfile = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db),     CLI_OPT_VALUE("--role", &role),
                      CLI_OPT_VALUE("--unit", &unit), CLI_OPT_VALUE("--password-file", &pwfile),
                      CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL, password[256], token[LS_TOKEN_SIZE];
    int npos = 0, code, known = 0, i;
    ls_store *store = NULL;
    ls_user_list users = {NULL, 0, NULL};
    ls_format fmt;
    ls_error err;

    code = cli_parse_opts(argc, argv, "user", opts, usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    for (i = 0; npos >= 1 && verbs[i]; i++)
        known |= strcmp(pos[0], verbs[i]) == 0;
    if (npos < 1 || !known || !ls_format_parse(format, &fmt) ||
        (strcmp(pos[0], "list") != 0 && npos != 2) || (strcmp(pos[0], "list") == 0 && npos != 1)) {
        usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("user", db, NULL, &code);
    if (!store)
        goto done;
    if (strcmp(pos[0], "list") == 0) {
        code = cli_store_status("user", ls_store_users(store, &users, &err), &err);
        if (code == EXIT_OK)
            cli_print_list(&ls_user_desc, users.at, users.n, fmt, cols, stdout);
    } else if (strcmp(pos[0], "disable") == 0 || strcmp(pos[0], "enable") == 0) {
        int enable = strcmp(pos[0], "enable") == 0;
        code = cli_store_status(
            "user", ls_store_user_set_enabled(store, pos[1], enable, &err), &err);
        if (code == EXIT_OK)
            printf("%s user %s\n", enable ? "enabled" : "disabled", pos[1]);
    } else if (strcmp(pos[0], "token") == 0) {
        code = cli_store_status("user", ls_store_token_new(store, pos[1], "cli", token, &err),
                                &err);
        if (code == EXIT_OK)
            printf("%s\n", token);
    } else if (!read_password(pwfile, password, sizeof password)) {
        fprintf(stderr, "luoshi user: no password given\n");
        code = EXIT_INPUT;
    } else {
        code = cli_store_status("user",
                                ls_store_user_add(store, pos[1], role, unit, password, &err), &err);
        sodium_memzero(password, sizeof password);
        if (code == EXIT_OK)
            printf("added user %s (%s)\n", pos[1], role);
    }
done:
    ls_mem_free(users.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
