/*
 * classify.h — the op, change and kind of a quantity, from its context.
 *
 * Each classifier reads the folded text around one quantity (numbers.h)
 * and returns one field of the mention. They are pure: text in, value out.
 */
#ifndef LS_CLASSIFY_H
#define LS_CLASSIFY_H

#include "luoshi.h"
#include "numbers.h"
#include "text.h"

/* The folded text and what the extractor knows about where it stands. */
typedef struct {
    const char *s;       /* folded text, NUL-terminated */
    size_t len;
    size_t clause_start; /* start of the clause holding the quantity */
    size_t sentence_start;
    size_t sentence_end;
    size_t paragraph_start; /* start of the line (paragraph) holding it */
    int in_plan;         /* the quantity stands in the plan part */
    size_t prev_end;     /* end of the figure before, in this sentence, else 0 */
    int year;            /* the year the report plans for (2026), 0 if unknown */
    const ls_word_filter *metric_stops; /* from ls_metric_stops_init, or NULL */
    const ls_word_filter *metric_heads; /* from ls_metric_heads_init, or NULL */
    const ls_word_filter *metric_tails; /* from ls_metric_tails_init, or NULL */
    const ls_word_filter *skip_ends;    /* from ls_classify_skip_init, or NULL */
    const struct ls_metric_lists *metric_lists; /* from ls_metric_lists_init, or NULL */
} ls_context;

/* The relation the text states: 以上/超过/突破/余 → >=, 以内/不超过/控制在 → <=,
 * 左右/约/近 → ~, else =. */
ls_op ls_classify_op(const ls_context *c, const ls_quantity *q);

/* increase for 增长/提高/增加 directly before the number, decrease for
 * 下降/减少/降低; 新增 and an amount reached (提高到) are not a change. */
ls_change ls_classify_change(const ls_context *c, const ls_quantity *q);

/* attribute for sizes that describe a thing (500千伏, 2×100万千瓦, 150万千瓦
 * 抽水蓄能电站, 年产280吨, 全国25个), a baseline (由85%提高到90%: 85%), a
 * threshold (2000万元以上的企业) or a set named as given (在168个城市中); else
 * target in the plan part (unless the sentence recalls last year) or in a
 * clause of intent (力争, 确保, 将达到, 到2027年), actual otherwise. It
 * reads of 'q' only start, end, unit_start, unit_end, after and product,
 * and of 'c' s, len, clause_start, sentence_start, paragraph_start,
 * in_plan, year and skip_ends: extract.c keeps only these for each figure
 * until the outline is built (a new field read here must be kept there). */
ls_kind ls_classify_kind(const ls_context *c, const ls_quantity *q);

/* Length of the comparator or linking words that stand right before the
 * number ('pos') and belong to neither the metric nor the change: 约, 超过,
 * 达到, 为, 了 ... */
size_t ls_classify_skip_before(const ls_context *c, size_t pos);

/* Fills 'f' with the last characters of the words ls_classify_skip_before
 * strips (skip_ends of ls_context): with it most figures are answered by
 * one test; the result is the same without it. */
void ls_classify_skip_init(ls_word_filter *f);

/* True when the unit of 'q' is one of 'units' (metric.c asks it too). */
int ls_classify_unit_in(const ls_context *c, const ls_quantity *q, const ls_word *units);

#endif
