/*
 * cmd_migrate.c — `luoshi migrate --from A --to B`: copies a ledger between
 * stores (a SQLite file and a PostgreSQL database, either way) and prints
 * the rows of each table on both sides.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: luoshi migrate --from STORE --to STORE\n\n"
                 "Copies the whole ledger of --from (a SQLite file or a postgresql:// URL) into\n"
                 "--to, which must be empty: reports, rows, units, progress, the change log and\n"
                 "the accounts, with their ids, in one transaction; then checks that every table\n"
                 "holds as many rows in both. Both stores are brought to the newest schema first.\n");
}

int cmd_migrate(int argc, char **argv)
{
    const char *from_db = NULL, *to_db = NULL;
    cli_opt opts[] = {CLI_OPT_VALUE("--from", &from_db), CLI_OPT_VALUE("--to", &to_db),
                      CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    ls_store *from = NULL, *to = NULL;
    ls_table_count_list counts = {NULL, 0, NULL};
    ls_error err;
    size_t i;

    code = cli_parse_opts(argc, argv, "migrate", opts, usage, &pos, &npos);
    if (code == EXIT_OK && (npos || !from_db || !to_db)) {
        usage(stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK)
        from = cli_open_store("migrate", from_db, NULL, &code);
    if (from)
        to = cli_open_store("migrate", to_db, NULL, &code);
    if (to)
        code = cli_store_status("migrate", ls_store_copy(from, to, &counts, &err), &err);
    if (code == EXIT_OK) {
        printf("%-16s %10s %10s\n", "table", "from", "to");
        for (i = 0; i < counts.n; i++)
            printf("%-16s %10lld %10lld\n", counts.at[i].table, counts.at[i].from,
                   counts.at[i].to);
        printf("copied: every table holds as many rows in both stores\n");
    }
    ls_mem_free(counts.mem);
    ls_store_close(from);
    ls_store_close(to);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
