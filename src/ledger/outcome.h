/*
 * outcome.h — the outcome of one target against the actual that reports it
 * (兑现: met or missed), by the target's comparator and the good direction
 * of its measure. The rules: docs/linking.md. Finding the actual is
 * compare.c's; this only judges two figures.
 */
#ifndef LS_OUTCOME_H
#define LS_OUTCOME_H

#include "luoshi.h"

/* A band of 左右 (约): ± this many percentage points for a rate in %, and
 * ± this share of the target for a level. */
#define LS_OUTCOME_BAND_POINTS 0.5
#define LS_OUTCOME_BAND_SHARE 0.02

/* 1 when 'actual' (its value already in the target's unit: 'actual_value')
 * meets 'target', else 0 (missed). Both must be like with like
 * (ls_measure_alike). */
int ls_outcome_met(const ls_mention *target, const ls_mention *actual, double actual_value);

/* 1 when the clause before a figure at byte 'start' of 'text' says it is
 * not the figure of one year: a yearly average (年均) or a running total of
 * several years (累计, 五年来, “十三五”期间). */
int ls_outcome_not_the_year(const char *text, size_t len, size_t start);

#endif
