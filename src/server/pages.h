/*
 * pages.h — what the page files share (pages.c): the filter of the ledger
 * from a page's query, and
 * small pieces of HTML every page writes (a status badge, a number, the
 * hidden CSRF field, the options of a report or unit select). The pages
 * themselves are pages_*.c; the frame and error page are in handlers.h.
 * Every text from the store goes out through ls_res_text or ls_res_url.
 */
#ifndef LS_SERVER_PAGES_H
#define LS_SERVER_PAGES_H

#include <stddef.h>

#include "handlers.h"
#include "op_text.h"

/* Rows of the ledger, targets a page shows at most before "next page". */
#define LS_PAGE_ROWS 50

/* Appends trusted HTML (a literal of the page's own) to the response. */
#define PUT(r, html) ls_buf_puts(&(r)->out, (html))

/* The filter of a ledger page from its query: unit, status, part, kind,
 * heading, text, due_before, as_of, report, gov, year (empty fields do
 * not filter). Returns 0 and a message in 'msg' when one is malformed;
 * 'f' points into the request's query and lives as long as 'r'. */
int ls_page_filter(ls_req *r, ls_item_filter *f, char *msg, size_t size);

/* Appends the fields of 'f' that filter, as "name=value&" pairs of a URL
 * query (percent-encoded, then HTML-escaped "&amp;"), for links that keep
 * the filter (paging, downloads). */
void ls_page_filter_query(ls_req *r, const ls_item_filter *f);

/* <input type="hidden" name="csrf" …> with the session's token. */
void ls_page_csrf(ls_req *r);

/* The status (pace) of a ledger row as a coloured badge, its 'reason' (may
 * be NULL) as title. */
void ls_page_status(ls_req *r, ls_pace pace, const char *reason);
/* The colour of a row as a 催办单 gives it (红 overdue, 黄 behind, 蓝 due
 * within 'within' days of 'as_of', NULL: today), or nothing. */
/* pages_loop.c: the units ranked for a period, as a table and as the
 * dashboard's panel (the period before the as-of date's, of the cycle). */
void ls_page_rank_table(ls_req *r, const ls_cycle_period *p);
void ls_page_rank_panel(ls_req *r, const ls_item_filter *f);

#define LS_ALERT_DAYS 15 /* the notice of 蓝 on the pages, as `luoshi remind` */
void ls_page_alert(ls_req *r, const ls_item *it, const char *as_of, int within);

/* A figure: whole numbers grouped by thousands (160,000,000), others
 * with up to six significant digits (1.6, 6.5). */
void ls_page_number(ls_req *r, double v);

/* The Chinese name of a part ("plan" → 工作任务); the code when unknown. */
const char *ls_page_part_name(const char *part);


/* <option>s of the reports in the store (value: id), 'selected' marked,
 * after an option 'none' (value "") when not NULL. */
void ls_page_report_options(ls_req *r, long long selected, const char *none);

/* <option>s of the units in the store (value: name), 'selected' marked,
 * after an option 'none' (value "") when not NULL. */
void ls_page_unit_options(ls_req *r, const char *selected, const char *none);

/* Flags of ls_page_table: sorted by a click on a column in the browser;
 * wide enough that a phone scrolls it sideways rather than squeeze it. */
#define LS_TABLE_SORT 1u
#define LS_TABLE_WIDE 2u

/* Opens a table in a wrapper that scrolls sideways on a narrow screen,
 * with the header cells 'head' (trusted HTML of <th>s) and 'flags'
 * (LS_TABLE_*). ls_page_table_end closes it. */
void ls_page_table(ls_req *r, const char *head, unsigned flags);
void ls_page_table_end(ls_req *r);

/* A message box above a form: 'text' escaped, class "error" or "ok". */
void ls_page_notice(ls_req *r, const char *cls, const char *text);

#endif
