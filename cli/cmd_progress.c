/*
 * cmd_progress.c — `luoshi progress ITEM …`: one progress report (the
 * quarterly 报送 form) on a ledger row, by the unit that owns it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: luoshi progress ITEM --date YYYY-MM-DD --done-text TEXT --by UNIT\n"
            "                       [--value V] [--percent P] [--problems TEXT] [--next TEXT]\n"
            "                       [--evidence PATH_OR_URL] [--db D] [--as USER]\n"
            "       luoshi progress --from-xlsx FILE [--db D] [--as USER]\n\n"
            "Records what unit UNIT (the row's lead or a co unit) reports on ledger row ITEM\n"
            "as of the date: the figure reached (--value, in the target's unit) or the share\n"
            "done (--percent, 0-100), 进展情况 (--done-text), 存在问题 (--problems),\n"
            "下一步措施 (--next) and evidence. Reports are appended, never edited.\n"
            "--from-xlsx merges a 报送表 filled in by units (luoshi export --layout baosong).\n");
}

int cmd_progress_from_xlsx(ls_store *store, const char *path);

int cmd_progress(int argc, char **argv)
{
    const char *db = NULL, *actor = NULL, *value = NULL, *percent = NULL, *from = NULL;
    ls_progress p;
    cli_opt opts[] = {CLI_OPT_VALUE("--date", &p.date),
                      CLI_OPT_VALUE("--value", &value),
                      CLI_OPT_VALUE("--percent", &percent),
                      CLI_OPT_VALUE("--done-text", &p.done_text),
                      CLI_OPT_VALUE("--problems", &p.problems),
                      CLI_OPT_VALUE("--next", &p.next_steps),
                      CLI_OPT_VALUE("--evidence", &p.evidence),
                      CLI_OPT_VALUE("--by", &p.unit),
                      CLI_OPT_VALUE("--from-xlsx", &from),
                      CLI_OPT_VALUE("--db", &db),
                      CLI_OPT_VALUE("--as", &actor),
                      CLI_OPT_END};
    char **pos = NULL;
    int npos = 0, code;
    long long item = 0;
    ls_store *store = NULL;
    ls_error err;

    memset(&p, 0, sizeof p);
    code = cli_parse_opts(argc, argv, "progress", opts, usage, &pos, &npos);
    if (code != EXIT_OK)
        goto done;
    if (from) {
        store = npos == 0 ? cli_open_store("progress", db, actor, &code) : NULL;
        code = store ? cmd_progress_from_xlsx(store, from) : npos ? EXIT_USAGE : code;
        goto done;
    }
    if (npos != 1 || !p.date || !p.done_text || !p.unit) {
        usage(stderr);
        code = EXIT_USAGE;
        goto done;
    }
    if (!cli_item_id("progress", pos[0], &item) ||
        (value && !cli_number("progress", "--value", value, &p.value)) ||
        (percent && !cli_number("progress", "--percent", percent, &p.percent))) {
        code = EXIT_USAGE;
        goto done;
    }
    p.has_value = value != NULL;
    p.has_percent = percent != NULL;
    store = cli_open_store("progress", db, actor, &code);
    if (store)
        code = cli_store_status("progress", ls_store_progress(store, item, &p, &err), &err);
    if (code == EXIT_OK)
        printf("recorded progress of row %lld as of %s\n", item, p.date);
done:
    ls_store_close(store);
    free(pos);
    return code == -1 ? EXIT_OK : code;
}
