/*
 * loop_web.h — what the API (api_loop.c) and the pages (pages_loop.c,
 * pages_task.c) of the closed loop of 督办 share: a report read from a
 * request (JSON, a form or a multipart upload) and who may read a row's
 * files.
 */
#ifndef LS_SERVER_LOOP_WEB_H
#define LS_SERVER_LOOP_WEB_H

#include "server.h"

#define LS_LOOP_MAX_FILES 8
#define LS_LOOP_MAX_VALUES 16

/* A report as sent: the ledger's input, with room for what it points to
 * (figures written back from JSON numbers, the files of a multipart body,
 * which stay in the request). */
typedef struct {
    ls_report_in in;
    const char *values[LS_LOOP_MAX_VALUES];
    char buf[LS_LOOP_MAX_VALUES][40];
    size_t nvalues;
    ls_evidence_file files[LS_LOOP_MAX_FILES];
    size_t nfiles;
} ls_loop_in;

/* Reads the report of 'r' (JSON 'body', may be NULL: then the form) into
 * 'l': a unit user's unit is its own, others name "unit". 0 when percent is
 * not a number, a value not a figure, or replaces not a report id. */
int ls_loop_read(ls_req *r, json_t *body, ls_loop_in *l);

/* True when the user of 'r' may read the files of row 'item': admins and
 * viewers any row, a unit user the rows its unit leads or helps with. */
int ls_loop_may_read(ls_req *r, long long item);

/* The handlers (routes.c). */
void h_api_finish(ls_req *r);
void h_api_review(ls_req *r);
void h_api_evidence_list(ls_req *r);
void h_api_evidence_add(ls_req *r);
void h_evidence_get(ls_req *r);
void h_task_evidence(ls_req *r);
void h_task_review(ls_req *r);
void h_tasks_batch(ls_req *r);

#endif
