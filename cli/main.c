/*
 * main.c — the `luoshi` command: dispatches to one cmd_<name>.c per
 * subcommand, git-style. Each subcommand parses its own arguments and
 * prints its own --help.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"extract", cmd_extract, "quantity mentions of reports (--format jsonl|json|csv|table)"},
    {"outline", cmd_outline, "headings of reports: level, title, part (--format jsonl|json|tree)"},
    {"parse", cmd_parse, "the whole document as JSON: outline, mentions, tasks, links"},
    {"import", cmd_import, "reports into the ledger (--gov NAME --year N [--db D])"},
    {"reports", cmd_reports, "the reports in the ledger"},
    {"units", cmd_units, "departments: units add|remove|list"},
    {"assign", cmd_assign, "lead and co units, leader, deadline of rows (or --from a 分工方案)"},
    {"remove", cmd_remove, "take rows of the draft that are no task out of the ledger"},
    {"restore", cmd_remove, "put removed rows back in the ledger"},
    {"progress", cmd_progress, "a progress report on a row (报送), or --from-xlsx"},
    {"finish", cmd_finish, "a unit asks for 办结 of a row (then 待审核)"},
    {"review", cmd_review, "the office approves (办结, 销号) or returns a 办结 request"},
    {"evidence", cmd_evidence, "files of evidence (佐证材料) of a row: evidence add|list|get"},
    {"tasks", cmd_tasks, "the ledger rows, filtered (--unit --status --part --heading ...)"},
    {"targets", cmd_targets, "the quantified targets of the rows, with baselines"},
    {"status", cmd_status, "each row against 序时进度, and the totals (--as-of DATE)"},
    {"history", cmd_history, "the change log of a row"},
    {"coverage", cmd_coverage, "commitments with no ledger row (漏分解), vague rows"},
    {"bulletin", cmd_bulletin, "the supervision bulletin of a period (--period 2023-Q2)"},
    {"cycle", cmd_cycle, "the reporting cycle: cycle set --every month|quarter --due-day N"},
    {"late", cmd_late, "units and rows with no report by the due day (--period 2023-07)"},
    {"rank", cmd_rank, "units ranked by on-time reporting and progress (--period P)"},
    {"remind", cmd_remind, "a 催办单 per unit: overdue 红, behind 黄, due soon 蓝 (--within N)"},
    {"export", cmd_export, "the ledger as XLSX, CSV or JSON (分工方案, 指标分解表, 报送表)"},
    {"serve", cmd_serve, "the web app and JSON API over the ledger (--port 8080)"},
    {"user", cmd_user, "accounts of the web app: user add|list|token"},
    {"migrate", cmd_migrate, "copy a ledger between stores (SQLite, PostgreSQL)"},
    {"compare", cmd_compare, "targets and actuals across governments and years"},
    {"commitments", cmd_commitments, "did the targets of a year come true the next (兑现率)"},
    {"alias", cmd_alias, "metric names that measure one thing: alias add|remove|list"},
};

static void usage(FILE *out)
{
    size_t i;

    fprintf(out, "usage: luoshi COMMAND [ARGS]\n\n"
                 "luoshi reads a government work report, finds its outline, tasks and quantities,\n"
                 "and keeps the ledger that tracks them.\n\ncommands:\n");
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'luoshi COMMAND --help' describes a command.\n"
                 "exit codes: 0 success, 1 bad input, 2 bad usage, 3 store failure\n");
}

static void widen_stdout_pipe(void)
{
    struct stat st;

    if (fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode))
        (void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
}

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("luoshi 0.1.0\n");
        return EXIT_OK;
    }
    widen_stdout_pipe();
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "luoshi: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
