/*
 * measure.h — what two figures must share to be compared (like with like),
 * and which way is good for a measure. Used by the baselines of one report
 * (link.c) and by the outcome of a target against the next review
 * (src/ledger/outcome.c). It judges no outcome and reads no text.
 */
#ifndef LS_MEASURE_H
#define LS_MEASURE_H

#include "luoshi.h"
#include "text.h"

/* 1 when less of what 'metric' measures is better (居民消费价格, 失业率,
 * PM2.5, 事故 …; the table is data/less_better.txt). */
int ls_measure_less_better(const char *metric);

/* 1 when 'metric' counts what is new in the year (新增, 新开工, 新建). */
int ls_measure_is_new(const char *metric);

/* 1 when 'metric' names no measure of its own that a figure of another
 * sentence could report: a set (八个方面, 十大领域) or a bare generic
 * measure (投资, 产值, 资金, 总量) without whose it is. */
int ls_measure_vague(const char *metric);

/* 1 when the owners that metrics 'a' and 'b' name agree: a project's own
 * figure (国网信通大数据项目总投资) is not the total of all projects
 * (开工项目投资), and a part (区本级) is not the whole. */
int ls_measure_same_owner(const char *a, const char *b);

/* 1 when units 'from' and 'to' of two figures that are both changes
 * (rates) or both levels compare: the unit dimensions of ls_link_unit_factor,
 * and % against 个百分点 only when both figures are changes. '*factor'
 * converts a value in 'from' to 'to'. */
int ls_measure_units(const char *from, const char *to, int both_changes, double *factor);

/* 1 when mention 'b' measures like with like with 'a': a rate (增长, 下降)
 * with a rate, a level with a level, 新增 with 新增, owners agreeing, units
 * of one dimension ('*factor' converts b's value into a's unit). Metric
 * similarity is the caller's. */
int ls_measure_alike(const ls_mention *a, const ls_mention *b, double *factor);

/* What ls_measure_alike reads of a metric by searching word lists: whether
 * less is better (ls_measure_less_better) and whether it counts what is new
 * (ls_measure_is_new). A caller that compares one mention with many reads
 * them once (link.c). */
typedef struct {
    int less_better;
    int is_new;
} ls_measure_kind;

void ls_measure_kind_of(const char *metric, ls_measure_kind *k);

/* The word lists ls_measure_kind_of searches, indexed by their first
 * characters (ls_word_index), for a caller that reads the kinds of many
 * metrics: built once on its stack by ls_measure_kinds_init, then
 * ls_measure_kind_read gives what ls_measure_kind_of gives in one pass
 * over the metric instead of one search per word. */
typedef struct {
    ls_word less_better[LS_WORD_INDEX_MAX + 1];
    ls_word_index less_index, new_index;
    int indexed; /* 0: a list could not be indexed; the searches are used */
} ls_measure_kinds;

void ls_measure_kinds_init(ls_measure_kinds *x);
void ls_measure_kind_read(const ls_measure_kinds *x, const char *metric, ls_measure_kind *k);

/* ls_measure_alike with the kinds of both metrics read already. */
int ls_measure_alike_kinds(const ls_mention *a, const ls_measure_kind *ka, const ls_mention *b,
                           const ls_measure_kind *kb, double *factor);

#endif
