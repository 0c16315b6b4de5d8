/*
 * link.h — targets linked to their baselines.
 */
#ifndef LS_LINK_H
#define LS_LINK_H

#include "luoshi.h"

/* The similarity of two metrics: twice the characters they share over the
 * characters of both (营造林, 植树造林 → 4/7). 0 when one is empty. */
double ls_link_similarity(const char *a, const char *b);

/* ls_link_similarity, or 0 when what the names say beyond generic words
 * (新增, 企业, 产业, 项目, 增加值 …) differs: neither holds the other and
 * they share too little of it (新增雄鹰企业 / 新增高新技术企业), or one
 * says nothing more (项目 / 重大项目). */
double ls_link_metric_similarity(const char *a, const char *b);

/* True when units 'from' and 'to' measure one dimension (万千瓦 and 千瓦,
 * 亩 and 公顷; a unit not in the table only itself); '*factor' converts a
 * value in 'from' to 'to'. */
int ls_link_unit_factor(const char *from, const char *to, double *factor);

/* Links each target of the 'n' mentions 'm' (text order) to the best actual
 * of the review before it; a new array (free with ls_free) of '*count'
 * links goes to '*out'. Many mentions (20,000 a core) are linked in ranges
 * of targets on threads, joined in order. Fails only with LS_ENOMEM. */
ls_status ls_link_build(const ls_mention *m, size_t n, ls_link **out, size_t *count);

/* ls_link_build with the targets cut into 'ranges' ranges (1 to 8) on
 * threads whatever their number: tests check that any cut gives the links
 * of one range. */
ls_status ls_link_build_ranges(const ls_mention *m, size_t n, size_t ranges, ls_link **out,
                               size_t *count);

#endif
