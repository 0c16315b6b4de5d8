/*
 * cmd_units.c — `luoshi units add|remove|list`: the departments that own
 * ledger rows; `luoshi assign`: who leads, who helps, the leader in charge
 * and the deadline of rows; `luoshi remove|restore`: rows of the draft that
 * are no task, out of the ledger and back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void units_usage(FILE *out)
{
    fprintf(out, "usage: luoshi units add NAME... [--db D] [--as USER]\n"
                 "       luoshi units remove NAME... [--db D] [--as USER]\n"
                 "       luoshi units merge FROM INTO [--db D] [--as USER]\n"
                 "       luoshi units [list] [--db D] [--format table|json|jsonl|csv]\n\n"
                 "Units are the departments that lead (牵头) or help (配合) with ledger rows.\n"
                 "A removed unit keeps its history and can be added again. merge moves the\n"
                 "rows and users of a unit entered twice (发改委) to the other (发展改革委).\n");
}

int cmd_units(int argc, char **argv)
{
    static const cli_column cols[] = {{"id", "id", 6},
                                      {"name", "单位", 30},
                                      {"lead", "牵头", 6},
                                      {"co", "配合", 6},
                                      {NULL, NULL, 0}};
    const char *db = NULL, *actor = NULL, *format = "table";
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--as", &actor),
                      CLI_OPT_VALUE("--format", &format), CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code, i;
    ls_store *store = NULL;
    ls_format fmt;
    ls_error err;
    ls_unit_list units = {NULL, 0, NULL};
    const char *verb;

    code = cli_parse_opts(argc, argv, "units", opts, units_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    verb = npos ? pos[0] : "list";
    if (!ls_format_parse(format, &fmt) ||
        (strcmp(verb, "list") != 0 && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0 &&
         strcmp(verb, "merge") != 0) ||
        (strcmp(verb, "list") != 0 && npos < 2) || (strcmp(verb, "merge") == 0 && npos != 3)) {
        units_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    store = cli_open_store("units", db, actor, &code);
    if (!store)
        goto done;
    if (strcmp(verb, "list") == 0) {
        code = cli_store_status("units", ls_store_units(store, &units, &err), &err);
        if (code == EXIT_OK)
            cli_print_list(&ls_unit_desc, units.at, units.n, fmt, cols, stdout);
    }
    if (strcmp(verb, "merge") == 0) {
        code = cli_store_status("units", ls_store_unit_merge(store, pos[1], pos[2], &err), &err);
        if (code == EXIT_OK)
            printf("merged %s into %s\n", pos[1], pos[2]);
        goto done;
    }
    for (i = 1; strcmp(verb, "list") != 0 && i < npos && code == EXIT_OK; i++) {
        ls_status st = strcmp(verb, "add") == 0 ? ls_store_unit_add(store, pos[i], &err)
                                                : ls_store_unit_remove(store, pos[i], &err);
        code = cli_store_status("units", st, &err);
        if (code == EXIT_OK)
            printf("%s %s\n", strcmp(verb, "add") == 0 ? "added" : "removed", pos[i]);
    }
done:
    ls_mem_free(units.mem);
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void assign_usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi assign ITEM... [--lead UNIT] [--co UNIT]... [--no-co]\n"
            "                     [--leader NAME] [--due YYYY-MM-DD] [--db D] [--as USER]\n"
            "       luoshi assign --from FILE --report ID [--dry-run] [--create-units]\n"
            "                     [--format table|json] [--db D] [--as USER]\n\n"
            "Sets the lead unit (牵头单位), the co units (配合单位: --co replaces the list,\n"
            "--no-co empties it), the leader in charge (分管领导) and the deadline (完成时限)\n"
            "of the ledger rows ITEM (their numbers, as luoshi tasks shows them), all in one\n"
            "transaction. Units must exist (luoshi units add). Every change is logged.\n"
            "--from reads an office's 分工方案 for the rows of report ID: a table (XLSX,\n"
            "CSV: 任务/重点工作任务/工作内容, 牵头单位/责任单位, 配合单位, 分管领导, 完成时限/\n"
            "时间节点 …) or text in the bracket form (…。〔省发展改革委牵头，省财政厅等按职责\n"
            "分工负责〕, also a saved web page). Each line is matched to rows by meaning and\n"
            "printed as matched (score, rows), ambiguous or unmatched; only matched lines\n"
            "are applied, in one transaction. --dry-run prints the preview and writes\n"
            "nothing; --create-units adds the units the file names that the store lacks\n"
            "(else lines naming them are left out). Names are found by alias too: 区发改局\n"
            "is the store's 发展改革委.\n");
}

int cmd_assign_from(ls_store *store, const char *path, const char *report, int dry_run,
                    int create_units, int json);

int cmd_assign(int argc, char **argv)
{
    const char *db = NULL, *actor = NULL, *from = NULL, *report = NULL, *format = "table";
    ls_assignment a;
    const char **co = NULL;
    size_t co_count = 0;
    int no_co = 0, dry_run = 0, create_units = 0;
    cli_opt opts[] = {CLI_OPT_VALUE("--lead", &a.lead),
                      CLI_OPT_FLAG("--dry-run", &dry_run),
                      CLI_OPT_FLAG("--create-units", &create_units),
                      CLI_OPT_VALUE("--format", &format),
                      CLI_OPT_LIST("--co", &co, &co_count),
                      CLI_OPT_FLAG("--no-co", &no_co),
                      CLI_OPT_VALUE("--leader", &a.leader),
                      CLI_OPT_VALUE("--due", &a.due),
                      CLI_OPT_VALUE("--from", &from),
                      CLI_OPT_VALUE("--report", &report),
                      CLI_OPT_VALUE("--db", &db),
                      CLI_OPT_VALUE("--as", &actor),
                      CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code, i;
    long long *items = NULL;
    ls_store *store = NULL;
    ls_error err;

    memset(&a, 0, sizeof a);
    code = cli_parse_opts(argc, argv, "assign", opts, assign_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (from) {
        if (npos != 0 || !report || (strcmp(format, "table") != 0 && strcmp(format, "json") != 0)) {
            fprintf(stderr, "luoshi assign: --from FILE needs --report ID, no ITEM, and "
                            "--format table or json\n");
            code = EXIT_USAGE;
            goto done;
        }
        store = cli_open_store("assign", db, actor, &code);
        if (store)
            code = cmd_assign_from(store, from, report, dry_run, create_units,
                                   strcmp(format, "json") == 0);
        goto done;
    }
    if (npos == 0 || (!a.lead && !co_count && !no_co && !a.leader && !a.due)) {
        assign_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    items = calloc((size_t)npos, sizeof *items);
    for (i = 0; items && i < npos; i++)
        if (!cli_item_id("assign", pos[i], &items[i])) {
            code = EXIT_USAGE;
            goto done;
        }
    a.co = co;
    a.co_count = co_count;
    a.set_co = co_count > 0 || no_co;
    store = cli_open_store("assign", db, actor, &code);
    if (store)
        code = cli_store_status("assign", ls_store_assign(store, items, (size_t)npos, &a, &err),
                                &err);
    if (code == EXIT_OK)
        printf("assigned %d row%s\n", npos, npos == 1 ? "" : "s");
done:
    ls_store_close(store);
    free(items);
    free((void *)co);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}

static void remove_usage(FILE *out)
{
    fprintf(out, "usage: luoshi remove ITEM... [--db D] [--as USER]\n"
                 "       luoshi restore ITEM... [--db D] [--as USER]\n\n"
                 "remove: takes ledger rows out of the ledger (a clause of the draft that is no\n"
                 "task, such as a sentence on the situation): they leave every listing, status,\n"
                 "bulletin and export and take no progress; nothing is deleted, and restore puts\n"
                 "them back as they were. luoshi tasks --removed lists them. Both are logged.\n");
}

/* `luoshi remove` and `luoshi restore` (argv[0] says which). */
int cmd_remove(int argc, char **argv)
{
    const char *db = NULL, *actor = NULL;
    cli_opt opts[] = {CLI_OPT_VALUE("--db", &db), CLI_OPT_VALUE("--as", &actor), CLI_OPT_END};
    int removing = strcmp(argv[0], "restore") != 0, npos = 0, code, i;
    const char *cmd = removing ? "remove" : "restore";
    ls_store *store = NULL;
    char **pos = NULL, *end;
    ls_error err;

    code = cli_parse_opts(argc, argv, cmd, opts, remove_usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (npos < 1) {
        remove_usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    for (i = 0; i < npos; i++)
        if (strtoll(pos[i], &end, 10) <= 0 || *end) {
            fprintf(stderr, "luoshi %s: '%s' is not a row number\n", cmd, pos[i]);
            code = EXIT_USAGE;
            goto done;
        }
    store = cli_open_store(cmd, db, actor, &code);
    if (!store)
        goto done;
    for (i = 0; i < npos && code == EXIT_OK; i++) {
        code = cli_store_status(
            cmd, ls_store_item_set_removed(store, strtoll(pos[i], NULL, 10), removing, &err), &err);
        if (code == EXIT_OK)
            printf("%s row %s\n", removing ? "removed" : "restored", pos[i]);
    }
done:
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
