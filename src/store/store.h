/*
 * store.h — what the files of the store (src/store) and of the ledger
 * (src/ledger) share: the store handle over a back end (db.h), the change
 * log, the clock, and turning rows into JSON. The public calls are declared in luoshi.h.
 */
#ifndef LS_STORE_STORE_H
#define LS_STORE_STORE_H


#include "arena.h"
#include "db.h"
#include "luoshi.h"

#define LS_ACTOR_SIZE 128
#define LS_NOW_SIZE 32

struct ls_store {
    ls_db *db;
    char actor[LS_ACTOR_SIZE];
};

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ"; LUOSHI_NOW in the
 * environment overrides it (tests of the log). */
void ls_store_now(char now[LS_NOW_SIZE]);

/* Appends one row to the change log: 'action' (import, assign, progress,
 * add, remove), the 'entity' and its id, the item it concerns (0: none),
 * the 'field' and its 'old' and 'new' values (each may be NULL). */
ls_status ls_store_log(ls_store *store, const char *action, const char *entity, long long entity_id,
                       long long item, const char *field, const char *old_value,
                       const char *new_value, ls_error *err);

/* Fills record 'rec' from row 'r' of 'rows', its strings copied into
 * 'm'; 'ctx' is what ls_store_read_list was given. */
typedef void (*ls_store_row_fn)(const ls_db_rows *rows, size_t r, void *rec, ls_mem *m,
                                void *ctx);

/* The typed read of a store: runs 'sql' with its 'n' parameters 'p' and
 * makes a list of one record of 'size' bytes per row, each filled by
 * 'fill': '*count' records at '*at' in a new '*mem' (ls_mem_free). On
 * failure the three are empty (NULL, 0, NULL). */
ls_status ls_store_read_list(ls_store *store, const char *sql, const ls_db_value *p, size_t n,
                             size_t size, ls_store_row_fn fill, void *ctx, void **at,
                             size_t *count, ls_mem **mem, ls_error *err);

/* Starts a list of 'n' zeroed records of 'size' bytes: '*at' in a new
 * '*mem' (NULL and LS_ENOMEM when out of memory). */
ls_status ls_store_list_new(size_t n, size_t size, void **at, ls_mem **mem, ls_error *err);

/* Ends filling a list whose memory is '*mem': when 'st' is LS_OK but an
 * allocation in it failed, LS_ENOMEM; on failure '*mem' is freed and set
 * to NULL (the caller empties its list). Returns the final status. */
ls_status ls_store_list_end(ls_status st, ls_mem **mem, ls_error *err);

/* The columns of a progress report ('p', with its unit 'u') in the order
 * ls_store_progress_entry reads them. */
#define LS_PROGRESS_COLUMNS                                                                    \
    "p.report_date, p.value, p.percent, p.done_text, p.problems, p.next_steps, p.evidence, " \
    "u.name, p.created_at, p.created_by, p.replaces"

/* Records progress report 'pr' on 'item' inside the open transaction (the
 * checks of ls_store_progress), correcting report 'replaces' (0: none, else
 * a report of the same row); '*id' (may be NULL) gets its id. */
ls_status ls_store_progress_add(ls_store *store, long long item, const ls_progress *pr,
                                long long replaces, long long *id, ls_error *err);

/* The figures per target of the reports of 'n' ids at 'ids' (from
 * progress_values), set on the entries 'at' (ids[i] is at[i]'s report). */
ls_status ls_store_progress_values(ls_store *store, ls_mem *m, ls_progress_entry *const *at,
                                   const long long *ids, size_t n, ls_error *err);

/* Fills 'e' (all but its id) from row 'r' of 'rows', LS_PROGRESS_COLUMNS
 * from column 'c' on, its strings copied into 'm'. */
void ls_store_progress_entry(ls_mem *m, const ls_db_rows *rows, size_t r, size_t c,
                             ls_progress_entry *e);

/* Ends a write: commits when 'st' is LS_OK, otherwise rolls back; returns
 * the final status. */
ls_status ls_store_finish(ls_store *store, ls_status st, ls_error *err);

/* Whether ledger row 'item' exists (LS_ENOTFOUND "no ledger item N" when
 * not) and, in '*removed' (may be NULL), whether it was taken out of the
 * ledger (ls_store_item_set_removed). */
ls_status ls_store_item_state(ls_store *store, long long item, int *removed, ls_error *err);

/* The id of the unit called 'name' that is not removed, or LS_ENOTFOUND. */
ls_status ls_store_unit_id(ls_store *store, const char *name, long long *id, ls_error *err);

/* The sentence of 's' (of 'len' bytes) around [start, end): from after the
 * previous 。；！？ or line end to past the next one, in [*a, *b). */
void ls_store_sentence(const char *s, size_t len, size_t start, size_t end, size_t *a, size_t *b);

/* The lead unit the metric→department dictionary suggests for a row about
 * 'metric' (may be "") with sentence 'text', or NULL. */
const char *ls_store_suggest_lead(const char *metric, const char *text);

/* An import in two halves (draft.c), so that one report can be read while
 * another is stored (import_each.c): ls_import_prepare reads the bytes
 * (checks, SHA-256, the document with its tasks and links; no store), and
 * ls_import_store writes what was read in one transaction (a duplicate of
 * stored bytes is found there and changes nothing). */
#define LS_SHA256_HEX_SIZE 65
typedef struct {
    ls_doc *doc;
    char sha[LS_SHA256_HEX_SIZE];
    const char *source, *gov; /* the caller's, not copied */
    int year;
} ls_import_prepared;

ls_status ls_import_prepare(const char *bytes, size_t len, const char *source, const char *gov,
                            int year, ls_import_prepared *p, ls_error *err);
ls_status ls_import_store(ls_store *store, const ls_import_prepared *p, ls_import_result *result,
                          ls_error *err);
/* Frees what ls_import_prepare read (a zeroed one does nothing). */
void ls_import_prepared_free(ls_import_prepared *p);

#endif
