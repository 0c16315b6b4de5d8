/*
 * handlers.h — the handlers of the route table (routes.c): the JSON API
 * (api.c), sign-in (auth.c), the pages (pages.c) and the static assets
 * (assets.c). Each answers one request through the ls_res_* calls.
 */
#ifndef LS_SERVER_HANDLERS_H
#define LS_SERVER_HANDLERS_H

#include "server.h"
#include "records.h"
#include "throttle.h"

/* auth.c */
void h_login_page(ls_req *r);
void h_login(ls_req *r);
void h_logout(ls_req *r);
void h_api_login(ls_req *r);
void h_api_logout(ls_req *r);
void h_api_me(ls_req *r);
/* The CSRF token of the signed-in user ("" when none). */
const char *ls_csrf(ls_req *r);
/* The cookie lifetime of sessions, from the server's options. */
long long ls_server_session_seconds(const struct ls_server *s);
/* True when cookies are marked Secure (the server is reached over TLS). */
int ls_server_secure_cookies(const struct ls_server *s);
/* How long failed sign-ins are counted, in seconds (auth.c, throttle.c). */
#define LS_LOGIN_WINDOW (15 * 60L)
/* The failed sign-ins of the server (auth.c counts and checks them). */
ls_throttle *ls_server_logins(const struct ls_server *s);
/* The client's address as text ("127.0.0.1", "::1"), "?" if unknown:
 * the peer's address, or, when the peer is the configured reverse proxy,
 * the address that proxy puts in the configured header. */
void ls_req_client(ls_req *r, char *buf, size_t size);

/* api.c */
void h_api_reports(ls_req *r);
void h_api_report(ls_req *r);
void h_api_report_outline(ls_req *r);
void h_api_report_coverage(ls_req *r);
void h_api_import(ls_req *r);
void h_api_tasks(ls_req *r);
void h_api_task(ls_req *r);
void h_api_task_history(ls_req *r);
void h_api_targets(ls_req *r);
void h_api_units(ls_req *r);
void h_api_unit_add(ls_req *r);
void h_api_assign(ls_req *r);
void h_api_progress(ls_req *r);
void h_api_status(ls_req *r);
void h_api_bulletin(ls_req *r);
void h_api_report_mentions(ls_req *r);
void h_api_links(ls_req *r);
void h_api_unit_remove(ls_req *r);
/* Answers the 'n' records of 'd' at 'at' paged by the query's limit and
 * offset, their number in X-Total-Count; or the error of 'st'. */
void ls_api_records(ls_req *r, ls_status st, const ls_error *err, const ls_rec_desc *d,
                    const void *at, size_t n);

/* api_loop.c: cycles, late reports, ranking, reminders, a unit's 待办 */
void h_api_cycle(ls_req *r);
void h_api_cycle_set(ls_req *r);
void h_api_late(ls_req *r);
void h_api_rank(ls_req *r);
void h_api_remind(ls_req *r);
void h_api_todo(ls_req *r);

/* api_sheets.c */
void h_api_export(ls_req *r);
void h_api_assignments(ls_req *r);
void h_api_progress_import(ls_req *r);

/* api_accounts.c */
void h_api_users(ls_req *r);
void h_api_user_add(ls_req *r);
void h_api_user_disable(ls_req *r);
void h_api_user_enable(ls_req *r);
void h_api_token_new(ls_req *r);
void h_api_token_revoke(ls_req *r);
/* Fills 'f' from the query of 'r' (the filters of luoshi tasks); 0 and a
 * 400 response when one is malformed. */
int ls_api_filter(ls_req *r, ls_item_filter *f);
void h_api_item_remove(ls_req *r);
void h_api_item_restore(ls_req *r);

/* filter.c: what was wrong with a filter of the query. */
typedef enum {
    LS_FILTER_OK = 0,
    LS_FILTER_REPORT, /* not a report id */
    LS_FILTER_YEAR,   /* not a year */
    LS_FILTER_STATUS, /* no such status */
    LS_FILTER_DATE,   /* not YYYY-MM-DD */
    LS_FILTER_NUMBER  /* limit, offset, ahead or tolerance not a number in range */
} ls_filter_error;

/* The ledger filter of the query of 'r' into 'f' ('f' points into the
 * query and lives as long as 'r'); on error '*name' is the field. */
ls_filter_error ls_req_item_filter(ls_req *r, ls_item_filter *f, const char **name);

/* api_compare.c */
void h_api_compare(ls_req *r);
void h_api_commitments(ls_req *r);
void h_api_aliases(ls_req *r);
void h_api_alias_add(ls_req *r);
void h_api_alias_remove(ls_req *r);
void h_compare_page(ls_req *r);

/* pages_dashboard.c */
void h_dashboard(ls_req *r);
/* pages_report.c */
void h_reports_page(ls_req *r);
void h_report_page(ls_req *r);
/* pages_task.c */
void h_task_page(ls_req *r);
void h_task_assign(ls_req *r);
void h_task_progress(ls_req *r);
void h_task_remove(ls_req *r);
void h_task_restore(ls_req *r);
/* pages_ledger.c */
void h_tasks_page(ls_req *r);
void h_targets_page(ls_req *r);
void h_bulletin_page(ls_req *r);
/* pages_loop.c */
void h_late_page(ls_req *r);
void h_remind_page(ls_req *r);
void h_todo_page(ls_req *r);
/* pages_admin.c */
void h_units_page(ls_req *r);
void h_unit_add_page(ls_req *r);
void h_import_page(ls_req *r);
void h_import_post(ls_req *r);
/* pages_users.c */
void h_users_page(ls_req *r);
void h_user_add_page(ls_req *r);
void h_user_enable_page(ls_req *r);
/* pages.c */
/* Starts a page: the HTML head, the navigation for the user, <main>. */
void ls_page_begin(ls_req *r, const char *title);
/* Ends it: </main>, the footer, the script. */
void ls_page_end(ls_req *r);
/* An HTML error page with 'status'. */
void ls_page_error(ls_req *r, int status, const char *message);

/* assets.c */
void h_asset(ls_req *r);

#endif
