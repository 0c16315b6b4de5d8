/*
 * luoshi.h — the one public header of libluoshi, and its manual.
 *
 * libluoshi turns the text of a Chinese government work report (政府工作报告)
 * into structured data: the decoded text, and every quantity mention in it
 * (value, unit, kind, op, change, metric; see docs/extraction.md).
 *
 * Usage sketch:
 *
 *     ls_doc *doc = NULL;
 *     ls_error err;
 *     if (ls_doc_new(bytes, len, &doc, &err) != LS_OK) { report err.message; }
 *     if (ls_doc_extract(doc, &err) != LS_OK) { ... }
 *     for (size_t i = 0; i < ls_doc_mention_count(doc); i++) {
 *         const ls_mention *m = ls_doc_mention(doc, i);
 *         ... m->start, m->end, m->value, m->unit ...
 *     }
 *     ls_doc_free(doc);
 *
 * Every offset is a byte offset into the UTF-8 text returned by ls_doc_text(),
 * which for UTF-8 input is the file exactly as read (a BOM included).
 * The library never prints, exits or aborts; failures come back as ls_status
 * with an ls_error filled in.
 */
#ifndef LUOSHI_H
#define LUOSHI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define LS_API __attribute__((visibility("default")))
#else
#define LS_API
#endif

/* ---- Errors ----------------------------------------------------------- */

/* What went wrong. LS_OK is 0 so that `if (status)` means failure. */
typedef enum {
    LS_OK = 0,
    LS_ENOMEM,  /* an allocation failed */
    LS_EINVAL,  /* a bad argument, or input that cannot be a report */
    LS_EUTF8,   /* text that is neither valid UTF-8 nor GB18030 */
    LS_EBINARY, /* a NUL byte or other sign of a binary file */
    LS_EIO,     /* a file could not be read or written */
    LS_EDB,     /* the store failed */
    LS_ELIMIT,  /* input larger than the library accepts */
    LS_EBUSY,   /* the store is locked by another writer: retry */
    LS_ENOTFOUND, /* a named record (task, unit, report) does not exist */
    LS_EEXIST,  /* the record exists already (a unit, a user) */
    LS_ECONFIRM /* a figure far from its target: asked again with confirmation */
} ls_status;

/* No byte offset applies to this error. */
#define LS_NO_OFFSET ((size_t)-1)

#define LS_ERROR_MESSAGE_SIZE 256

/* Filled in by a failing call when the caller passes a non-NULL pointer.
 * 'offset' is a byte offset into the input (or LS_NO_OFFSET), 'line' its
 * 1-based line number (0 if unknown), 'message' a lower-case sentence with
 * no final period: "invalid UTF-8 at byte 1834". */
typedef struct {
    ls_status code;
    size_t offset;
    size_t line;
    char message[LS_ERROR_MESSAGE_SIZE];
} ls_error;

/* A fixed English string naming 'status'; never NULL. */
LS_API const char *ls_status_str(ls_status status);

/* ---- Memory ------------------------------------------------------------ */

/* Frees memory that a function of this library documented as the caller's. */
LS_API void ls_free(void *ptr);

/* ---- Documents --------------------------------------------------------- */

/* A report: its decoded text and everything produced from it. Opaque. */
typedef struct ls_doc ls_doc;

/* True when the document's text was extracted from an HTML page. */
LS_API int ls_doc_is_html(const ls_doc *doc);

/* What the document's text came from: "text", "html" (a saved web page),
 * "docx" (a Word document) or "pdf" (the text layer of a PDF). */
LS_API const char *ls_doc_format(const ls_doc *doc);

/* How the input bytes were encoded. */
typedef enum {
    LS_ENC_UTF8 = 0,
    LS_ENC_UTF8_BOM,
    LS_ENC_UTF16LE,
    LS_ENC_UTF16BE,
    LS_ENC_GB18030
} ls_encoding;

/* Decodes 'len' bytes at 'bytes' (UTF-8 with or without BOM, UTF-16 with
 * BOM, or GB18030/GBK) into a new document stored in '*out'. An HTML page
 * saved from a website is detected and its article text (found with
 * libxml2's HTML parser) becomes the document's text: offsets then point
 * into that text (ls_doc_text). The bytes are copied; the caller keeps
 * ownership of 'bytes' and must ls_doc_free() the document. Empty input
 * gives an empty document. Fails with LS_EUTF8 (with the offset of the
 * first bad byte), LS_EBINARY (a NUL byte), LS_EINVAL (an HTML page with no
 * article text), LS_ELIMIT or LS_ENOMEM; '*out' is then NULL. */
LS_API ls_status ls_doc_new(const char *bytes, size_t len, ls_doc **out, ls_error *err);

/* As ls_doc_new, reading also a report published as a Word document
 * (DOCX) or a PDF, recognised by their first bytes whatever 'name' says
 * (src/format/doc_open.c, in luoshi_format: libzip, libxml2, poppler):
 * its text (one paragraph a line, Word's numbering written out, a table
 * row a line with its cells a tab apart) becomes the document's text and
 * offsets point into it. 'name' names the file in errors (NULL: "the
 * file"). Fails as ls_doc_new does, and with LS_EINVAL for a damaged or
 * encrypted document, a Word 97-2003 .doc, a PDF without a text layer,
 * an archive past the limits (a zip bomb). */
LS_API ls_status ls_doc_read(const char *name, const char *bytes, size_t len, ls_doc **out,
                             ls_error *err);

/* As ls_doc_read, for a caller that keeps 'bytes' alive and unchanged
 * until ls_doc_free and has a NUL at bytes[len]: a text file that is UTF-8
 * already is then read where it is instead of copied, so a large file is
 * held once, not twice (`luoshi parse`). Anything else is read as
 * ls_doc_read reads it. Text bytes that change all the same (a mapped file
 * that another program writes) give output that may not match them, but
 * are never read outside bytes[0..len] as long as the NUL stays; a change
 * while they are read may fail it (LS_EUTF8, LS_EBINARY). Bytes that
 * ls_doc_converts must not change during the call: their readers read
 * them more than once. */
LS_API ls_status ls_doc_read_in_place(const char *name, const char *bytes, size_t len,
                                      ls_doc **out, ls_error *err);

/* Whether ls_doc_read turns 'bytes' into text with a reader of their own
 * (a Word document, a PDF, an Office file it names, a web page) rather
 * than reading them as text. Looks at their start only. */
LS_API int ls_doc_converts(const char *bytes, size_t len);

/* Frees 'doc' and everything it owns. ls_doc_free(NULL) does nothing. */
LS_API void ls_doc_free(ls_doc *doc);

/* The UTF-8 text of 'doc' (NUL-terminated); '*len' gets its length in bytes
 * when 'len' is not NULL. Owned by 'doc'. */
LS_API const char *ls_doc_text(const ls_doc *doc, size_t *len);

/* The encoding the input was detected as. */
LS_API ls_encoding ls_doc_encoding(const ls_doc *doc);

/* "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or "gb18030". */
LS_API const char *ls_encoding_name(ls_encoding enc);

/* Which part of a report a heading belongs to. */
typedef enum {
    LS_PART_OTHER = 0,    /* title lines, greetings, anything outside the parts */
    LS_PART_REVIEW,       /* the review of last year (工作回顾) */
    LS_PART_REQUIREMENTS, /* overall requirements and main targets (总体要求) */
    LS_PART_PLAN,         /* the tasks of the coming year (工作任务) */
    LS_PART_SELF          /* the government's work on itself (政府自身建设) */
} ls_part;

/* ---- Quantity mentions ------------------------------------------------- */

/* Whether a figure is an achieved outcome, a planned one, or a description
 * of a thing (the capacity of a project, the voltage of a line). */
typedef enum { LS_KIND_ACTUAL = 0, LS_KIND_TARGET, LS_KIND_ATTRIBUTE } ls_kind;

/* The relation the text states: = , >= (以上/超过/突破), <= (以内/不超过),
 * ~ (左右/约/近). */
typedef enum { LS_OP_EQ = 0, LS_OP_GE, LS_OP_LE, LS_OP_APPROX } ls_op;

/* Whether the figure is an amount or rate of change (增长/下降). */
typedef enum { LS_CHANGE_NONE = 0, LS_CHANGE_INCREASE, LS_CHANGE_DECREASE } ls_change;

/* One quantity mention, as in docs/extraction.md. Strings are UTF-8,
 * NUL-terminated and owned by the document. Example: 煤炭产量稳定在1.6亿吨以上
 * gives text "1.6亿吨", value 160000000, unit "吨", kind target, op >=,
 * metric "煤炭产量". */
typedef struct {
    size_t start;      /* byte offset of the first character of the number */
    size_t end;        /* byte offset just past the unit */
    double value;      /* the number with its scale applied, in 'unit' */
    double value_max;  /* upper end of a range; valid when 'has_max' */
    int has_max;       /* 1 for a range such as 5%—6% or 3至5年 */
    const char *unit;  /* "吨", "%", "个百分点", "" when there is none */
    ls_kind kind;
    ls_op op;
    ls_change change;
    const char *metric; /* what is measured: "原煤产量"; may be "" */
    ls_part part;       /* the part of the report it stands in (from the outline) */
} ls_mention;

/* Finds every quantity mention in 'doc'. Calling it again does nothing.
 * Fails only with LS_ENOMEM. */
LS_API ls_status ls_doc_extract(ls_doc *doc, ls_error *err);

/* The number of mentions found by ls_doc_extract(). */
LS_API size_t ls_doc_mention_count(const ls_doc *doc);

/* The mention at 'index' (< ls_doc_mention_count()), in text order. */
LS_API const ls_mention *ls_doc_mention(const ls_doc *doc, size_t index);

/* "actual", "target", "attribute"; "=", ">=", "<=", "~";
 * "increase", "decrease" or NULL for no change. */
LS_API const char *ls_kind_name(ls_kind kind);
LS_API const char *ls_op_name(ls_op op);
LS_API const char *ls_change_name(ls_change change);

/* ---- Outline ----------------------------------------------------------- */


/* No index: the heading has no parent. */
#define LS_NONE ((size_t)-1)

/* One heading of the outline (docs/outline.md). A report is a tree:
 *
 *     1 2022年工作回顾                       part review
 *       2 一年来,我们坚持能源主导、…           lead of a paragraph
 *     1 2023年工作任务                       part plan
 *       2 坚持工业强市,推动现代化产业体系构建,…  own line
 *         3 做强能源产业                     lead, or **bold** lead
 */
typedef struct {
    int level;          /* 1 (part), 2 (area), 3 (sub-area) */
    const char *title;  /* without numbering (一、 （一） 1.), markup or closing 。 */
    size_t start;       /* byte offset of the title's first character */
    size_t end;         /* byte offset just past the title */
    ls_part part;
    size_t parent;      /* index of the enclosing heading, or LS_NONE */
    size_t body_end;    /* where its section ends: the next heading of its level or above */
} ls_heading;

/* Finds the outline of 'doc'. Calling it again does nothing. Fails only
 * with LS_ENOMEM. */
LS_API ls_status ls_doc_outline(ls_doc *doc, ls_error *err);

/* The number of headings found by ls_doc_outline(), and the one at 'index'
 * in document order. */
LS_API size_t ls_doc_heading_count(const ls_doc *doc);
LS_API const ls_heading *ls_doc_heading(const ls_doc *doc, size_t index);

/* "review", "requirements", "plan", "self" or "other". */
LS_API const char *ls_part_name(ls_part part);

/* ---- Tasks and achievements --------------------------------------------- */

/* What a clause does in the report (docs/ledger.md, the draft ledger):
 * only commitments make task rows, and the targets of the headline make
 * target rows. */
typedef enum {
    LS_ROLE_COMMITMENT = 0, /* work the government commits to: 推动水磨湾等3座在建煤矿达产 */
    LS_ROLE_ACHIEVEMENT,    /* work reported done (the review) */
    LS_ROLE_HEADLINE,       /* the year's headline targets: 主要预期目标是：地区生产总值增长5%左右 */
    LS_ROLE_PERIOD,         /* a goal of a five-year period: 地区生产总值年均增长5%左右 */
    LS_ROLE_FRAME           /* frames the work, commits to none: 各位代表！, 总体要求是：…,
                               确定4.5%左右的增长目标，兼顾了…, 重点抓好以下工作, the closing call */
} ls_task_role;

/* "commitment", "achievement", "headline", "period" or "frame". */
LS_API const char *ls_task_role_name(ls_task_role role);

/* One clause of the report that asks for work (a task, in the requirements,
 * plan and self parts) or reports it done (an achievement, in the review):
 * 推动水磨湾等3座在建煤矿达产; */
typedef struct {
    const char *id;          /* stable: document id, heading path, clause number */
    int achievement;         /* 1 for a clause of the review (kind actual) */
    ls_part part;
    size_t heading;          /* index of the innermost heading above it, or LS_NONE */
    size_t start, end;       /* byte span of the clause, its closing 。 or ； included */
    const char *text;        /* the clause as written, without ** markers */
    size_t first_mention;    /* its mentions: [first_mention, first_mention + mention_count) */
    size_t mention_count;
    const char *const *entities; /* named things it is about: 国电湖东, 浑源…抽水蓄能电站 */
    size_t entity_count;
    ls_task_role role;            /* what the clause does: a commitment, the headline … */
} ls_task;

/* Splits the plan and review parts of 'doc' into tasks and achievements
 * (after the outline and the mentions, which it runs if needed). Calling it
 * again does nothing. Fails only with LS_ENOMEM. */
LS_API ls_status ls_doc_tasks(ls_doc *doc, ls_error *err);

/* The tasks and achievements, in text order. */
LS_API size_t ls_doc_task_count(const ls_doc *doc);
LS_API const ls_task *ls_doc_task(const ls_doc *doc, size_t index);

/* The document's id: 16 hex digits of a hash of its text; the stem of every
 * task id, so ids are stable across runs on the same text. */
LS_API const char *ls_doc_id(const ls_doc *doc);

/* ---- Links ----------------------------------------------------------------- */

/* A target linked to its baseline: the actual of the same metric in the
 * review of the same report (高标准农田 21.7万亩 → 20.8万亩). */
typedef struct {
    size_t target;      /* mention index of the target */
    size_t baseline;    /* mention index of the actual */
    double similarity;  /* of the two metrics, 0..1 (docs/linking.md) */
    double change_abs;  /* target - baseline, in the target's unit */
    double change_pct;  /* 100 * change_abs / baseline; valid when 'has_pct' */
    int has_pct;
} ls_link;

/* Links the targets of 'doc' to their baselines (running the earlier
 * stages if needed). Calling it again does nothing. Fails with LS_ENOMEM. */
LS_API ls_status ls_doc_link(ls_doc *doc, ls_error *err);

LS_API size_t ls_doc_link_count(const ls_doc *doc);
LS_API const ls_link *ls_doc_link_at(const ls_doc *doc, size_t index);

/* ---- Ledger (the store) ------------------------------------------------ */

/*
 * A ledger (台账) kept in a store: reports imported into it, their tasks
 * and headline targets as rows ("items") that a supervision office assigns
 * to units (departments), progress reports, and an append-only change log.
 * docs/ledger.md describes the tables; docs/status.md the status rule.
 *
 *     ls_store *st;
 *     ls_store_open("luoshi.db", &st, &err);          // created, migrated
 *     ls_store_set_actor(st, "督查室");                // who the log names
 *     ls_store_import(st, bytes, len, "datong-2023.txt", "大同市", 2023, &res, &err);
 *     ls_store_items(st, &filter, &rows, &err);        // the rows, typed
 *     ls_mem_free(rows.mem);
 *     ls_store_close(st);
 *
 * Every call that writes is one transaction, and every write appends to
 * the change log who did it, when, and the old and new value. Queries hand
 * out typed records (below); the command line and the web app write them
 * as text, JSON or tables through one descriptor per record.
 * A store is used by one thread at a time; open one per thread.
 */
typedef struct ls_store ls_store;

/* Records. Queries hand out typed records in lists: 'n' records at 'at';
 * the records, their strings and what they hold live in 'mem', and
 * ls_mem_free(list.mem) frees them all. A list that failed is empty
 * ('at' NULL, 'n' 0, 'mem' NULL). */
typedef struct ls_mem ls_mem;

/* Frees 'mem' and every record and string in it (NULL does nothing). */
LS_API void ls_mem_free(ls_mem *mem);

/* True when 'where' is a PostgreSQL URL (postgresql://…, postgres://…). */
LS_API int ls_store_is_url(const char *where);

/* Opens the store at 'where' (a file path: SQLite, created when missing;
 * or a postgresql:// URL: PostgreSQL, the database must exist),
 * bringing its schema up to date. Fails with LS_EDB (not a store, newer
 * schema, cannot open), LS_EBUSY or LS_ENOMEM; '*out' is then NULL. */
LS_API ls_status ls_store_open(const char *where, ls_store **out, ls_error *err);

/* Closes 'store' (NULL does nothing); an open transaction is rolled back. */
LS_API void ls_store_close(ls_store *store);

/* Names who the following writes are logged as (copied; default "luoshi"). */
LS_API void ls_store_set_actor(ls_store *store, const char *actor);

/* What ls_store_import() did. */
typedef struct {
    long long report_id; /* the stored report (the existing one when a duplicate) */
    int created;         /* 0 when the same bytes were imported before */
    int version;         /* 1, 2, … among the texts of this government and year */
    size_t tasks;        /* task rows of the draft ledger */
    size_t targets;      /* headline target rows */
} ls_import_result;

/* Imports the report in 'bytes' (any input luoshi parse reads), named
 * 'source' for display, as the report of government 'gov' for 'year':
 * stores its text, SHA-256, outline, clauses, mentions and links, and
 * drafts the ledger (one item per plan task and per headline target, with
 * a suggested lead unit). The same bytes imported again change nothing
 * ('created' 0). Fails with the errors of ls_doc_new, LS_EINVAL for an
 * empty 'gov' or a year outside 1949..2200, LS_EDB, LS_EBUSY. */
LS_API ls_status ls_store_import(ls_store *store, const char *bytes, size_t len,
                                 const char *source, const char *gov, int year,
                                 ls_import_result *result, ls_error *err);

/* One report for ls_store_import_each: the arguments of ls_store_import.
 * 'bytes', 'source' and 'gov' stay the caller's, valid until 'done' has
 * been called for this report. */
typedef struct {
    const char *bytes;
    size_t len;
    const char *source;
    const char *gov;
    int year;
} ls_import_input;

/* Gives report 'i' (0, 1, 2, …) in '*in' (zeroed before the call) and
 * returns LS_OK; at the end, returns LS_OK and leaves in->bytes NULL. A
 * report that cannot be had (a file that cannot be read) returns another
 * status with 'err': 'done' is then told it for this report. Called on a
 * thread of the import's own, one call at a time, in order. */
typedef ls_status (*ls_import_next_fn)(void *ctx, size_t i, ls_import_input *in, ls_error *err);
/* Told how report 'i' went, in order, on the calling thread: 'st' is
 * LS_OK with 'res', or the failure with 'err' (as ls_store_import would
 * return them). Returns nonzero to go on, 0 to stop (the next reports are
 * not imported). */
typedef int (*ls_import_done_fn)(void *ctx, size_t i, ls_status st, const ls_import_result *res,
                                 const ls_error *err);

/* Imports the reports 'next' gives, each as ls_store_import does (one
 * transaction each; a failed one leaves the store as it was), and reads
 * the next report on a second thread while one is stored, so that a
 * corpus imports in about the time of the slower of the two. At most three
 * reports are held at once (one stored, one read, one waiting). When no
 * thread can be started, each report is read on the calling thread.
 * 'next' (for a later report) and 'done' (for an earlier one) run at the
 * same time on two threads: what both touch in 'ctx' needs a lock.
 * Returns LS_OK once 'done' has been told of every report (or said stop);
 * the status of each is what 'done' is told. */
LS_API ls_status ls_store_import_each(ls_store *store, ls_import_next_fn next,
                                      ls_import_done_fn done, void *ctx, ls_error *err);

/* Units (departments). Adding an existing name fails with LS_EEXIST;
 * removing marks the unit removed (logged) and fails with LS_ENOTFOUND. */
LS_API ls_status ls_store_unit_add(ls_store *store, const char *name, ls_error *err);
LS_API ls_status ls_store_unit_remove(ls_store *store, const char *name, ls_error *err);
/* A unit (department) and how many live rows it leads and helps with. */
typedef struct {
    long long id;
    const char *name;
    long long lead, co;
} ls_unit;

typedef struct {
    ls_unit *at;
    size_t n;
    ls_mem *mem;
} ls_unit_list;

/* The units that are not removed, by name. */
LS_API ls_status ls_store_units(ls_store *store, ls_unit_list *out, ls_error *err);

/* Who owns an item. NULL fields are left as they are. */
typedef struct {
    const char *lead;          /* 牵头单位: a unit's name */
    const char *const *co;     /* 配合单位, 'co_count' names; replaces the list */
    size_t co_count;
    int set_co;                /* 1: replace the co units with 'co' (even none) */
    const char *leader;        /* 分管领导 */
    const char *due;           /* 完成时限, YYYY-MM-DD ("" clears it in a batch) */
    const char *const *joint;  /* joint leads beside 'lead' (省发展改革委、省财政厅等牵头): */
    size_t joint_count;        /*   'joint_count' names; all may report */
    int set_joint;             /* 1: replace the joint leads with 'joint' (even none) */
    const char *others;        /* placeholders kept as text (有关单位、各县区); "" clears */
    const char *office_no;     /* the office's own number of the line (一、 (1) 1.) */
} ls_assignment;

/* Assigns the 'n' items 'items' (ids), all in one transaction. A unit
 * that does not exist is an error (LS_ENOTFOUND), as is an unknown item;
 * a bad date is LS_EINVAL. Each changed field is logged. */
LS_API ls_status ls_store_assign(ls_store *store, const long long *items, size_t n,
                                 const ls_assignment *assignment, ls_error *err);

/* One progress report (the quarterly 报送 form). */
typedef struct {
    const char *date;      /* YYYY-MM-DD, the date it reports on */
    int has_value;         /* 'value': the figure reached, in the target's unit */
    double value;
    int has_percent;       /* 'percent': the share of the task done, 0..100 */
    double percent;
    const char *done_text; /* 进展情况 (required) */
    const char *problems;  /* 存在问题, may be NULL */
    const char *next_steps; /* 下一步措施, may be NULL */
    const char *evidence;  /* a path or URL, may be NULL */
    const char *unit;      /* the reporting unit: the item's lead or a co unit */
} ls_progress;

/* Records 'progress' on item 'item'. LS_EINVAL for a bad date, a percent
 * outside 0..100 or no done_text; LS_ENOTFOUND for an unknown item or
 * unit; LS_EINVAL when 'unit' is neither lead nor co unit of the item. */
LS_API ls_status ls_store_progress(ls_store *store, long long item,
                                   const ls_progress *progress, ls_error *err);

/* A filter on items; zero / NULL fields do not filter. */
typedef struct {
    long long report;       /* a report id */
    const char *gov;        /* a government's name */
    int year;
    const char *kind;       /* "task" or "target" */
    const char *unit;       /* lead or co unit */
    const char *status;     /* a status name (ls_status_name), after it is computed */
    const char *part;       /* "plan", "requirements", "self" */
    const char *heading;    /* text in the heading path */
    const char *due_before; /* YYYY-MM-DD */
    const char *text;       /* text in the sentence */
    const char *as_of;      /* the date status is judged at; NULL: today */
    long long id;           /* one item */
    size_t limit, offset;   /* pagination; limit 0: all */
    int custom_rule;        /* 1: use 'ahead' and 'tolerance' (docs/status.md) */
    double ahead;           /* 超进度 from this many points above schedule (10) */
    double tolerance;       /* 欠进度 from this many points below schedule (0) */
    int removed;            /* 1: the rows removed from the ledger instead (with 'id',
                               the row whatever its state) */
    const char *search;     /* text in the sentence, heading path, lead unit or
                               leader (the search box of the web ledger) */
    int drafts;             /* 1: judge the rows with no lead unit like the others;
                               0: they are 未分工 (LS_PACE_UNASSIGNED) */
} ls_item_filter;

/* Removes row 'item' from the ledger ('removed' 1: a clause of the draft
 * that is no task, such as a sentence on the situation) or puts it back
 * (0). Nothing is deleted: the row keeps its assignment and progress,
 * leaves every listing, status, bulletin and export, takes no progress,
 * and both are logged. LS_ENOTFOUND for an unknown row. */
LS_API ls_status ls_store_item_set_removed(ls_store *store, long long item, int removed,
                                           ls_error *err);

/* The same for the 'n' rows 'items' (the batch of the web ledger), all in
 * one transaction: one unknown row, and nothing changes. */
LS_API ls_status ls_store_items_set_removed(ls_store *store, const long long *items, size_t n,
                                            int removed, ls_error *err);

/* One row of the change log: who did what when, and the field's old and
 * new value (NULL where there is none). */
typedef struct {
    const char *at, *actor, *action, *field, *old_value, *new_value;
} ls_change_entry;

typedef struct {
    ls_change_entry *at;
    size_t n;
    ls_mem *mem;
} ls_change_list;

/* The change log of item 'item', oldest first, with the import of its
 * report. LS_ENOTFOUND for an unknown item. */
LS_API ls_status ls_store_history(ls_store *store, long long item, ls_change_list *out,
                                  ls_error *err);

/* The figure a report gives for one target of its row (a row of several). */
typedef struct {
    long long target; /* the target's mention id (ls_item_target.id) */
    double value;     /* in the target's stored unit */
} ls_target_value;

/* A stored progress report (报送) of a ledger row. */
typedef struct {
    long long id;
    const char *date;        /* the date it reports on */
    double value, percent;
    int has_value, has_percent;
    const char *done_text, *problems, *next_steps, *evidence; /* NULL: not given */
    const char *unit;        /* the unit that reported */
    const char *at, *by;     /* when and by whom it was stored */
    long long replaces;      /* the report it corrects (0: none) */
    const ls_target_value *values; /* on a row of several targets: the figure of
                                      each target given ('nvalues', 0: none) */
    size_t nvalues;
} ls_progress_entry;

typedef struct {
    ls_progress_entry *at;
    size_t n;
    ls_mem *mem;
} ls_progress_list;

/* Every progress report of item 'item', newest first (by report date,
 * then the one stored last). LS_ENOTFOUND for an unknown item. */
LS_API ls_status ls_store_progress_list(ls_store *store, long long item, ls_progress_list *out,
                                        ls_error *err);

/* ---- Ledger rows ---- */

/* A row is a task (a clause of the plan to carry out) or a target (one of
 * the year's headline targets). */
typedef enum { LS_ITEM_TASK = 0, LS_ITEM_TARGET } ls_item_kind;

/* "task" or "target". */
LS_API const char *ls_item_kind_name(ls_item_kind kind);

/* The pace of a row against 序时进度, the share of its period elapsed
 * (docs/status.md; "status" in the CLI, the API and the pages). */
typedef enum {
    LS_PACE_DONE = 0,    /* 已完成 */
    LS_PACE_AHEAD,       /* 超进度 */
    LS_PACE_ON_TRACK,    /* 达进度 */
    LS_PACE_BEHIND,      /* 欠进度 */
    LS_PACE_NOT_STARTED, /* 未启动 */
    LS_PACE_OVERDUE,     /* 逾期 */
    LS_PACE_PENDING,     /* 待审核: 办结 asked, the office has not reviewed it */
    LS_PACE_UNASSIGNED,  /* 未分工: a draft row with no lead unit, not judged
                            (ls_item_filter 'drafts' 0) and counted apart */
    LS_PACE_COUNT
} ls_pace;

/* "已完成" …, and "done", "ahead", "on_track", "behind", "not_started",
 * "overdue", "unassigned" (未分工). */
LS_API const char *ls_pace_name(ls_pace pace);
LS_API const char *ls_pace_code(ls_pace pace);

/* The baseline a target is linked to (docs/linking.md): last year's figure
 * of the same measure, and the change from it. */
typedef struct {
    const char *text, *unit;
    double value, change_abs, change_pct;
    int has_change_abs, has_change_pct;
} ls_baseline;

/* A quantified target of a row. */
typedef struct {
    long long id;                /* its mention */
    const char *text, *metric, *op;
    double value, value_max;
    int has_max;
    const char *unit, *change;   /* change NULL: none */
    const ls_baseline *baseline; /* NULL: linked to none */
} ls_item_target;

/* A ledger row with its owners, targets, latest progress and pace. */
typedef struct {
    long long id, report;
    const char *gov;
    long long year, seq;
    ls_item_kind kind;
    const char *part;            /* "plan", "requirements" or "self" */
    const char *path;            /* its heading path, " / " between headings */
    const char *text;            /* the sentence */
    long long start, end;        /* its bytes in the report's text */
    const char *suggested_lead, *lead, *leader, *due, *removed_at; /* NULL: none */
    const ls_item_target *targets;
    size_t ntargets;
    const char *const *co;       /* the co units, by name */
    size_t nco;
    const char *const *joint;    /* the other lead units (several 牵头), by name */
    size_t njoint;
    const char *others;          /* placeholders named as owners: 有关单位、各县区; NULL */
    const char *office_no;       /* the office's own number of the row (一、 (1)); NULL */
    const ls_progress_entry *progress; /* the latest on or before the as-of date, or NULL */
    ls_pace pace;
    const char *reason;          /* the rule that decided the pace, in words */
    const char *review;          /* 办结: NULL, "pending", "returned" or "approved" */
    const char *review_reason;   /* why it was returned (NULL otherwise) */
    const char *review_at;       /* when the latest 办结 step was taken */
} ls_item;

typedef struct {
    ls_item *at;
    size_t n;
    ls_mem *mem;
} ls_item_list;

/* The items that pass 'filter', in ledger order, with their pace as of
 * the filter's date. docs/ledger.md lists the fields. LS_EINVAL for a bad
 * date or status in the filter. */
LS_API ls_status ls_store_items(ls_store *store, const ls_item_filter *filter,
                                ls_item_list *out, ls_error *err);

/* A sentence that commits to something and overlaps no ledger row
 * (漏分解): its byte span in the report's text, part, heading path, text
 * and why it commits (量化指标, 时限, 承诺用语). */
typedef struct {
    long long start, end;
    const char *part, *path, *text;
    const char *const *why;
    size_t nwhy;
} ls_uncovered;

/* A ledger row too vague to check: no number and no date (无量化指标,
 * 无时限), or no lead unit (无责任单位). */
typedef struct {
    long long id;
    const char *text;
    const char *const *missing;
    size_t nmissing;
} ls_vague;

/* What the ledger of a report misses; everything lives in 'mem'
 * (ls_mem_free(coverage.mem)). */
typedef struct {
    long long report;
    ls_uncovered *uncovered;
    size_t nuncovered;
    ls_vague *vague;
    size_t nvague;
    ls_mem *mem;
} ls_coverage;

/* What the ledger of report 'report' misses (docs/ledger.md): the
 * sentences that commit to something (a target, a deadline, a commitment
 * verb) but overlap no row (漏分解), and the rows with no number and no
 * date, or no lead unit. LS_ENOTFOUND for no report; on failure 'out' is
 * empty. */
LS_API ls_status ls_store_coverage(ls_store *store, long long report, ls_coverage *out,
                                   ls_error *err);

/* ---- The closed loop of 督办 (src/ledger: evidence.c, review.c, figure.c) ---- */

/*
 * Evidence (佐证材料) is a file kept in the store with the row it backs:
 * a PDF, an image (PNG, JPEG, GIF, WebP), an Office file (DOCX, XLSX, PPTX,
 * DOC, XLS, PPT, WPS's ET/WPS as OLE), or a ZIP archive, of at most
 * LS_EVIDENCE_MAX bytes; its type is read from its first bytes, and the
 * name must agree with it. A 办结 request (ls_ledger_finish) makes a row
 * 待审核 until the office approves it (已完成, 销号) or returns it with a
 * reason (ls_ledger_review). docs/ledger.md describes the loop.
 */
#define LS_EVIDENCE_MAX (20u << 20)

/* A stored evidence file (its bytes are read with ls_ledger_evidence_get). */
typedef struct {
    long long id, item, progress; /* progress 0: none */
    const char *name, *type, *sha256;
    long long size;
    const char *unit;             /* the unit that sent it, NULL when none */
    const char *at, *by;
} ls_evidence;

typedef struct {
    ls_evidence *at;
    size_t n;
    ls_mem *mem;
} ls_evidence_list;

/* A file to keep as evidence: its name as sent and its bytes. */
typedef struct {
    const char *name;
    const char *bytes;
    size_t len;
} ls_evidence_file;

/* The MIME type of a file of evidence from its first bytes and its name
 * ("application/pdf", "image/png", …); NULL with a message in 'err'
 * (LS_EINVAL: a type not taken, a name that disagrees with the bytes;
 * LS_ELIMIT: past LS_EVIDENCE_MAX; an empty file). */
LS_API const char *ls_evidence_type(const char *bytes, size_t len, const char *name,
                                    ls_error *err);

/* The type 'type' (as stored) as a constant string of the types taken,
 * else "application/octet-stream": what a download may say it is. */
LS_API const char *ls_evidence_mime(const char *type);

/* Keeps 'file' as evidence of row 'item', sent by 'unit' (the row's lead
 * or a co unit; NULL: the office), and logs it; '*id' (may be NULL) gets
 * its id. Errors of ls_evidence_type, LS_ENOTFOUND, LS_EINVAL. */
LS_API ls_status ls_ledger_evidence_add(ls_store *store, long long item, const char *unit,
                                        const ls_evidence_file *file, long long *id,
                                        ls_error *err);

/* The evidence of row 'item', oldest first (LS_ENOTFOUND: no row). */
LS_API ls_status ls_ledger_evidence_list(ls_store *store, long long item, ls_evidence_list *out,
                                         ls_error *err);

/* Evidence file 'id': its record ('out', one) and its bytes in '*data'
 * ('*len' bytes, ls_free). LS_ENOTFOUND for none. */
LS_API ls_status ls_ledger_evidence_get(ls_store *store, long long id, ls_evidence_list *out,
                                        char **data, size_t *len, ls_error *err);

/* '*owns' 1 when 'unit' leads or helps with row 'item' (a unit user reads
 * only the evidence of its own rows). */
LS_API ls_status ls_ledger_unit_owns(ls_store *store, long long item, const char *unit,
                                     int *owns, ls_error *err);

/* A progress report as a unit writes it: the report, its figures as
 * written, the report it corrects, files of evidence. */
typedef struct {
    ls_progress report;          /* has_value / value are set from 'values' */
    const char *const *values;   /* "9.5万人", "4" (in the unit the target is shown
                                    in: 4 means 4万亩 for 8.03万亩); one per target
                                    of the row, in its order; 'nvalues' */
    size_t nvalues;
    long long replaces;          /* a report of the row it corrects, 0: none */
    int confirm;                 /* 1: a figure under 1% or over 10× its target is meant */
    const ls_evidence_file *files;
    size_t nfiles;
} ls_report_in;

/* Reads the figures of 'in' against the targets of row 'item', checks
 * them (LS_EINVAL: a unit other than the target's, a figure that is no
 * number, as many figures as targets on a row of several; LS_ECONFIRM: a
 * figure under 1% or over 10 times its target without 'confirm'), records
 * the report (ls_store_progress) and keeps its files, in one
 * transaction; '*progress' (may be NULL) gets the report's id. */
LS_API ls_status ls_ledger_report(ls_store *store, long long item, const ls_report_in *in,
                                  long long *progress, ls_error *err);

/* The figure 'text' read in the unit of target 't' into '*value' (in the
 * target's stored unit: 9.5万人 is 95000): a figure with a unit is read as
 * written, a bare number in the unit the target is shown in. LS_EINVAL
 * with the reason when it cannot be. */
LS_API ls_status ls_ledger_figure(const ls_item_target *t, const char *text, double *value,
                                  ls_error *err);

/* The unit target 't' is shown in ("万亩" for 8.03万亩, "%", "" for none),
 * written into 'buf' of 'size' bytes; and the factor from it to the
 * stored unit (10000 for 万亩). */
LS_API double ls_ledger_target_unit(const ls_item_target *t, char *buf, size_t size);

/* Asks for 办结 of row 'item': records the report of 'in' (what was done,
 * by the unit) and the request; the row is 待审核 until reviewed.
 * LS_EINVAL when the row is waiting for review or 办结 already. */
LS_API ls_status ls_ledger_finish(ls_store *store, long long item, const ls_report_in *in,
                                  long long *progress, ls_error *err);

/* Reviews the 办结 request of row 'item': 'approve' 1 makes it 已完成
 * (办结, 销号); 0 returns it with 'reason' (required), kept in its history.
 * LS_EINVAL when the row has no request waiting. */
LS_API ls_status ls_ledger_review(ls_store *store, long long item, int approve,
                                  const char *reason, ls_error *err);

/* Merges a 报送表 as ls_store_progress_sheet does, sent by 'unit' for its
 * own rows only (a line of another unit is an error), and keeps the file
 * as evidence of every row it added a report to. */
LS_API ls_status ls_ledger_progress_sheet_by(ls_store *store, const char *bytes, size_t len,
                                             const char *name, const char *unit, size_t *added,
                                             ls_error *err);

/* ---- The office's rules (src/ledger) ---- */

/* How many rows have each pace, of all rows or of one lead unit. */
typedef struct {
    const char *name;        /* the lead unit; "（未明确牵头单位）" for rows with none */
    size_t n[LS_PACE_COUNT];
    size_t total;
} ls_pace_tally;

/* The rows that keep to 序时进度 or better: done, ahead and on track. */
LS_API size_t ls_pace_on_schedule(const ls_pace_tally *t);

/* The totals of a list of rows: all of them, and per group (a lead unit,
 * an area) in the order the groups first appear (at most 256; rows of
 * others count in 'all' only). The statuses a total counts are its
 * columns ('cols', in the order every total shows them: src/ledger/totals.c);
 * the rows of no column — 未分工, draft rows with no lead unit — are
 * 'unassigned', in no total. */
typedef struct {
    ls_pace_tally all;
    ls_pace_tally *units;
    size_t nunits;
    ls_mem *mem;
    const ls_pace *cols;     /* static: the columns of a total */
    size_t ncols;
    size_t unassigned;       /* rows of LS_PACE_UNASSIGNED, counted apart */
} ls_pace_totals;

/* Counts the 'n' rows 'items' into 'out', per lead unit
 * (ls_mem_free(out->mem) frees it). LS_ENOMEM. */
LS_API ls_status ls_ledger_totals(const ls_item *items, size_t n, ls_pace_totals *out,
                                  ls_error *err);

/* The same per area of the plan: the second heading of a row's path
 * (坚持工业强市，推动…), "（其他）" for rows with none; at most 64 areas. */
LS_API ls_status ls_ledger_area_totals(const ls_item *items, size_t n, ls_pace_totals *out,
                                       ls_error *err);

/* ---- Reporting cycles, late reports, reminders, ranking (src/ledger) ---- */

/* The reporting cycle in force: units report every month or quarter, by
 * day 'due_day' of the month after the period (the last day of a shorter
 * month). Not set: quarterly, by day 10 (docs/ledger.md). */
typedef struct {
    int is_set;
    char every[8];           /* "month" or "quarter" */
    int due_day;             /* 1..31 */
    char set_at[32], set_by[128];
} ls_cycle;

/* Sets the cycle (a new record; the latest is in force; logged).
 * LS_EINVAL for another 'every' or a due day outside 1..31. */
LS_API ls_status ls_store_cycle_set(ls_store *store, const char *every, int due_day,
                                    ls_error *err);
/* The cycle in force; 'is_set' 0 when none was set (then the default). */
LS_API ls_status ls_store_cycle(ls_store *store, ls_cycle *out, ls_error *err);

/* How a row reported for a period: by the due day, after it, not at all. */
typedef enum { LS_REPORTED_ON_TIME = 0, LS_REPORTED_LATE, LS_REPORTED_NONE } ls_reported;
/* "按时报送", "逾期报送", "未报送"; "on_time", "late", "missing". */
LS_API const char *ls_reported_name(ls_reported r);
LS_API const char *ls_reported_code(ls_reported r);

/* A row due to report in a period, and how it did. */
typedef struct {
    const ls_item *item;     /* judged as of the period's last day */
    ls_reported reported;
    const char *reported_at; /* when its first report for the period was stored; NULL: none */
} ls_cycle_row;

/* A lead unit in a period: its rows due to report and how they did, its
 * rows judged at the period's end and those at or above 序时进度, and the
 * times its rows were returned by the office (history entries of action
 * "returned"). */
typedef struct {
    const char *unit;
    size_t expected, on_time, late, missing;
    size_t judged, on_schedule;
    size_t returned;
    double on_time_rate, on_schedule_share; /* percent, 0 when nothing to count */
    size_t rank;                            /* 1, 2, …; equal figures share a rank */
} ls_unit_rank;

/* A reporting period of the ledger: which rows were due to report, which
 * did by the due day, and the lead units ranked (ls_ledger_cycle_period). */
typedef struct {
    const char *gov;
    const char *label;       /* 2023年7月, 2023年第三季度 */
    char start[11], end[11]; /* the period */
    char due[11];            /* the due day of its reports */
    ls_cycle cycle;
    ls_item_list items;      /* every row of the report, judged as of 'end' */
    ls_cycle_row *rows;      /* the rows due to report, in ledger order */
    size_t nrows;
    ls_unit_rank *units;     /* ranked: on-time rate, then share on schedule,
                                then fewer returns, then name */
    size_t nunits;
    ls_mem *mem;
} ls_cycle_period;

/* The period 'period' ("2023-07", "2023-Q3", also "2023-H1", "2023") of
 * the rows that pass 'filter' (its status and paging ignored; no report
 * named: the latest of one government). A row is due to report when it
 * has a lead unit assigned by the due day, is live, and was not done
 * before the period began; it
 * reported on time when a report dated in or after the period was stored
 * by the due day. LS_EINVAL for a bad period. ls_cycle_period_free. */
LS_API ls_status ls_ledger_cycle_period(ls_store *store, const ls_item_filter *filter,
                                        const char *period, ls_cycle_period *out,
                                        ls_error *err);
LS_API void ls_cycle_period_free(ls_cycle_period *p);

/* The colour of a row in a reminder (催办单) and on the pages: 红 overdue,
 * 黄 behind 序时进度, 蓝 due within the days asked, none otherwise (a row
 * that is several is shown by the first of 红, 黄, 蓝). */
typedef enum { LS_ALERT_NONE = 0, LS_ALERT_BLUE, LS_ALERT_YELLOW, LS_ALERT_RED } ls_alert;
/* "", "蓝", "黄", "红"; "", "blue", "yellow", "red". */
LS_API const char *ls_alert_name(ls_alert a);
LS_API const char *ls_alert_code(ls_alert a);
/* The colour of 'item' (judged as of 'as_of') with 'within' days' notice. */
LS_API ls_alert ls_ledger_alert(const ls_item *item, const char *as_of, int within);

/* One unit's 催办单: its rows of each colour, 红 first. */
typedef struct {
    const char *unit;
    const ls_item **rows;    /* 'nrows' rows, 红 then 黄 then 蓝, ledger order within */
    ls_alert *alerts;
    size_t nrows;
    size_t n[4];             /* rows per ls_alert */
} ls_remind_unit;

/* The reminders of a day: one 催办单 per lead unit with a row to chase. */
typedef struct {
    const char *gov;
    char as_of[11];
    int within;
    ls_item_list items;      /* judged as of 'as_of' */
    ls_remind_unit *units;   /* by name of unit, in ledger order of first row */
    size_t nunits;
    ls_mem *mem;
} ls_remind;

/* Drafts the reminders as of 'as_of' (NULL: today) with 'within' days'
 * notice (0..366) over the rows that pass 'filter' (no report named: the
 * latest of one government; 'unit' keeps the rows that unit leads). LS_EINVAL for a bad
 * date or 'within'. ls_remind_free. */
LS_API ls_status ls_ledger_remind(ls_store *store, const ls_item_filter *filter,
                                  const char *as_of, int within, ls_remind *out, ls_error *err);
LS_API void ls_remind_free(ls_remind *r);

/* The period of the cycle 'c' that holds day 'day' (YYYY-MM-DD) into
 * 'out' ("2023-07" or "2023-Q3"), or the one before it when 'previous' (the
 * last period whose reports are due). Returns 0 for a bad day. */
LS_API int ls_ledger_period_of(const ls_cycle *c, const char *day, int previous, char *out,
                               size_t size);

/* A unit's 待办 on a day: the rows it still has to report this period,
 * the rows the office returned and not reported on since, and its rows
 * overdue, behind or due soon (its 催办单). */
typedef struct {
    const char *unit;
    char period[16];         /* this period of the cycle: "2023-07", "2023-Q3" */
    ls_cycle_period cycle;   /* this period, the unit's rows */
    ls_remind remind;        /* the unit's rows of a colour */
    const ls_item **returned; /* rows returned since their last report */
    size_t nreturned;
    ls_mem *mem;
} ls_todo;

/* The 待办 of 'unit' as of 'as_of' (NULL: today), with 'within' days'
 * notice, over the rows of 'filter' (no report: the latest of one
 * government). ls_todo_free. */
LS_API ls_status ls_ledger_todo(ls_store *store, const ls_item_filter *filter, const char *unit,
                                const char *as_of, int within, ls_todo *out, ls_error *err);
LS_API void ls_todo_free(ls_todo *t);

/* The report a view shows when none is named: the latest (highest year,
 * then latest version) of government 'gov' (NULL: that of the report
 * imported last), of year 'year' when not 0. '*id' 0 when there is none. */
LS_API ls_status ls_ledger_latest_report(ls_store *store, const char *gov, int year,
                                         long long *id, ls_error *err);

/* The supervision bulletin (通报) of a period, as data: what it says, not
 * how it is written (src/format/bulletin_out.c writes it as Markdown or
 * HTML with charts). */
typedef struct {
    const char *gov;         /* the government it is of ("" when several) */
    const char *label;       /* the period: 2023年第二季度 */
    const char *title;       /* 关于大同市2023年第二季度政府工作报告重点任务推进情况的通报 */
    char as_of[11];          /* the period's last day: the pace is judged on it */
    ls_item_list items;      /* every row, judged as of that day */
    ls_pace_totals totals;   /* of all rows, and per lead unit */
    ls_cycle_period cycle;   /* the period's reports: units that did not report,
                                units ranked (ls_ledger_cycle_period) */
    /* The head and foot of the document, set by the caller (NULL: none, or
     * the default docs/ledger.md gives): 发文机关, 文号, 成文日期
     * (YYYY-MM-DD), 落款. */
    const char *issuer, *number, *date, *signature;
} ls_bulletin;

/* Drafts the bulletin of 'period' ("2023-Q2", "2023-H1", "2023-06" or
 * "2023") over the items that pass 'filter' (its status and pagination are
 * ignored; with no report or year, the period's year). LS_EINVAL for a bad
 * period. ls_bulletin_free frees it. */
LS_API ls_status ls_ledger_bulletin(ls_store *store, const ls_item_filter *filter,
                                    const char *period, ls_bulletin *out, ls_error *err);
LS_API void ls_bulletin_free(ls_bulletin *bulletin);


/* A stored report: its facts, and where asked its text or its rows. */
typedef struct {
    long long id;
    const char *gov;
    long long year, version; /* version: 1, 2, … among the texts of gov and year */
    const char *source;      /* the file's name as imported */
    const char *sha256;      /* of the file's bytes */
    const char *doc_id;      /* luoshi parse's document id */
    const char *encoding;
    long long from_html;     /* 1: the article of a saved web page */
    const char *imported_at, *imported_by;
    const char *text;        /* the verbatim text (ls_store_report with_text); else NULL */
    long long items;         /* ls_store_reports: its live ledger rows */
} ls_report;

typedef struct {
    ls_report *at;
    size_t n;
    ls_mem *mem;
} ls_report_list;

/* Report 'id' (a list of one) with its text when 'with_text' (the offsets
 * of every row point into it). LS_ENOTFOUND for no such report. */
LS_API ls_status ls_store_report(ls_store *store, long long id, int with_text,
                                 ls_report_list *out, ls_error *err);

/* A heading of a stored report (luoshi outline), with the seq of the
 * heading it stands under. */
typedef struct {
    long long seq, level;
    const char *title, *part;
    long long start, end;
    long long parent;
    int has_parent;          /* 0: a part, under no heading */
} ls_stored_heading;

typedef struct {
    ls_stored_heading *at;
    size_t n;
    ls_mem *mem;
} ls_stored_heading_list;

/* Its outline, in text order. LS_ENOTFOUND for no such report. */
LS_API ls_status ls_store_report_outline(ls_store *store, long long id,
                                         ls_stored_heading_list *out, ls_error *err);

/* A mention of a stored report, with the ledger row it stands in. */
typedef struct {
    long long id, start, end;
    const char *text;
    double value, value_max;
    int has_max;
    const char *unit, *kind, *op, *change, *metric, *part; /* change NULL: none */
    long long item;
    int has_item;            /* 0: in no live ledger row */
} ls_stored_mention;

typedef struct {
    ls_stored_mention *at;
    size_t n;
    ls_mem *mem;
} ls_stored_mention_list;

/* Its mentions, in text order. LS_ENOTFOUND for no such report. */
LS_API ls_status ls_store_report_mentions(ls_store *store, long long id,
                                          ls_stored_mention_list *out, ls_error *err);

/* A target of a row with the row's fields a target table shows, and the
 * text and change of its baseline (`luoshi targets`). */
typedef struct {
    ls_item_target target;
    long long item;
    ls_pace pace;
    const char *lead, *suggested_lead, *due, *gov;
    long long year;
    const char *baseline_text; /* NULL: no baseline */
    double change_pct;
    int has_change_pct;
} ls_target_row;

typedef struct {
    ls_target_row *at;
    size_t n;
    ls_mem *mem;
} ls_target_list;

/* The quantified targets of the items that pass 'filter', one record per
 * target; 'filter' limit and offset count targets, not items. */
LS_API ls_status ls_store_targets(ls_store *store, const ls_item_filter *filter,
                                  ls_target_list *out, ls_error *err);

/* A stored link, target beside baseline (docs/linking.md). */
typedef struct {
    long long id, start, end;
    const char *text, *metric, *op, *unit, *change, *part; /* op, change, part: targets only */
    double value, value_max;
    int has_max;
} ls_link_end;

typedef struct {
    long long id, report;
    long long item;          /* the live row the target stands in */
    int has_item;
    double similarity, change_abs, change_pct;
    int has_change_abs, has_change_pct;
    ls_link_end target, baseline;
} ls_stored_link;

typedef struct {
    ls_stored_link *at;
    size_t n;
    ls_mem *mem;
} ls_stored_link_list;

/* The links of report 'report' (0: of every report), in text order.
 * LS_ENOTFOUND for an unknown report. */
LS_API ls_status ls_store_links(ls_store *store, long long report, ls_stored_link_list *out,
                                ls_error *err);

/* Today's date as YYYY-MM-DD (UTC; $LUOSHI_NOW overrides the clock for
 * tests): the default as-of date of status. */
LS_API void ls_store_today(char day[11]);

/* The current time as YYYY-MM-DDTHH:MM:SSZ (UTC; $LUOSHI_NOW overrides
 * it), the clock a session's expiry is compared with. */
LS_API void ls_store_clock(char now[32]);

/* The version of the ledger's data: the id of the newest change-log row.
 * Every write appends to the log, so a read cached at one version is
 * still true while the version is the same (the server's cache). */
LS_API ls_status ls_store_data_version(ls_store *store, long long *version, ls_error *err);

/* A watch on the writes to a store, for a process that keeps answers in
 * memory (the server): on PostgreSQL a connection of its own LISTENs for
 * the notification that every insert into the change log sends at commit,
 * so no request need ask the store for its version. */
typedef struct ls_store_watch ls_store_watch;

/* Starts a watch on the store 'where' (as for ls_store_open): on
 * PostgreSQL a connection and a thread; for SQLite '*out' is NULL and
 * LS_OK (ask ls_store_data_version). Close with ls_store_watch_close. */
LS_API ls_status ls_store_watch_open(const char *where, ls_store_watch **out, ls_error *err);

/* Puts in '*version' a number that changes at every write committed by
 * any process (it is not a change-log id; compare it only with itself)
 * and returns 1; returns 0 when it is unknown ('w' NULL, or its
 * connection down: then ask ls_store_data_version). Costs no round trip. */
LS_API int ls_store_watch_version(ls_store_watch *w, long long *version);

/* Counts a write this process has just committed, before its
 * notification comes back ('w' may be NULL). */
LS_API void ls_store_watch_touch(ls_store_watch *w);

/* Stops the watch (NULL does nothing). */
LS_API void ls_store_watch_close(ls_store_watch *w);

/* How many rows a table holds in the store copied from and in the copy. */
typedef struct {
    const char *table;
    long long from, to;
} ls_table_count;

typedef struct {
    ls_table_count *at;
    size_t n;
    ls_mem *mem;
} ls_table_count_list;

/* Copies the whole ledger of 'from' into the empty store 'to' (another
 * back end, usually): every table, ids, change log and accounts included,
 * in one transaction on 'to', then checks that each table holds as many
 * rows on both sides ('*counts', table by table). LS_EEXIST when 'to' is
 * not empty; LS_EDB when a count differs. */
LS_API ls_status ls_store_copy(ls_store *from, ls_store *to, ls_table_count_list *counts,
                               ls_error *err);

/* Assigns the 'n' items 'items' each its own assignment, all in one
 * transaction; on failure '*failed' is the index of the one that failed
 * and nothing changed. */
LS_API ls_status ls_store_assign_batch(ls_store *store, const long long *items,
                                       const ls_assignment *assignments, size_t n,
                                       size_t *failed, ls_error *err);

/* Records the 'n' progress reports, all in one transaction; a report equal
 * to one stored (same row, date, figures, 进展情况, 存在问题, 下一步措施 and
 * evidence) is skipped. '*added' counts those stored; on failure '*failed'
 * is the index of the one that failed and nothing changed. */
LS_API ls_status ls_store_progress_batch(ls_store *store, const long long *items,
                                         const ls_progress *reports, size_t n, size_t *added,
                                         size_t *failed, ls_error *err);

/* As ls_store_assign_batch, after adding the 'nnew' units 'new_units'
 * in the same transaction (luoshi assign --from --create-units). */
LS_API ls_status ls_store_assign_plan(ls_store *store, const char *const *new_units, size_t nnew,
                                      const long long *items, const ls_assignment *assignments,
                                      size_t n, size_t *failed, ls_error *err);

/* Merges unit 'from' into unit 'into' (one department entered twice): its
 * rows, co units and users move to 'into', 'from' is marked removed; the
 * progress reports keep the unit that sent them. Logged. LS_ENOTFOUND. */
LS_API ls_status ls_store_unit_merge(ls_store *store, const char *from, const char *into,
                                     ls_error *err);

/* The rows of ls_store_items with each suggested lead unit in the office's
 * own names (src/ledger/suggest.c): its unit of that department when it
 * has one (区发改局 for 发展改革委, by data/unit_aliases.txt), else the
 * department's name at the government's level (财政厅 in a province, 财政局
 * in a city). */
LS_API ls_status ls_ledger_items(ls_store *store, const ls_item_filter *filter,
                                 ls_item_list *out, ls_error *err);

/* The suggestion 'suggested' for a row of government 'gov' as above, among
 * 'units' (may be NULL); 'buf' may hold the answer. NULL for none. */
LS_API const char *ls_ledger_suggestion(const char *suggested, const char *gov,
                                        const ls_unit_list *units, char *buf, size_t size);

/* ---- An office's own 分工方案 (src/ledger/fengong.c, docs/ledger.md) ---- */

/* What became of a line of a 分工方案. */
typedef enum {
    LS_FG_MATCHED = 0, /* its rows are found: applied unless it has a problem */
    LS_FG_AMBIGUOUS,   /* several rows fit about as well: the office picks */
    LS_FG_UNMATCHED,   /* no row fits */
    LS_FG_HEADING      /* a heading or a line with nothing to assign (一、扩大内需) */
} ls_fg_result;

/* Why a matched line is not applied as it stands. */
typedef enum {
    LS_FG_OK = 0,
    LS_FG_UNKNOWN_UNIT, /* it names a unit the store does not have (--create-units adds it) */
    LS_FG_BAD_DATE      /* its 完成时限 is no date */
} ls_fg_problem;

/* A row a line lands on, with the line's similarity to it (0..1). */
typedef struct {
    long long item;
    double score;
    const char *text; /* the row's text as aligned (a target row: its clause) */
} ls_fg_row;

/* One line of the file, read and aligned. */
typedef struct {
    size_t line;                  /* the sheet's row or the text's line, 1-based */
    const char *no;               /* the office's own 序号 (一、 (1) 1.), or NULL */
    int by_id;                    /* 1: its 序号 is the row's id (luoshi's own export) */
    const char *task;             /* the task as the file writes it */
    const char *const *leads;     /* lead units: the store's name (an alias resolved) or, */
    size_t nleads;                /*   for a unit it lacks, the file's; the first is of record */
    const char *const *co;        /* co units, the same way */
    size_t nco;
    const char *others;           /* placeholders kept as text (有关单位、各县区), or NULL */
    const char *leader;           /* 分管领导, or NULL */
    const char *due_text;         /* 完成时限 as written, or NULL */
    const char *due;              /* read as YYYY-MM-DD, or NULL */
    int clears_due;               /* 1: 长期坚持, 持续推进 … (no deadline) */
    ls_fg_result result;
    ls_fg_problem problem;
    double score;                 /* of the match, or of the best candidate */
    const ls_fg_row *rows;        /* matched: its rows; ambiguous: the candidates, best first; */
    size_t nrows;                 /*   unmatched: the nearest, if any */
} ls_fg_line;

/* A unit name the file uses, and what it is in the store. */
typedef struct {
    const char *name;  /* as written: 省发展改革委 */
    const char *unit;  /* the store's unit (区发改局 → 发展改革委, by the alias table), or NULL */
    int alias;         /* 1: found by the alias table, not by its exact name */
} ls_fg_unit;

/* A 分工方案 read against the ledger of one report: the preview. */
typedef struct {
    long long report;
    const char *name;     /* the file */
    ls_fg_line *lines;
    size_t nlines;
    ls_fg_unit *units;    /* every unit named, in order of first mention */
    size_t nunits;
    size_t matched, ambiguous, unmatched, headings, unknown_units;
    const long long *items; /* the live rows of the report, by id */
    size_t nitems;
    ls_mem *mem;
} ls_fengong;

/* Reads a 分工方案 ('name' says the form: .xlsx, .csv; any other name is
 * text, a web page included, in the bracket form …。〔X牵头，Y按职责分工
 * 负责〕) and aligns each line to the rows of report 'report' by meaning
 * (docs/ledger.md). Writes nothing. ls_mem_free(out->mem). LS_EINVAL for
 * a file that is no 分工方案 (no header row, no bracket), LS_ENOTFOUND for
 * an unknown report, the limits of the readers. */
LS_API ls_status ls_ledger_fengong_read(ls_store *store, long long report, const char *bytes,
                                        size_t len, const char *name, ls_fengong *out,
                                        ls_error *err);

/* A line and a row the office chose for it (the web preview's checkboxes). */
typedef struct {
    size_t at;       /* the line: its index in ls_fengong.lines */
    long long item;  /* a row of the report */
} ls_fg_pick;

/* Applies 'fg' in one transaction: with 'picks' NULL every matched line
 * without a problem; else exactly the 'npicks' picks (a row of the report
 * for a line of the file). Lines on one row merge (the first lead stays
 * of record). 'create_units': units the file names and the store lacks are
 * added first (else lines naming them are not applied). '*rows' counts the
 * rows assigned, '*lines' the lines applied. LS_EINVAL for a pick that
 * names no line or no row of the report, or a line with a bad date. */
LS_API ls_status ls_ledger_fengong_apply(ls_store *store, const ls_fengong *fg,
                                         const ls_fg_pick *picks, size_t npicks, int create_units,
                                         size_t *rows, size_t *lines, ls_error *err);

/* "matched", "ambiguous", "unmatched", "heading". */
LS_API const char *ls_fg_result_name(ls_fg_result result);

/* Merges a filled-in 报送表 (luoshi export --layout baosong, XLSX or CSV):
 * one progress report per line with 进展情况, all or nothing; lines merged
 * before are skipped ('*added' counts the new ones). */
LS_API ls_status ls_store_progress_sheet(ls_store *store, const char *bytes, size_t len,
                                         const char *name, size_t *added, ls_error *err);

/* A table as offices exchange it (分工方案, 指标分解表, 报送表): a title,
 * columns, and rows of cells. The ledger fills it (ls_ledger_export); a
 * front end writes it as XLSX, CSV or JSON (src/format/sheet_out.c). */
typedef enum { LS_COL_TEXT = 0, LS_COL_NUMBER, LS_COL_DATE } ls_col_type;

typedef struct {
    const char *key;    /* the field of a JSON record: lead */
    const char *header; /* the heading in the sheet: 牵头单位 */
    ls_col_type type;
    int wide;           /* long text: wrapped, wider */
} ls_column;

typedef enum { LS_CELL_NULL = 0, LS_CELL_TEXT, LS_CELL_INT, LS_CELL_REAL } ls_cell_kind;

typedef struct {
    ls_cell_kind kind;
    const char *text;   /* LS_CELL_TEXT */
    double number;      /* LS_CELL_INT (a whole number), LS_CELL_REAL */
} ls_cell;

typedef struct {
    const char *title;  /* 大同市2023年政府工作报告重点任务分工方案 */
    const ls_column *cols;
    size_t ncols;
    const ls_cell *cells; /* 'nrows' rows of 'ncols' cells */
    size_t nrows;
    ls_mem *mem;
} ls_sheet;

/* The ledger as a table offices use ('layout' "fengong" 分工方案, "zhibiao"
 * 主要指标分解表, "baosong" 报送表; NULL: fengong) over the items that pass
 * 'filter'. LS_EINVAL for an unknown layout. ls_mem_free(out->mem). */
LS_API ls_status ls_ledger_export(ls_store *store, const ls_item_filter *filter,
                                  const char *layout, ls_sheet *out, ls_error *err);

/* ---- Comparison across governments and years ---- */

/* Metric aliases kept in the store (docs/linking.md): 'alias' measures
 * what 'canonical' does (煤炭产量 → 原煤产量). Adding an existing alias is
 * LS_EEXIST; removing an unknown one LS_ENOTFOUND. Both are logged. */
LS_API ls_status ls_store_alias_add(ls_store *store, const char *alias, const char *canonical,
                                    ls_error *err);
LS_API ls_status ls_store_alias_remove(ls_store *store, const char *alias, ls_error *err);
/* An alias kept in the store, and the list of them (ordered by canonical
 * name, then alias). */
typedef struct {
    const char *alias, *canonical, *created_at, *created_by;
} ls_alias;

typedef struct {
    ls_alias *at;
    size_t n;
    ls_mem *mem;
} ls_alias_list;

LS_API ls_status ls_store_aliases(ls_store *store, ls_alias_list *out, ls_error *err);

/* One figure of a comparison: a target (of the plan, requirements or self
 * part) or an actual (of the review) of the latest version of a stored
 * report. 'year' is the report's, 'for_year' the year the figure is about
 * (an actual of the 2024 review is about 2023). A target carries its
 * outcome in the next year's review: "met", "missed", "not_mentioned", or
 * "pending" when that report is not stored yet; 'actual' is the actual it
 * was judged against (docs/linking.md gives the rules). */
typedef struct ls_compared ls_compared;
struct ls_compared {
    long long id;
    const char *gov;
    long long year, for_year, report;
    const char *kind, *part, *metric, *text;
    double value, value_max;
    int has_max;
    const char *unit, *op;
    const char *change; /* "increase", "decrease" or NULL */
    long long start, end;
    int is_target;               /* then 'outcome' and 'actual' are given */
    const char *outcome;
    const ls_compared *actual;   /* NULL when none */
    int has_actual;              /* then the two below are given */
    double actual_in_target_unit; /* the actual's value in the target's unit */
    double match;                /* how well the names match, 0..1 */
    const char *actual_text;     /* the actual's text (for tables) */
    const char *actual_sentence; /* ls_store_commitments: the actual's sentence */
    int has_sentence;            /* ls_store_commitments: 'sentence' is given */
    const char *sentence;        /* the sentence of its report around it */
};

/* The count of outcomes of one government's targets of one year: 兑现率
 * 'rate' = met / (met + missed), 'rate_all' = met / all judged (each null
 * with nothing to divide by). 'rate_shown' is for a front end to fill. */
typedef struct {
    const char *gov;
    long long year, met, missed, not_mentioned;
    double rate, rate_all;
    int has_rate, has_rate_all;
    const char *rate_shown;
} ls_commit_rate;

typedef struct {
    const char *metric, *gov; /* as asked (NULL: not asked) */
    ls_compared *mentions;    /* oldest first, by government */
    size_t nmentions;
    ls_commit_rate *rates;
    size_t nrates;
    ls_mem *mem;
} ls_comparison;

/* Targets and actuals side by side, from the latest version of each
 * report: of 'metric' (its name, aliases included, anywhere in a mention's
 * metric) and/or of government 'gov', for years 'from'..'to' (0: open),
 * each target with its outcome and the rates per government and year.
 * ls_mem_free(out->mem). */
LS_API ls_status ls_store_compare(ls_store *store, const char *metric, const char *gov,
                                  int from, int to, ls_comparison *out, ls_error *err);

typedef struct {
    const char *gov;
    long long year;
    ls_compared *targets; /* each with its sentence, and its actual's */
    size_t ntargets;
    ls_commit_rate *rates;
    size_t nrates;
    ls_mem *mem;
} ls_commitment_list;

/* The commitment check (兑现率) of the report of 'gov' for 'year': each
 * target with its outcome in the year+1 review, both sentences side by
 * side, and the rate. ls_mem_free(out->mem). */
LS_API ls_status ls_store_commitments(ls_store *store, const char *gov, int year,
                                      ls_commitment_list *out, ls_error *err);

/* The target of 'list' that is mention 'mention' (a ledger row's target
 * id), or NULL. */
LS_API const ls_compared *ls_commitment_find(const ls_commitment_list *list, long long mention);

/* The reports in the store (no text, doc_id or from_html; with items),
 * by id. */
LS_API ls_status ls_store_reports(ls_store *store, ls_report_list *out, ls_error *err);

/* ---- Accounts (the web app) ---------------------------------------------- */

/* A token in hex: 64 digits and a NUL. */
#define LS_TOKEN_SIZE 65

/* A login session: the token for the cookie and the CSRF token of forms. */
typedef struct {
    char token[LS_TOKEN_SIZE];
    char csrf[LS_TOKEN_SIZE];
} ls_session;

/* Adds user 'name' with 'role' "admin" (the office: everything), "unit"
 * (reports progress on its unit's rows; 'unit' names it) or "viewer"
 * (reads), and 'password' (8 bytes or more), kept as an argon2id string.
 * LS_EEXIST, LS_EINVAL, LS_ENOTFOUND (unit). */
LS_API ls_status ls_store_user_add(ls_store *store, const char *name, const char *role,
                                   const char *unit, const char *password, ls_error *err);

/* A user of the web app. */
typedef struct {
    long long id;
    const char *name;
    const char *role;        /* "admin", "unit" or "viewer" */
    const char *unit;        /* the unit of a unit user; NULL for the others */
    const char *disabled_at; /* when it was disabled; NULL while enabled */
    const char *csrf;        /* signed in by a session: its CSRF token; else NULL */
    const char *expires_at;  /* signed in by a session: when it ends; else NULL */
} ls_user;

typedef struct {
    ls_user *at;
    size_t n;
    ls_mem *mem;
} ls_user_list;

/* The users, by name. */
LS_API ls_status ls_store_users(ls_store *store, ls_user_list *out, ls_error *err);

/* Disables user 'name' ('enabled' 0: staff who left) or enables it again
 * (1). A disabled user cannot sign in, its sessions end at once and its API
 * tokens stop working while it stays disabled; nothing is deleted and both
 * are logged. The last enabled admin cannot be disabled (LS_EINVAL).
 * LS_ENOTFOUND for an unknown name. */
LS_API ls_status ls_store_user_set_enabled(ls_store *store, const char *name, int enabled,
                                           ls_error *err);

/* Checks 'password' of user 'name' and opens a session that lasts
 * 'lifetime_seconds'. A wrong name or password is LS_EINVAL (the same
 * message and about the same time for both). */
LS_API ls_status ls_store_login(ls_store *store, const char *name, const char *password,
                                long long lifetime_seconds, ls_session *session,
                                ls_error *err);

/* The user of a live session 'token', with its CSRF token: a list of one,
 * or of none when the token is unknown, ended or expired, or its user
 * disabled. */
LS_API ls_status ls_store_session_user(ls_store *store, const char *token, ls_user_list *user,
                                       ls_error *err);

/* Ends the session 'token' (logout). */
LS_API ls_status ls_store_logout(ls_store *store, const char *token, ls_error *err);

/* A new API token for user 'user' (shown once: only its hash is kept). */
LS_API ls_status ls_store_token_new(ls_store *store, const char *user, const char *name,
                                    char token[LS_TOKEN_SIZE], ls_error *err);

/* The user of API token 'token' (no CSRF token): a list of one, or of
 * none when it is unknown or revoked, or its user disabled. */
LS_API ls_status ls_store_token_user(ls_store *store, const char *token, ls_user_list *user,
                                     ls_error *err);

/* Revokes API token 'token' (logged; the token no longer signs anyone
 * in). LS_ENOTFOUND when it is unknown or revoked already. */
LS_API ls_status ls_store_token_revoke(ls_store *store, const char *token, ls_error *err);

/* ---- Server (the web app) ------------------------------------------------ */

/* `luoshi serve`: the web app and JSON API over a store (docs/api.md). */
typedef struct ls_server ls_server;

typedef struct {
    const char *db;            /* the store, as for ls_store_open */
    const char *bind;          /* IPv4 address; NULL: 127.0.0.1 */
    unsigned port;             /* 0: any free port (see ls_server_port) */
    unsigned threads;          /* 0: one per core */
    long long session_seconds; /* 0: 8 hours */
    int secure_cookies;        /* 1: cookies carry Secure (reached over TLS) */
    unsigned per_address;      /* connections at once from one address; 0: 32 */
    const char *trusted_proxy; /* a reverse proxy's IPv4 address, or NULL */
    const char *client_header; /* the header that proxy names the client in;
                                  NULL: X-Forwarded-For (its last address) */
    unsigned upload_slots;     /* uploads handled at once; 0: one less than
                                  the threads, at least 1 */
} ls_server_options;

/* Starts serving in threads of its own and returns at once. LS_EIO when
 * the address cannot be bound; the errors of ls_store_open. */
LS_API ls_status ls_server_start(const ls_server_options *options, ls_server **out,
                                 ls_error *err);

/* LS_OK when a server can be started on this machine: the HTTP library
 * (libmicrohttpd, opened when first needed) is there. Else LS_EIO naming
 * it, before a caller writes anything (`luoshi serve` creates its first
 * admin only after this). */
LS_API ls_status ls_server_can_start(ls_error *err);

/* The port the server listens on. */
LS_API unsigned ls_server_port(const ls_server *server);

/* Stops serving, waits for requests in flight, closes its stores. */
LS_API void ls_server_stop(ls_server *server);

/* ---- Output ------------------------------------------------------------ */

typedef enum { LS_FMT_JSONL = 0, LS_FMT_JSON, LS_FMT_CSV, LS_FMT_TABLE, LS_FMT_TREE } ls_format;

/* Parses "jsonl", "json", "csv", "table" or "tree" into '*fmt'; returns 0
 * if the name is unknown. */
LS_API int ls_format_parse(const char *name, ls_format *fmt);

/* Flags of ls_mentions_write: several documents make one output when the
 * first call has LS_WRITE_HEADER and the last LS_WRITE_FOOTER. */
#define LS_WRITE_HEADER 1u  /* CSV header row, JSON '[', table heading */
#define LS_WRITE_FOOTER 2u  /* JSON ']', table count line */
#define LS_WRITE_FILE 4u    /* a "file" field with 'source' in JSON records */
#define LS_WRITE_WHOLE (LS_WRITE_HEADER | LS_WRITE_FOOTER)

/* Takes 'n' bytes of output (a file, a socket, a buffer); returns 0 on
 * failure, which stops the writer. */
typedef int (*ls_write_fn)(void *ctx, const char *bytes, size_t n);

/* Writes the mentions of 'doc' in 'fmt' to a new NUL-terminated string in
 * '*out' (length in '*out_len' when not NULL), which the caller frees with
 * ls_free(). 'source' names the file (the "file" column of CSV, and of JSON
 * records with LS_WRITE_FILE) and may be NULL. 'first' says whether a JSON
 * record already precedes (so a comma is due). Fails with LS_ENOMEM. */
LS_API ls_status ls_mentions_write(const ls_doc *doc, ls_format fmt, const char *source,
                                   unsigned flags, int first, char **out, size_t *out_len,
                                   ls_error *err);

/* Writes the mentions of 'doc' as ls_mentions_write does, handing the text
 * to 'write' (with 'ctx') in pieces of at most about 64 KB as it is
 * produced: the output is never held whole. LS_EIO when 'write' fails. */
LS_API ls_status ls_mentions_stream(const ls_doc *doc, ls_format fmt, const char *source,
                                    unsigned flags, int first, ls_write_fn write, void *ctx,
                                    ls_error *err);

/* Writes the whole document (outline, mentions, tasks, links; run
 * ls_doc_link first) as one JSON object, described in docs/document.md,
 * to a new string in '*out' (free with ls_free). The tasks are those of
 * ls_doc_tasks when it has run; otherwise they are found as they are
 * written and never held all at once (the same tasks, for less memory).
 * 'source' names the file and may be NULL. Fails with LS_ENOMEM. */
LS_API ls_status ls_doc_write_json(const ls_doc *doc, const char *source, char **out,
                                   size_t *out_len, ls_error *err);

/* ls_doc_write_json handing its text to 'write' as it is produced. */
LS_API ls_status ls_doc_stream_json(const ls_doc *doc, const char *source, ls_write_fn write,
                                    void *ctx, ls_error *err);

/* Writes the outline of 'doc' (after ls_doc_outline) like
 * ls_mentions_write: 'fmt' is LS_FMT_JSONL, LS_FMT_JSON or LS_FMT_TREE (an
 * indented tree); other formats give LS_EINVAL. */
LS_API ls_status ls_outline_write(const ls_doc *doc, ls_format fmt, const char *source,
                                  unsigned flags, int first, char **out, size_t *out_len,
                                  ls_error *err);

/* ls_outline_write handing its text to 'write' as it is produced. */
LS_API ls_status ls_outline_stream(const ls_doc *doc, ls_format fmt, const char *source,
                                   unsigned flags, int first, ls_write_fn write, void *ctx,
                                   ls_error *err);

#ifdef __cplusplus
}
#endif

#endif
