/*
 * link.c — each target to its baseline: the actual of the same metric in
 * the review of the same report (高标准农田 21.7万亩 → 20.8万亩).
 *
 * Candidates are the actuals of the last review part before the target.
 * Two figures match when their units measure the same dimension (万千瓦 and
 * 千瓦 do; 亩 and 公里 do not), they state the same kind of change, and
 * their metrics are similar (character overlap, docs/linking.md). The best
 * match wins. Many mentions are linked in ranges of targets on threads,
 * joined in order. It does not compare across reports: that is the
 * store's.
 */
#include "link.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "measure.h"
#include "ordered.h" /* ls_run_each, ls_threads_for */
#include "text.h"

#define SIMILARITY_MIN 0.55
/* The least mentions a thread links, and the most threads. */
#define LINK_RANGE_MIN 20000
#define LINK_RANGES_MAX 8
/* the least similarity of what the names say beyond generic words */
#define CONTENT_SIMILARITY_MIN 0.6
#define METRIC_CHARS_MAX 64

/* Words that many metrics share and that tell none apart: 新增雄鹰企业 and
 * 新增高新技术企业 share only these, 文旅产业增加值 and 高新技术产业增加值
 * too; they are different metrics. */
static const ls_word generic_words[] = {
    LS_W("新增"), LS_W("累计"), LS_W("全年"), LS_W("企业"), LS_W("产业"), LS_W("项目"), LS_W("增加值"),
    LS_W("总额"), LS_W("总量"), LS_W("规模"), LS_W("数量"), LS_W("建设"), LS_W("新建"), LS_W("省级"),
    LS_W("市级"), LS_W("国家级"), LS_W("全省"), LS_W("全市"), LS_W("全区"), LS_W("全社会"),
    LS_W("全口径"), LS_W("支持"), LS_W("实施"), LS_W("推进"), LS_W("完成"), LS_W("开展"), LS_W("打造"),
    LS_W("培育"), LS_W("引进"), LS_W("组建"), LS_W("装机"), LS_W_END};

/* Units of one dimension and their size in its base unit (ORDER UNITS:
 * data/units.txt lists the units). Units not listed measure a dimension of
 * their own: a count in 个 compares only with 个. */
static const struct {
    const char *unit;
    const char *dimension;
    double factor;
} dimensions[] = {
    {"瓦", "power", 1e-3},       {"千瓦", "power", 1},         {"兆瓦", "power", 1e3},
    {"吉瓦", "power", 1e6},      {"千瓦时", "energy", 1},      {"度", "energy", 1},
    {"兆瓦时", "energy", 1e3},   {"克", "mass", 1e-6},         {"斤", "mass", 5e-4},
    {"公斤", "mass", 1e-3},      {"千克", "mass", 1e-3},       {"吨", "mass", 1},
    {"平方米", "area", 1},       {"亩", "area", 2000.0 / 3},   {"公顷", "area", 1e4},
    {"平方公里", "area", 1e6},   {"平方千米", "area", 1e6},    {"厘米", "length", 0.01},
    {"米", "length", 1},         {"延米", "length", 1},        {"公里", "length", 1e3},
    {"千米", "length", 1e3},     {"升", "volume", 1e-3},       {"立方米", "volume", 1},
    {"个百分点", "points", 1},   {"百分点", "points", 1},      {"人", "people", 1},
    {"名", "people", 1},         {"位", "people", 1},
};

/* The dimension of 'unit' and its factor to the dimension's base unit. */
static const char *dimension_of(const char *unit, double *factor)
{
    size_t i;

    for (i = 0; i < sizeof dimensions / sizeof dimensions[0]; i++) {
        /* two bytes before strcmp: every unit listed starts with a Chinese
         * character, and its second byte tells most apart */
        if (unit[0] == dimensions[i].unit[0] && unit[1] == dimensions[i].unit[1] &&
            strcmp(unit, dimensions[i].unit) == 0) {
            *factor = dimensions[i].factor;
            return dimensions[i].dimension;
        }
    }
    *factor = 1;
    return unit;
}

int ls_link_unit_factor(const char *from, const char *to, double *factor)
{
    double ff, ft;
    const char *df, *dt;

    *factor = 1;
    /* one unit: one dimension, a factor of 1 (most pairs compared) */
    if (strcmp(from, to) == 0)
        return 1;
    df = dimension_of(from, &ff);
    dt = dimension_of(to, &ft);
    if (strcmp(df, dt) != 0)
        return 0;
    *factor = ff / ft;
    return 1;
}

/* Splits UTF-8 'text' into at most 'max' code points (as byte offsets). */
static size_t code_points(const char *text, size_t *starts, size_t max)
{
    size_t n = 0, i;

    for (i = 0; text[i] && n < max; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            starts[n++] = i;
    return n;
}

/* Length in bytes of the code point at 's'. */
static size_t cp_len(const char *s)
{
    unsigned char c = (unsigned char)*s;

    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The characters of 'text' (at most METRIC_CHARS_MAX) into 'keys', each
 * its bytes packed into one number (the lead byte fixes their count, so
 * two keys are equal when the characters are); returns their number. */
static size_t char_keys(const char *text, uint32_t *keys)
{
    size_t starts[METRIC_CHARS_MAX], n = code_points(text, starts, METRIC_CHARS_MAX), i, k, len;

    for (i = 0; i < n; i++) {
        const unsigned char *c = (const unsigned char *)text + starts[i];
        uint32_t key = 0;
        len = cp_len(text + starts[i]);
        for (k = 0; k < len && (k == 0 || c[k]); k++)
            key = key << 8 | c[k];
        keys[i] = key;
    }
    return n;
}

/* ls_link_similarity of two texts split by char_keys. */
static double keys_similarity(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    char used[METRIC_CHARS_MAX] = {0};
    size_t i, j, common = 0;

    if (na == 0 || nb == 0)
        return 0;
    /* characters in common, each used once: 营造林 / 植树造林 share 造 林 */
    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++)
            if (!used[j] && a[i] == b[j]) {
                used[j] = 1;
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(na + nb);
}

double ls_link_similarity(const char *a, const char *b)
{
    uint32_t ka[METRIC_CHARS_MAX], kb[METRIC_CHARS_MAX];
    size_t na = char_keys(a, ka), nb = char_keys(b, kb);

    return keys_similarity(ka, na, kb, nb);
}

/* 'text' without its generic words, into 'out' ('size' bytes). */
static void content_of(const char *text, char *out, size_t size)
{
    size_t i = 0, n = 0, len = strlen(text), w;

    while (i < len && n + 4 < size) {
        /* a word begins with a character, never at a continuation byte */
        if (((unsigned char)text[i] & 0xC0) != 0x80 &&
            (w = ls_text_starts_with_any(text, i, len, generic_words)) > 0) {
            i += w;
            continue;
        }
        out[n++] = text[i++];
    }
    out[n] = '\0';
}

/* ls_link_metric_similarity of 'a' and 'b' whose ls_link_similarity is
 * 'sim'. */
static double metric_similarity(const char *a, const char *b, double sim)
{
    char ca[METRIC_CHARS_MAX * 4 + 1], cb[METRIC_CHARS_MAX * 4 + 1];

    if (sim < SIMILARITY_MIN)
        return sim;
    content_of(a, ca, sizeof ca);
    content_of(b, cb, sizeof cb);
    /* no generic word (植树造林 / 营造林), or nothing but them */
    if ((strcmp(ca, a) == 0 && strcmp(cb, b) == 0) || (!ca[0] && !cb[0]))
        return sim;
    if (!ca[0] || !cb[0])
        return 0;
    /* one says more of the same (煤电 / 煤电“上大压小”, 学位 / 中小学学位) */
    if (strstr(ca, cb) || strstr(cb, ca))
        return sim;
    if (ls_link_similarity(ca, cb) < CONTENT_SIMILARITY_MIN)
        return 0;
    return sim;
}

double ls_link_metric_similarity(const char *a, const char *b)
{
    return metric_similarity(a, b, ls_link_similarity(a, b));
}

/* Measure words that count work items (项目 3个, 小区 127个): a share of
 * change between two such counts says nothing (a plan's new items against
 * last year's, each a list of its own). */
static const char *const count_units[] = {"个", "项", "处", "批", "件", "次", NULL};

/* 1 when a change in percent of baseline 'b' says something of target 't':
 * both levels of a measure (not rates: 5%—5.5% against 5.5% is no −9.1%),
 * not a range, not shares in % or points, not counts of work items. */
static int percent_compares(const ls_mention *t, const ls_mention *b)
{
    size_t i;

    if (t->change != LS_CHANGE_NONE || b->change != LS_CHANGE_NONE || t->has_max || b->has_max)
        return 0;
    if (strcmp(t->unit, "%") == 0 || strstr(t->unit, "百分点") || strcmp(t->unit, "‰") == 0)
        return 0;
    for (i = 0; count_units[i]; i++)
        if (strcmp(t->unit, count_units[i]) == 0)
            return 0;
    return 1;
}

/* The link list being built. */
typedef struct {
    ls_link *l;
    size_t n, cap;
} link_list;

static ls_status push(link_list *ll, const ls_link *k)
{
    ls_link *p = ls_grow(ll->l, &ll->cap, ll->n, sizeof *p, 64);

    if (!p)
        return LS_ENOMEM;
    ll->l = p;
    ll->l[ll->n++] = *k;
    return LS_OK;
}

/* What ls_link_build reads of each mention once, not once a pair: the
 * dimension of its unit and the kind of its metric. */
typedef struct {
    const char **dims;
    ls_measure_kind *kinds;
} mention_facts;

/* Fills 'mf' for the 'n' mentions 'm'; LS_ENOMEM when memory runs out
 * (then free it with facts_free all the same). */
static ls_status facts_read(const ls_mention *m, size_t n, mention_facts *mf)
{
    size_t i;
    double factor;
    ls_measure_kinds lists;

    memset(mf, 0, sizeof *mf);
    ls_measure_kinds_init(&lists);
    mf->dims = ls_malloc((n + 1) * sizeof *mf->dims);
    mf->kinds = ls_malloc((n + 1) * sizeof *mf->kinds);
    if (!mf->dims || !mf->kinds)
        return LS_ENOMEM;
    for (i = 0; i < n; i++) {
        mf->dims[i] = dimension_of(m[i].unit, &factor);
        ls_measure_kind_read(&lists, m[i].metric, &mf->kinds[i]);
    }
    return LS_OK;
}

static void facts_free(mention_facts *mf)
{
    ls_free(mf->dims);
    ls_free(mf->kinds);
}

/* The metrics of the actuals of one review, [from, to) of the mentions,
 * as char_keys: mention i's at keys[at[i - from]] to keys[at[i - from + 1]]
 * (none for one that is not an actual). Read when the first target after
 * the review asks, once for all its targets; the buffers are reused from
 * review to review, so they hold one review, not the document. */
typedef struct {
    size_t from, to;
    uint32_t *keys;
    size_t *at;
    size_t keys_cap, at_cap;
} review_keys;

/* True when best_baseline may compare the metric of 'm' with a target's. */
static int candidate(const ls_mention *m)
{
    return m->kind == LS_KIND_ACTUAL && m->part == LS_PART_REVIEW;
}

/* 'items' (of '*cap' elements of 'size' bytes) with room for 'need',
 * moved perhaps and '*cap' updated; NULL when memory runs out ('items'
 * and '*cap' left as they were). One realloc to the next power of two
 * (ls_grow makes room for one element more; this for many at once). */
static void *reserve(void *items, size_t *cap, size_t need, size_t size)
{
    size_t want = *cap ? *cap : 64, bytes;
    void *grown;

    if (need <= *cap)
        return items;
    while (want < need)
        want *= 2;
    if (!ls_mul_size(want, size, &bytes) || !(grown = ls_realloc(items, bytes)))
        return NULL;
    *cap = want;
    return grown;
}

static ls_status review_keys_read(review_keys *rk, const ls_mention *m, size_t from, size_t to)
{
    size_t i, total = 0, *at;
    uint32_t *p;

    if (rk->at && rk->from == from && rk->to == to)
        return LS_OK;
    if (!(at = reserve(rk->at, &rk->at_cap, to - from + 1, sizeof *rk->at)))
        return LS_ENOMEM;
    rk->at = at;
    rk->from = rk->to = 0; /* filled below, or stale on failure */
    for (i = from; i < to; i++) {
        rk->at[i - from] = total;
        if (!candidate(&m[i]))
            continue;
        if (!(p = reserve(rk->keys, &rk->keys_cap, total + METRIC_CHARS_MAX, sizeof *rk->keys)))
            return LS_ENOMEM;
        rk->keys = p;
        total += char_keys(m[i].metric, rk->keys + total);
    }
    rk->at[to - from] = total;
    rk->from = from;
    rk->to = to;
    return LS_OK;
}

/* The best baseline for target 't' among the mentions [from, to), or
 * LS_NONE; its similarity goes to '*best'. */
static size_t best_baseline(const ls_mention *m, const mention_facts *mf, const review_keys *rk,
                            size_t t, double *best)
{
    const char *const *dims = mf->dims;
    const ls_measure_kind *kinds = mf->kinds;
    uint32_t target[METRIC_CHARS_MAX];
    size_t i, found = LS_NONE, nt = char_keys(m[t].metric, target);

    *best = 0;
    for (i = rk->from; i < rk->to; i++) {
        const size_t *at = rk->at + (i - rk->from);
        double sim, f;
        if (!candidate(&m[i]) || m[i].change != m[t].change ||
            (dims[i] != dims[t] && strcmp(dims[i], dims[t]) != 0) ||
            !ls_measure_alike_kinds(&m[t], &kinds[t], &m[i], &kinds[i], &f))
            continue;
        sim = keys_similarity(target, nt, rk->keys + at[0], at[1] - at[0]);
        sim = metric_similarity(m[t].metric, m[i].metric, sim);
        if (sim >= SIMILARITY_MIN && sim >= *best) {
            *best = sim;
            found = i;
        }
    }
    return found;
}

/* The links of the targets among mentions [lo, hi) of the 'n' at 'm',
 * appended to 'll' in order. The review before a target is found walking
 * from the first mention (a cheap test a mention); only the targets of
 * the range are compared with it. */
static ls_status links_in(const ls_mention *m, size_t n, const mention_facts *facts, size_t lo,
                          size_t hi, link_list *ll)
{
    size_t i, review_from = 0, review_to = 0;
    int in_review = 0;
    review_keys rk;
    ls_status st = LS_OK;

    memset(&rk, 0, sizeof rk);
    for (i = 0; i < n && i < hi; i++) {
        ls_link k;
        double ft, fb;
        /* the review before the target: a new one starts after a plan */
        if (m[i].part == LS_PART_REVIEW) {
            if (!in_review)
                review_from = i;
            in_review = 1;
            review_to = i + 1;
            continue;
        }
        if (m[i].part != LS_PART_OTHER)
            in_review = 0;
        /* a set (八个方面) or a bare generic measure (投资) has no baseline */
        if (i < lo || m[i].kind != LS_KIND_TARGET || review_to == 0 ||
            ls_measure_vague(m[i].metric))
            continue;
        memset(&k, 0, sizeof k);
        k.target = i;
        LS_CHECK(review_keys_read(&rk, m, review_from, review_to));
        k.baseline = best_baseline(m, facts, &rk, i, &k.similarity);
        if (k.baseline == LS_NONE)
            continue;
        dimension_of(m[i].unit, &ft);
        dimension_of(m[k.baseline].unit, &fb);
        k.change_abs = (m[i].value * ft - m[k.baseline].value * fb) / ft;
        k.has_pct = m[k.baseline].value != 0 && percent_compares(&m[i], &m[k.baseline]);
        if (k.has_pct)
            k.change_pct = 100.0 * (m[i].value * ft - m[k.baseline].value * fb) /
                           (m[k.baseline].value * fb);
        LS_CHECK(push(ll, &k));
    }
done:
    ls_free(rk.keys);
    ls_free(rk.at);
    return st;
}

/* One range of targets linked on a thread of its own. */
typedef struct {
    const ls_mention *m;
    size_t n, lo, hi;
    const mention_facts *facts;
    link_list ll;
    ls_status st;
} link_range;

static void *link_range_run(void *arg)
{
    link_range *r = arg;

    r->st = links_in(r->m, r->n, r->facts, r->lo, r->hi, &r->ll);
    return NULL;
}

ls_status ls_link_build_ranges(const ls_mention *m, size_t n, size_t ranges, ls_link **out,
                               size_t *count)
{
    link_range r[LINK_RANGES_MAX];
    link_list ll = {NULL, 0, 0};
    mention_facts facts;
    size_t i, k;
    ls_status st;

    *out = NULL;
    *count = 0;
    if (ranges < 1)
        ranges = 1;
    if (ranges > LINK_RANGES_MAX)
        ranges = LINK_RANGES_MAX;
    memset(r, 0, sizeof r);
    LS_CHECK(facts_read(m, n, &facts));
    for (i = 0; i < ranges; i++) {
        r[i].m = m;
        r[i].n = n;
        r[i].lo = n / ranges * i;
        r[i].hi = i + 1 == ranges ? n : n / ranges * (i + 1);
        r[i].facts = &facts;
    }
    ls_run_each(r, ranges, sizeof r[0], link_range_run);
    /* the ranges' links joined in order */
    for (i = 0; i < ranges; i++)
        LS_CHECK(r[i].st);
    if (ranges == 1) {
        ll = r[0].ll;
        r[0].ll.l = NULL;
    } else {
        for (i = 0; i < ranges; i++)
            for (k = 0; k < r[i].ll.n; k++)
                LS_CHECK(push(&ll, &r[i].ll.l[k]));
    }
    *out = ll.l;
    *count = ll.n;
    ll.l = NULL; /* the caller's */
done:
    for (i = 0; i < ranges; i++)
        ls_free(r[i].ll.l);
    facts_free(&facts);
    ls_free(ll.l);
    return st;
}

ls_status ls_link_build(const ls_mention *m, size_t n, ls_link **out, size_t *count)
{
    return ls_link_build_ranges(m, n, ls_threads_for(n, LINK_RANGE_MIN, LINK_RANGES_MAX), out,
                                count);
}
