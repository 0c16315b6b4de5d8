/*
 * cmd_serve.c — `luoshi serve`: imports the FILEs given, makes sure the
 * office can sign in (a first admin with a random password, printed once,
 * when the store has no user), starts the web app and waits for Ctrl-C.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi serve [--db D] [--port 8080] [--bind 127.0.0.1] [--threads N]\n"
            "                    [--session-seconds N] [--secure-cookies]\n"
            "                    [--per-address N] [--upload-slots N]\n"
            "                    [--trusted-proxy ADDR [--client-header NAME]]\n"
            "                    [--gov NAME --year N FILE...]\n\n"
            "Serves the web app and the JSON API (docs/api.md) over the ledger until Ctrl-C.\n"
            "FILEs are imported first as the reports of --gov for --year. When the store has\n"
            "no user yet, an admin named 'admin' is created and its password printed once.\n"
            "A session ends after --session-seconds (default 28800: 8 hours). --port 0 takes\n"
            "any free port; the address printed names it.\n\n"
            "--secure-cookies marks cookies Secure, for a server reached over TLS (behind\n"
            "a proxy that terminates it). --per-address caps the connections one address\n"
            "holds at once (default 32); --upload-slots the uploads read at once (default:\n"
            "one less than the threads). Behind a reverse proxy at --trusted-proxy ADDR,\n"
            "the client's address (for the sign-in throttle) is the last one in its\n"
            "--client-header (default X-Forwarded-For); from anyone else it is the peer's.\n");
}

/* A first admin, when there is no user at all. */
static int first_admin(ls_store *store)
{
    ls_user_list users;
    unsigned char raw[9];
    char password[19];
    ls_error err;
    int code = EXIT_OK;

    if (ls_store_users(store, &users, &err) != LS_OK)
        return cli_store_status("serve", LS_EDB, &err);
    if (users.n == 0) {
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(password, sizeof password, raw, sizeof raw);
        code = cli_store_status(
            "serve", ls_store_user_add(store, "admin", "admin", NULL, password, &err), &err);
        if (code == EXIT_OK)
            printf("first run: created the user admin (role admin) with password %s\n", password);
    }
    ls_mem_free(users.mem);
    return code;
}

int cmd_serve(int argc, char **argv)
{
    const char *db = NULL, *port_text = "8080", *bind = "127.0.0.1", *gov = NULL, *year = NULL,
               *threads = NULL, *session = NULL, *per_address = NULL, *upload_slots = NULL,
               *proxy = NULL, *client_header = NULL;
    int secure = 0;
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db),     CLI_OPT_VALUE("--port", &port_text),
                      CLI_OPT_VALUE("--bind", &bind), CLI_OPT_VALUE("--gov", &gov),
                      CLI_OPT_VALUE("--year", &year), CLI_OPT_VALUE("--threads", &threads),
                      CLI_OPT_VALUE("--session-seconds", &session),
                      CLI_OPT_FLAG("--secure-cookies", &secure),
                      CLI_OPT_VALUE("--per-address", &per_address),
                      CLI_OPT_VALUE("--upload-slots", &upload_slots),
                      CLI_OPT_VALUE("--trusted-proxy", &proxy),
                      CLI_OPT_VALUE("--client-header", &client_header), CLI_OPT_END};
    char **files = NULL;
    int nfiles = 0, code, i;
    double port = 0, nthreads = 0, seconds = 0, naddress = 0, nuploads = 0;
    ls_store *store = NULL;
    ls_server *server = NULL;
    ls_server_options so;
    ls_error err;
    struct sigaction sa;

    code = cli_parse_opts(argc, argv, "serve", opts, usage, &files, &nfiles);
    if (code != EXIT_OK)
        goto done;
    if (!cli_number("serve", "--port", port_text, &port) || port < 0 || port > 65535 ||
        (threads && !cli_number("serve", "--threads", threads, &nthreads)) ||
        (session && (!cli_number("serve", "--session-seconds", session, &seconds) ||
                     seconds < 1 || seconds > 366 * 86400)) ||
        (per_address && (!cli_number("serve", "--per-address", per_address, &naddress) ||
                         naddress < 1 || naddress > 100000)) ||
        (upload_slots && (!cli_number("serve", "--upload-slots", upload_slots, &nuploads) ||
                          nuploads < 1 || nuploads > 64)) ||
        (client_header && !proxy) || (nfiles && (!gov || !year))) {
        if (client_header && !proxy)
            fprintf(stderr, "luoshi serve: --client-header needs --trusted-proxy\n");
        if (naddress < 0 || naddress > 100000 || (per_address && naddress < 1))
            fprintf(stderr, "luoshi serve: --per-address is 1 to 100000\n");
        if (nuploads > 64 || (upload_slots && nuploads < 1))
            fprintf(stderr, "luoshi serve: --upload-slots is 1 to 64\n");
        if (nfiles && (!gov || !year))
            fprintf(stderr, "luoshi serve: FILEs need --gov NAME and --year N\n");
        if (session && (seconds < 1 || seconds > 366 * 86400))
            fprintf(stderr, "luoshi serve: --session-seconds is 1 to 31622400\n");
        code = EXIT_USAGE;
        goto done;
    }
    /* nothing is imported, no admin created, on a machine that cannot serve */
    if (ls_server_can_start(&err) != LS_OK) {
        fprintf(stderr, "luoshi serve: %s\n", err.message);
        code = EXIT_STORE;
        goto done;
    }
    store = cli_open_store("serve", db, NULL, &code);
    for (i = 0; store && i < nfiles && code == EXIT_OK; i++)
        code = cli_import_file(store, files[i], gov, atoi(year));
    if (!store || code != EXIT_OK || (code = first_admin(store)) != EXIT_OK)
        goto done;
    memset(&so, 0, sizeof so);
    so.db = cli_default_db(db);
    so.bind = bind;
    so.port = (unsigned)port;
    so.threads = (unsigned)nthreads;
    so.session_seconds = (long long)seconds;
    so.secure_cookies = secure;
    so.per_address = (unsigned)naddress;
    so.upload_slots = (unsigned)nuploads;
    so.trusted_proxy = proxy;
    so.client_header = client_header;
    if (ls_server_start(&so, &server, &err) != LS_OK) {
        fprintf(stderr, "luoshi serve: %s\n", err.message);
        code = EXIT_STORE;
        goto done;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf("luoshi serves %s on http://%s:%u/ (Ctrl-C stops)\n", so.db, bind,
           ls_server_port(server));
    fflush(stdout);
    while (!stop_requested)
        pause();
    printf("stopping\n");
done:
    ls_server_stop(server);
    ls_store_close(store);
    free(files);
    return code == -1 ? EXIT_OK : code;
}
