/*
 * metric.h — the noun phrase a quantity measures.
 */
#ifndef LS_METRIC_H
#define LS_METRIC_H

#include "classify.h"

/* Finds the metric of 'q' in the folded text of 'c': its span goes to
 * [*ms, *me). Returns 0 when the clause holds none (同比增长7%). */
int ls_metric_find(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me);

#endif
