/*
 * sheets.c — tables that offices exchange: a 分工方案 read into
 * assignments (luoshi assign --from) and a filled-in 报送表 merged as
 * progress (luoshi progress --from-xlsx).
 */
#include <stdio.h>

#include "cli.h"

int cmd_assign_from(ls_store *store, const char *path, const char *report);
int cmd_progress_from_xlsx(ls_store *store, const char *path);

int cmd_assign_from(ls_store *store, const char *path, const char *report)
{
    (void)store;
    (void)report;
    fprintf(stderr, "luoshi assign: %s: reading a 分工方案 is not built yet\n", path);
    return EXIT_USAGE;
}

int cmd_progress_from_xlsx(ls_store *store, const char *path)
{
    (void)store;
    fprintf(stderr, "luoshi progress: %s: reading a 报送表 is not built yet\n", path);
    return EXIT_USAGE;
}
