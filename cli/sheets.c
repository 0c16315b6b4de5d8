/*
 * sheets.c — tables that offices exchange, from the command line: a
 * 分工方案 read into assignments (luoshi assign --from) and a filled-in
 * 报送表 merged as progress (luoshi progress --from-xlsx); the rules are
 * the store's (ls_store_assign_sheet, ls_store_progress_sheet).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_assign_from(ls_store *store, const char *path, const char *report);
int cmd_progress_from_xlsx(ls_store *store, const char *path, const char *unit);

int cmd_assign_from(ls_store *store, const char *path, const char *report)
{
    char *data = NULL;
    size_t len = 0, n = 0;
    long long id = 0;
    ls_error err;
    int code;

    if (!cli_item_id("assign", report, &id))
        return EXIT_USAGE;
    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    code = cli_store_status("assign", ls_store_assign_sheet(store, id, data, len, path, &n, &err),
                            &err);
    if (code == EXIT_OK)
        printf("assigned %zu row%s from %s\n", n, n == 1 ? "" : "s", path);
    free(data);
    return code;
}

/* Merges the 报送表 'path'; a 'unit' (--by, may be NULL) sends its own
 * lines only, and the file is kept as evidence of its rows. */
int cmd_progress_from_xlsx(ls_store *store, const char *path, const char *unit)
{
    char *data = NULL;
    size_t len = 0, n = 0;
    ls_error err;
    int code;

    if (!cli_read_file(path, &data, &len))
        return EXIT_INPUT;
    code = cli_store_status("progress",
                            unit ? ls_ledger_progress_sheet_by(store, data, len, path, unit, &n,
                                                               &err)
                                 : ls_store_progress_sheet(store, data, len, path, &n, &err),
                            &err);
    if (code == EXIT_OK)
        printf("merged %zu new progress report%s from %s\n", n, n == 1 ? "" : "s", path);
    free(data);
    return code;
}
