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

/* 1 when a figure at byte 'start' of 'text' is not the figure of year
 * 'year' (the year the review is about; 0: unknown): its clause makes it a
 * yearly average or a running total (年均, 累计 but not 全年累计), or it
 * stands in the part of a review about several years (a paragraph opening
 * with 五年来, 过去五年, “十四五”时期 …, up to one opening with 过去一年,
 * 一年来, or the year). */
int ls_outcome_not_the_year(const char *text, size_t len, size_t start, int year);

#endif
