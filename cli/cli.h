/*
 * cli.h — what the subcommands of `luoshi` share.
 *
 * Exit codes (README.md): 0 success, 1 bad input, 2 bad usage, 3 store
 * failure. Only cli/ prints and exits; the library returns statuses.
 */
#ifndef LS_CLI_H
#define LS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "luoshi.h"
#include "records.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_STORE = 3 };

/* Reads the whole file 'path' ("-" for standard input) into a new buffer
 * in '*data' (NUL-terminated, free with free()) and its size in '*len'.
 * On failure prints "luoshi: PATH: reason" and returns 0. */
int cli_read_file(const char *path, char **data, size_t *len);
/* cli_read_file without printing: on failure "PATH: reason" goes into
 * 'why' ('size' bytes) and it returns 0 (for a reader on another thread,
 * whose errors are printed in order by the one that reports). */
int cli_load_file(const char *path, char **data, size_t *len, char *why, size_t size);

/* cli_read_file for a command that reads one large file at a time: a
 * regular text file of at least 1 MB is mapped into memory instead
 * (mapfile.c; NUL-terminated, not to be written); one the library converts
 * (ls_doc_converts: Word, PDF, a web page) is read. Release either with
 * cli_release_file. */
int cli_map_read_file(const char *path, char **data, size_t *len);
/* Frees '*data' of cli_read_file, cli_load_file or cli_map_read_file
 * (unmaps a mapped file) and sets it to NULL. Returns 0 when the mapped
 * file changed while it was mapped: "PATH: the file changed while it was
 * read" then goes into 'why' ('size' bytes), not printed. */
int cli_release_file(const char *path, char **data, char *why, size_t size);

/* mapfile.c: 1 when 'path' is a regular file of at least 1 MB now mapped
 * at '*data' ('*len' bytes, a NUL after them), else 0 (read it). */
int cli_map_file(const char *path, char **data, size_t *len);
/* 1 when 'data' is a mapping of cli_map_file, now unmapped, '*changed'
 * saying whether the file changed meanwhile; else 0 (not a mapping). */
int cli_unmap(const char *data, int *changed);

/* The document of the file 'path' read by cli_read_file (or mapped) into
 * '*data' ('len' bytes): a UTF-8 file is read in place
 * (ls_doc_read_in_place), so '*data' must then live as long as the
 * document; a file converted to text (GB18030, a web page, Word, PDF) is
 * the document's own copy, and '*data' is released at once and set to
 * NULL. The status of the read (LS_EIO when a mapped file changed while it
 * was converted: no document then). */
ls_status cli_open_doc(const char *path, char **data, size_t len, ls_doc **doc, ls_error *err);

/* Prints "luoshi: PATH: message" for a library error. */
void cli_report(const char *path, const ls_error *err);
/* That line (with its newline) into 'out' ('size' bytes), not printed: for
 * a file read on another thread, whose error is printed in order. */
void cli_report_text(const char *path, const ls_error *err, char *out, size_t size);

/* A writer's sink (ls_write_fn) onto standard output; 'ctx' is unused.
 * Returns 0 when the write fails (a closed pipe, a full disk). */
int cli_stdout_sink(void *ctx, const char *bytes, size_t n);

/* Parses FILE... [--format F] [--help] for the subcommand 'name' into
 * '*fmt' and a new array '*files' (free with free(); always set) of
 * '*nfiles' names. Returns EXIT_OK, EXIT_USAGE (message printed), or -1
 * when --help was printed. */
int cli_parse_files(int argc, char **argv, const char *name, void (*usage)(FILE *),
                    ls_format *fmt, char ***files, int *nfiles);

int cmd_extract(int argc, char **argv);
int cmd_outline(int argc, char **argv);
int cmd_parse(int argc, char **argv);

/* ---- the ledger subcommands (opts.c, print.c) ---- */

enum { CLI_FLAG, CLI_VALUE, CLI_LIST };

/* One --name option: a flag (sets '*flag'), a value (sets '*value'), or a
 * repeatable value (appends to the NULL-terminated '*list', free()). */
typedef struct {
    const char *name;
    int kind;
    const char **value;
    int *flag;
    const char ***list;
    size_t *count;
} cli_opt;

#define CLI_OPT_VALUE(n, v) {(n), CLI_VALUE, (v), NULL, NULL, NULL}
#define CLI_OPT_FLAG(n, f) {(n), CLI_FLAG, NULL, (f), NULL, NULL}
#define CLI_OPT_LIST(n, l, c) {(n), CLI_LIST, NULL, NULL, (l), (c)}
#define CLI_OPT_END {NULL, 0, NULL, NULL, NULL, NULL}

/* Parses argv[1..] by 'opts' (ended by CLI_OPT_END); the other arguments
 * go to the new array '*positional' (free()). Returns EXIT_OK, EXIT_USAGE
 * (message printed) or -1 when --help was printed. */
int cli_parse_opts(int argc, char **argv, const char *cmd, const cli_opt *opts,
                   void (*usage)(FILE *), char ***positional, int *npos);

/* Parses a number or an item id ("12" or "#12"); prints an error, returns 0. */
int cli_number(const char *cmd, const char *name, const char *text, double *out);
int cli_item_id(const char *cmd, const char *text, long long *id);

/* The store path: 'given' (--db), else $LUOSHI_DB, else "luoshi.db". */
const char *cli_default_db(const char *given);

/* Opens the store for 'cmd' (prints the error; '*code' EXIT_STORE) and
 * names the actor: 'actor' (--as), else $LUOSHI_USER, else $USER. */
ls_store *cli_open_store(const char *cmd, const char *db, const char *actor, int *code);

/* Prints a library error of the store; returns the exit code for 'st'. */
int cli_store_status(const char *cmd, ls_status st, const ls_error *err);

/* A column of csv and table output: the record's key, its heading, and
 * the widest a table cell may be (display columns). */
typedef struct {
    const char *key;
    const char *title;
    size_t max;
} cli_column;

/* Prints record 'rec' of 'd' as indented JSON and a newline (--format json
 * of a command whose answer is one object). */
void cli_print_object(const ls_rec_desc *d, const void *rec, FILE *out);

/* Prints the 'n' records of 'd' at 'at' in 'fmt' (json, jsonl: whole
 * records; csv, table: the columns 'cols', ended by a {NULL} entry). */
void cli_print_list(const ls_rec_desc *d, const void *at, size_t n, ls_format fmt,
                    const cli_column *cols, FILE *out);

/* Imports the report 'path' into 'store' as luoshi import does, printing
 * the outcome; returns an exit code. */
int cli_import_file(ls_store *store, const char *path, const char *gov, int year);

int cmd_import(int argc, char **argv);
int cmd_reports(int argc, char **argv);
int cmd_units(int argc, char **argv);
int cmd_assign(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_progress(int argc, char **argv);
int cmd_finish(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_tasks(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
int cmd_cycle(int argc, char **argv);
int cmd_late(int argc, char **argv);
int cmd_rank(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_commitments(int argc, char **argv);
int cmd_alias(int argc, char **argv);

#endif
