/*
 * metric.h — the noun phrase a quantity measures.
 */
#ifndef LS_METRIC_H
#define LS_METRIC_H

#include "classify.h"

/* Where the metric of a quantity stands in the folded text. */
typedef struct {
    size_t start, end;             /* the phrase: 原煤产量, 总投资 */
    size_t owner_start, owner_end; /* whose measure the phrase is, when the text names it
                                      (总投资10亿元的国网信通大数据项目); empty if not */
    int generic;                   /* the phrase is a generic measure whose owner the text
                                      does not name here (完成投资34.8亿元) */
    int paired;                    /* 分别 stands between the phrase and the figure */
} ls_metric_found;

/* Fills 'f' with the words that end a metric read forward (metric_stops of
 * ls_context): a scan that builds it once reads faster; the result is the
 * same without it. */
void ls_metric_stops_init(ls_word_filter *f);

/* Fills 'f' with the words stripped from the start of a metric read
 * backward (metric_heads of ls_context: 全年, 新建, 累计 ...); the result
 * is the same without it. */
void ls_metric_heads_init(ls_word_filter *f);

/* Fills 'f' with the last characters of the words stripped from the end of
 * a metric read backward (metric_tails of ls_context: 同比, 增长, 提高到 ...);
 * the result is the same without it. */
void ls_metric_tails_init(ls_word_filter *f);

/* metric.c's long lists of words (each word a Chinese one) indexed by
 * their first character (ls_word_index), for metric_lists of ls_context:
 * a word is then looked for among the few of its character, not the whole
 * list. Built once per scan on its stack; the result is the same without
 * it. */
typedef struct ls_metric_lists {
    ls_word_index stop_after, change_stop_after, trim_before_head, generic_measures;
} ls_metric_lists;

/* Fills 'l'; 0 when a list cannot be indexed (then lend none). */
int ls_metric_lists_init(ls_metric_lists *l);

/* Finds the metric of 'q' in the folded text of 'c' and fills '*f'.
 * Returns 0 when the clause holds none (同比增长7%). */
int ls_metric_find(const ls_context *c, const ls_quantity *q, ls_metric_found *f);

/* Cuts the phrase [a, b) of a list that 分别 pairs with figures into its
 * items (城镇和农村居民人均可支配收入: 城镇, 农村): their spans go to 'starts'
 * and 'ends', the part the items share (居民人均可支配收入) is [*tail, b).
 * Returns the number of items, 0 when the phrase is no list of at most
 * 'max' - 1 items. */
size_t ls_metric_items(const ls_context *c, size_t a, size_t b, size_t *starts, size_t *ends,
                       size_t max, size_t *tail);

#endif
