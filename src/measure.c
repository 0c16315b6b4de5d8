/*
 * measure.c — like with like: which figures may be compared at all, and
 * the direction that is good for a measure (data/less_better.txt, compiled
 * in as ls_less_better). The rules are patterns of the language (新增, 本级,
 * …项目, 方面), not phrases of one report; docs/linking.md states them. It
 * does not measure how similar two names are (link.c) nor judge outcomes.
 */
#include "measure.h"

#include <string.h>

#include "link.h"

/* How alike two owners' names must be when neither holds the other. */
#define OWNER_SIMILARITY_MIN 0.8

extern const struct ls_pair {
    const char *key, *value;
} ls_less_better[];

int ls_measure_less_better(const char *metric)
{
    const struct ls_pair *p;

    for (p = ls_less_better; metric && p->key; p++)
        if (strstr(metric, p->key))
            return 1;
    return 0;
}

/* Words that mark a count of what is new in the year. */
static const ls_word new_words[] = {LS_W("新增"),   LS_W("新开工"), LS_W("新建"),
                                    LS_W("新培育"), LS_W("新引进"), LS_W("新认定"), LS_W_END};

int ls_measure_is_new(const char *metric)
{
    size_t i;

    for (i = 0; metric && new_words[i].s; i++)
        if (strstr(metric, new_words[i].s))
            return 1;
    return 0;
}

void ls_measure_kinds_init(ls_measure_kinds *x)
{
    size_t n = 0;

    memset(x, 0, sizeof *x);
    for (; ls_less_better[n].key; n++) {
        if (n >= LS_WORD_INDEX_MAX)
            return;
        x->less_better[n].s = ls_less_better[n].key;
        x->less_better[n].n = strlen(ls_less_better[n].key);
    }
    x->indexed = ls_word_index_build(&x->less_index, x->less_better) &&
                 ls_word_index_build(&x->new_index, new_words);
}

void ls_measure_kind_read(const ls_measure_kinds *x, const char *metric, ls_measure_kind *k)
{
    size_t p, len;

    if (!x->indexed || !metric) {
        ls_measure_kind_of(metric, k);
        return;
    }
    /* a word of either list begins a character (a lead byte or ASCII):
     * where strstr would find it, one of these positions starts it */
    k->less_better = k->is_new = 0;
    len = strlen(metric);
    for (p = 0; p < len && !(k->less_better && k->is_new); p = ls_text_next(metric, p, len)) {
        k->less_better |= ls_word_index_starts(&x->less_index, metric, p, len) > 0;
        k->is_new |= ls_word_index_starts(&x->new_index, metric, p, len) > 0;
    }
}

/* Names of sets (八个方面) and generic measures (投资) that say nothing of
 * their own when they stand alone. */
static const char *const vague_names[] = {
    "方面", "领域", "任务", "举措", "措施", "行动", "工程", "重点", "环节", "大类", "批",
    "投资", "总投资", "产值", "总产值", "资金", "总量", "规模", "面积", "产量", "收入",
    "金额", "数量", "人数", "个数", "项目", "企业", NULL};

int ls_measure_vague(const char *metric)
{
    size_t i;

    if (!metric || !*metric)
        return 1;
    for (i = 0; vague_names[i]; i++)
        if (strcmp(metric, vague_names[i]) == 0)
            return 1;
    return 0;
}

/* The owner a metric names before its last 项目 (国网信通大数据项目总投资:
 * 国网信通大数据), as [*a, *b) of 'metric'; 0 when it names no project. */
static int project_owner(const char *metric, size_t *len)
{
    const char *p = metric, *last = NULL;

    while ((p = strstr(p, "项目")) != NULL)
        last = p++;
    if (!last)
        return 0;
    *len = (size_t)(last - metric);
    return 1;
}

/* Words that name a part of a government's whole: its own level only. */
static const char *const part_words[] = {"本级", NULL};

static int names_part(const char *metric)
{
    size_t i;

    for (i = 0; part_words[i]; i++)
        if (strstr(metric, part_words[i]))
            return 1;
    return 0;
}

/* 1 when the 'nn' bytes at 'needle' occur in the 'hn' bytes at 'hay'. */
static int holds(const char *hay, size_t hn, const char *needle, size_t nn)
{
    size_t i;

    for (i = 0; i + nn <= hn; i++)
        if (memcmp(hay + i, needle, nn) == 0)
            return 1;
    return 0;
}

int ls_measure_same_owner(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    int pa = project_owner(a, &la), pb = project_owner(b, &lb);

    if (names_part(a) != names_part(b))
        return 0;
    if (pa != pb)
        return 0;
    if (!pa)
        return 1;
    /* the same project, or one name saying more of it (重点 / 市级重点) */
    if (la == 0 || lb == 0)
        return la == lb;
    if (la <= lb ? holds(b, lb, a, la) : holds(a, la, b, lb))
        return 1;
    /* the same words in another order: “上大压小”煤电 / 煤电“上大压小” */
    {
        char oa[256], ob[256];
        if (la >= sizeof oa || lb >= sizeof ob)
            return 0;
        memcpy(oa, a, la);
        oa[la] = '\0';
        memcpy(ob, b, lb);
        ob[lb] = '\0';
        return ls_link_similarity(oa, ob) >= OWNER_SIMILARITY_MIN;
    }
}

static int is_points(const char *unit)
{
    return strcmp(unit, "个百分点") == 0 || strcmp(unit, "百分点") == 0;
}

int ls_measure_units(const char *from, const char *to, int both_changes, double *factor)
{
    if (both_changes && ((strcmp(from, "%") == 0 && is_points(to)) ||
                         (is_points(from) && strcmp(to, "%") == 0))) {
        *factor = 1;
        return 1;
    }
    return ls_link_unit_factor(from, to, factor);
}

void ls_measure_kind_of(const char *metric, ls_measure_kind *k)
{
    k->less_better = ls_measure_less_better(metric);
    k->is_new = ls_measure_is_new(metric);
}

int ls_measure_alike(const ls_mention *a, const ls_mention *b, double *factor)
{
    ls_measure_kind ka, kb;

    ls_measure_kind_of(a->metric, &ka);
    ls_measure_kind_of(b->metric, &kb);
    return ls_measure_alike_kinds(a, &ka, b, &kb, factor);
}

int ls_measure_alike_kinds(const ls_mention *a, const ls_measure_kind *ka, const ls_mention *b,
                           const ls_measure_kind *kb, double *factor)
{
    int ca = a->change != LS_CHANGE_NONE, cb = b->change != LS_CHANGE_NONE;

    *factor = 1;
    if (ca != cb)
        return 0; /* a growth rate is not a level */
    if (ka->less_better != kb->less_better)
        return 0; /* 单位国内生产总值能耗 is not 国内生产总值 */
    if (ka->is_new != kb->is_new)
        return 0; /* a year's new count is not a running total */
    if (!ls_measure_same_owner(a->metric, b->metric))
        return 0;
    return ls_measure_units(b->unit, a->unit, ca && cb, factor);
}
