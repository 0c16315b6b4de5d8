/*
 * roles.h — what a clause does in a report: a commitment, the year's
 * headline targets, a goal of a five-year period, or words that frame the
 * work without committing to any.
 */
#ifndef LS_ROLES_H
#define LS_ROLES_H

#include <stddef.h>

#include "luoshi.h"

/* A paragraph of the folded text (its lines joined as lines.c joins the
 * pieces of a web page's sentence) and what it says as a whole. */
typedef struct {
    size_t a, b;         /* the paragraph, without its line break */
    int call;            /* calls on the audience: the closing words */
    int frame;           /* states the year's overall requirements (总体要求是：…) */
    int period;          /* about a five-year period, not the year */
    size_t headline;     /* where the year's headline targets start, or LS_NONE */
    size_t headline_end; /* and end */
    size_t sa, sb;       /* the sentence read last (ls_roles_clause) */
    size_t bang;         /* the next ! or ? after it, or LS_NONE */
    int sentence_frame;  /* it explains a target or introduces a list */
} ls_paragraph;

/* The part being read: 'period_part' is 1 inside a part about a five-year
 * period alone (“十五五”时期主要目标任务), 2 inside one that names a period
 * and the year (“十五五”时期目标任务和2026年工作安排), else 0; 'year_seen'
 * (start it at 0 for each part) becomes 1 at the first paragraph of the
 * year in such a part: the paragraphs before it are the period's. */
typedef struct {
    int period_part;
    int year_seen;
} ls_roles_part;

/* Reads the paragraph of 's' ('len' bytes) that holds 'pos' into 'p', in
 * the part 'rp' (which it updates). */
void ls_roles_paragraph(const char *s, size_t len, size_t pos, ls_roles_part *rp, ls_paragraph *p);

/* The role of the clause [ca, cb) of the paragraph 'p' in a part 'part';
 * clauses come in text order ('p' remembers the sentence read last). */
ls_task_role ls_roles_clause(const char *s, ls_paragraph *p, size_t ca, size_t cb, ls_part part,
                             int period_part);

#endif
