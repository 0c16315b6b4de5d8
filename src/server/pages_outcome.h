/*
 * pages_outcome.h — a target's 兑现 outcome on the pages and the 兑现率
 * cards of the dashboard (pages_outcome.c). Drawing only.
 */
#ifndef LS_PAGES_OUTCOME_H
#define LS_PAGES_OUTCOME_H

#include "server.h"

/* Reports whose check a page reads at most. */
#define LS_OUTCOME_REPORTS_MAX 16

/* The checks a page has read, one per report (zero it first; free with
 * ls_outcomes_free). */
typedef struct {
    struct {
        const char *gov;
        long long year;
        int ok;
        ls_commitment_list list;
    } at[LS_OUTCOME_REPORTS_MAX];
    size_t n;
    size_t cards; /* cards drawn */
} ls_outcomes;

void ls_outcomes_free(ls_outcomes *o);

/* The outcome of target 't' of row 'it' in the next year's review (已兑现,
 * 未兑现, 未再提及, 待次年报告) and the actual it was judged by; nothing when
 * the check cannot be read. */
void ls_page_outcome(ls_req *r, ls_outcomes *o, const ls_item *it, const ls_item_target *t);

/* A 兑现率 card for each report of 'items' (met / (met + missed), and the
 * counts), each a link to the comparison of its government. */
void ls_page_outcome_cards(ls_req *r, ls_outcomes *o, const ls_item_list *items);

#endif
