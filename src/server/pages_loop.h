/*
 * pages_loop.h — the parts of a row's page that the closed loop of 督办
 * adds (pages_loop.c), drawn by pages_task.c.
 */
#ifndef LS_SERVER_PAGES_LOOP_H
#define LS_SERVER_PAGES_LOOP_H

#include "server.h"

/* Where the row's 办结 stands (待审核, 已退回 with its reason, 已办结). */
void ls_loop_review_notice(ls_req *r, const ls_item *it);

/* The row's files of evidence (downloads for a reader who may see them)
 * and, when 'may_upload', the form to add more. */
void ls_loop_evidence_section(ls_req *r, const ls_item *it, int may_upload);

/* The office's review of a 办结 request waiting (admins only). */
void ls_loop_review_form(ls_req *r, const ls_item *it);

#endif
