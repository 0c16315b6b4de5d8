/*
 * compare.c — many reports side by side (`luoshi compare`) and whether a
 * government did what it said (`luoshi commitments`, 兑现率).
 *
 * A target of year N is checked against the actuals of the review in the
 * year-N+1 report of the same government (its latest version): the actual
 * that measures the same metric like with like (src/measure.c: a rate with
 * a rate, 新增 with 新增, owners agreeing, units of one dimension), one
 * year's figure (not 年均, 累计), 城乡 lists paired by 分别, best by name
 * (docs/linking.md: an alias of the office's, one name containing the
 * other, or character similarity of 0.55 or more). Its outcome, met or
 * missed by comparator and direction, is outcome.c's; no like actual in the
 * next review: not mentioned; no report of the next year: pending.
 *
 * Units are normalised (万千瓦 and 千瓦 compare; 亩 and 公里 do not).
 * "year" is the report's year; "for_year" the year a figure is about (an
 * actual in the 2024 report's review is about 2023).
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "error.h"
#include "link.h"
#include "measure.h"
#include "outcome.h"
#include "store.h"

#define MAX_EXPANSIONS 16

/* ---- aliases ---- */

ls_status ls_store_alias_add(ls_store *store, const char *alias, const char *canonical,
                             ls_error *err)
{
    char now[LS_NOW_SIZE];
    long long found = 0;
    ls_status st;

    if (!alias || !*alias || !canonical || !*canonical || strcmp(alias, canonical) == 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "an alias needs two different metric names");
    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_query_id(store->db, "SELECT 1 FROM metric_aliases WHERE alias = ?",
                            (ls_db_value[1]){LS_PT(alias)}, 1, &found, err));
    if (found)
        LS_CHECK(ls_error_set(err, LS_EEXIST, LS_NO_OFFSET, 0, "'%s' is an alias already", alias));
    LS_CHECK(ls_db_exec(
        store->db,
        "INSERT INTO metric_aliases (alias, canonical, created_at, created_by) "
        "VALUES (?, ?, ?, ?)",
        (ls_db_value[4]){LS_PT(alias), LS_PT(canonical), LS_PT(now), LS_PT(store->actor)}, 4, err));
    LS_CHECK(ls_store_log(store, "add", "metric_alias", 0, 0, alias, NULL, canonical, err));
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_store_alias_remove(ls_store *store, const char *alias, ls_error *err)
{
    long long found = 0;
    ls_status st;

    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_query_id(store->db, "SELECT 1 FROM metric_aliases WHERE alias = ?",
                            (ls_db_value[1]){LS_PT(alias)}, 1, &found, err));
    if (!found)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "'%s' is not an alias", alias));
    LS_CHECK(ls_db_exec(store->db, "DELETE FROM metric_aliases WHERE alias = ?",
                        (ls_db_value[1]){LS_PT(alias)}, 1, err));
    LS_CHECK(ls_store_log(store, "remove", "metric_alias", 0, 0, alias, alias, NULL, err));
done:
    return ls_store_finish(store, st, err);
}

static void alias_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *m, void *ctx)
{
    ls_alias *a = rec;

    (void)ctx;
    a->alias = ls_mem_str(m, ls_db_text(rows, i, 0));
    a->canonical = ls_mem_str(m, ls_db_text(rows, i, 1));
    a->created_at = ls_mem_str(m, ls_db_text(rows, i, 2));
    a->created_by = ls_mem_str(m, ls_db_text(rows, i, 3));
}

ls_status ls_store_aliases(ls_store *store, ls_alias_list *out, ls_error *err)
{
    void *at;
    ls_status st = ls_store_read_list(store,
                                      "SELECT alias, canonical, created_at, created_by FROM "
                                      "metric_aliases ORDER BY canonical, alias",
                                      NULL, 0, sizeof *out->at, alias_row, NULL, &at, &out->n,
                                      &out->mem, err);

    out->at = at;
    return st;
}

/* ---- one metric's names ---- */

typedef struct {
    ls_alias_list aliases;
} names;

/* The canonical name of 'metric' (itself when it is no alias). */
static const char *canonical_of(const names *n, const char *metric)
{
    size_t i;

    for (i = 0; i < n->aliases.n; i++)
        if (strcmp(n->aliases.at[i].alias, metric) == 0)
            return n->aliases.at[i].canonical;
    return metric;
}

/* The number of characters of UTF-8 's'. */
static size_t chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* True when the shorter of 'a' and 'b' is in the longer and is a name of
 * its own: 3 characters or more, and half the longer at least (新建高标准
 * 农田 holds 高标准农田; 规模以上工业总产值 does not make 产值 its metric). */
static int contains(const char *a, const char *b)
{
    size_t na = chars(a), nb = chars(b);
    const char *shorter = na <= nb ? a : b, *longer = na <= nb ? b : a;
    size_t ns = na <= nb ? na : nb, nl = na <= nb ? nb : na;

    return ns >= 3 && 2 * ns >= nl && strstr(longer, shorter) != NULL;
}

/* How well metric 'a' matches metric 'b': 1 for aliases of one name, 0.9
 * when one contains the other, else their similarity if at least 0.55. */
static double metric_match(const names *n, const char *a, const char *b)
{
    double sim;

    if (!*a || !*b)
        return 0;
    if (strcmp(canonical_of(n, a), canonical_of(n, b)) == 0)
        return 1;
    if (contains(a, b))
        return 0.9;
    if (chars(a) < 3 || chars(b) < 3) /* 投资, 产量: too short to tell apart */
        return 0;
    sim = ls_link_metric_similarity(a, b);
    return sim >= 0.55 ? sim : 0;
}

/* ---- the figures being compared ---- */

/* What judging reads of a figure besides its record: whether its clause
 * makes it not one year's (年均, 累计), and its place (1, 2) in a list that
 * 分别 pairs with a word naming two items (城乡 … 分别增长8.7%和8.6%). */
typedef struct {
    int not_the_year;
    int item;
} figure_marks;

typedef struct {
    ls_compared *m; /* in 'mem' */
    figure_marks *marks;
    size_t n;
    ls_mem *mem;
} figures;

/* Reads the targets (of the plan, requirements and self parts) and actuals
 * (of the review) of the latest version of each report, filtered, into
 * 'f' (ordered by government, year, place in the report). */
static ls_status read_mentions(ls_store *store, const char *gov, int from, int to,
                               const char *const *likes, size_t nlikes, figures *f, ls_error *err)
{
    ls_db_value p[4 + MAX_EXPANSIONS];
    size_t n = 0, i;
    ls_db_rows rows = {0};
    ls_buf b;
    ls_status st;
    void *at;

    ls_buf_init(&b);
    ls_buf_puts(&b, "SELECT m.id, g.name AS gov, r.year, CASE WHEN m.kind = 'actual' THEN "
                    "r.year - 1 ELSE r.year END AS for_year, r.id AS report, m.kind, m.part, "
                    "m.metric, m.text, m.value, m.value_max, m.unit, m.op, m.change, "
                    "m.start_byte AS start, m.end_byte AS end FROM mentions m "
                    "JOIN reports r ON r.id = m.report_id JOIN governments g ON g.id = "
                    "r.government_id WHERE r.version = (SELECT MAX(r2.version) FROM reports r2 "
                    "WHERE r2.government_id = r.government_id AND r2.year = r.year) AND "
                    "((m.kind = 'target' AND m.part IN ('plan', 'requirements', 'self')) OR "
                    "(m.kind = 'actual' AND m.part = 'review'))");
    if (gov) {
        ls_buf_puts(&b, " AND g.name = ?");
        p[n++] = LS_PT(gov);
    }
    if (from) {
        ls_buf_puts(&b, " AND r.year >= ?");
        p[n++] = LS_PI(from);
    }
    if (to) {
        ls_buf_puts(&b, " AND r.year <= ?");
        p[n++] = LS_PI(to);
    }
    for (i = 0; i < nlikes; i++) {
        ls_buf_puts(&b,
                    i ? " OR m.metric LIKE ? ESCAPE '\\'" : " AND (m.metric LIKE ? ESCAPE '\\'");
        p[n++] = LS_PT(likes[i]);
    }
    if (nlikes)
        ls_buf_puts(&b, ")");
    ls_buf_puts(&b, " ORDER BY g.name, r.year, m.seq");
    if (b.failed)
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(ls_db_query(store->db, b.data, p, n, &rows, err));
    LS_CHECK(ls_store_list_new(rows.nrows, sizeof *f->m, &at, &f->mem, err));
    f->m = at;
    if (!(f->marks = ls_calloc(rows.nrows + 1, sizeof *f->marks)))
        LS_CHECK(ls_error_nomem(err));
    for (i = 0; i < rows.nrows; i++) {
        ls_compared *m = &f->m[i];
        m->id = ls_db_int(&rows, i, 0);
        m->gov = ls_mem_str(f->mem, ls_db_text(&rows, i, 1));
        m->year = ls_db_int(&rows, i, 2);
        m->for_year = ls_db_int(&rows, i, 3);
        m->report = ls_db_int(&rows, i, 4);
        m->kind = ls_mem_str(f->mem, ls_db_text(&rows, i, 5));
        m->part = ls_mem_str(f->mem, ls_db_text(&rows, i, 6));
        m->metric = ls_mem_str(f->mem, ls_db_is_null(&rows, i, 7) ? "" : ls_db_text(&rows, i, 7));
        m->text = ls_mem_str(f->mem, ls_db_text(&rows, i, 8));
        m->value = ls_db_real(&rows, i, 9);
        m->has_max = !ls_db_is_null(&rows, i, 10);
        m->value_max = m->has_max ? ls_db_real(&rows, i, 10) : 0;
        m->unit = ls_mem_str(f->mem, ls_db_is_null(&rows, i, 11) ? "" : ls_db_text(&rows, i, 11));
        m->op = ls_mem_str(f->mem, ls_db_text(&rows, i, 12));
        m->change = ls_db_is_null(&rows, i, 13) ? NULL : ls_mem_str(f->mem, ls_db_text(&rows, i, 13));
        m->start = ls_db_int(&rows, i, 14);
        m->end = ls_db_int(&rows, i, 15);
        m->is_target = strcmp(m->kind ? m->kind : "", "target") == 0;
    }
    f->n = rows.nrows;
    if (ls_mem_failed(f->mem))
        LS_CHECK(ls_error_nomem(err));
done:
    ls_buf_release(&b);
    ls_db_rows_free(&rows);
    return st;
}

/* ---- report texts, the last few read kept ---- */

/* Texts kept at once. The figures are read a report at a time (ordered by
 * government, year and place), and a commitment's sentence and its
 * actual's come from two reports, so a few suffice; all of them kept made
 * `compare` of a metric over every government hold every report's text
 * (111 MB for 2,000 reports). */
#define TEXTS_KEPT 4

typedef struct {
    long long id;
    unsigned long used; /* when last asked for (report_texts.clock) */
    ls_report_list r;
} report_text_entry;

typedef struct {
    report_text_entry at[TEXTS_KEPT];
    size_t n;
    unsigned long clock;
} report_texts;

static void texts_free(report_texts *t)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        ls_mem_free(t->at[i].r.mem);
    memset(t, 0, sizeof *t);
}

/* The text of report 'report' into '*text' and '*len': valid until the
 * next call (which may read another and drop this one). */
static ls_status report_text(ls_store *store, report_texts *t, long long report, const char **text,
                             size_t *len, ls_error *err)
{
    size_t i;
    ls_status st;

    for (i = 0; i < t->n; i++)
        if (t->at[i].id == report)
            break;
    if (i == t->n) {
        if (t->n == TEXTS_KEPT) {
            /* the one asked for least lately makes room */
            size_t k;
            for (i = 0, k = 1; k < t->n; k++)
                if (t->at[k].used < t->at[i].used)
                    i = k;
            ls_mem_free(t->at[i].r.mem);
            t->at[i] = t->at[--t->n];
        }
        i = t->n;
        memset(&t->at[i], 0, sizeof t->at[i]);
        st = ls_store_report(store, report, 1, &t->at[i].r, err);
        if (st != LS_OK)
            return st;
        t->at[i].id = report;
        t->n++;
    }
    t->at[i].used = ++t->clock;
    *text = t->at[i].r.n && t->at[i].r.at[0].text ? t->at[i].r.at[0].text : "";
    *len = strlen(*text);
    return LS_OK;
}

/* ---- outcomes ---- */

static ls_op op_of(const char *op)
{
    return strcmp(op, ">=") == 0   ? LS_OP_GE
           : strcmp(op, "<=") == 0 ? LS_OP_LE
           : strcmp(op, "~") == 0  ? LS_OP_APPROX
                                   : LS_OP_EQ;
}

/* The fields of figure 'm' that the rules read (strings borrowed). */
static ls_mention mention_of(const ls_compared *m)
{
    ls_mention x;

    memset(&x, 0, sizeof x);
    x.value = m->value;
    x.has_max = m->has_max;
    x.value_max = m->has_max ? m->value_max : m->value;
    x.unit = m->unit;
    x.metric = m->metric;
    x.op = op_of(m->op ? m->op : "=");
    x.change = !m->change                         ? LS_CHANGE_NONE
               : strcmp(m->change, "increase") == 0 ? LS_CHANGE_INCREASE
               : strcmp(m->change, "decrease") == 0 ? LS_CHANGE_DECREASE
                                                    : LS_CHANGE_NONE;
    return x;
}

/* A target's name, or an actual's, as the names of the measures it
 * reports: 城乡居民人均可支配收入 reports 城镇… and 农村… (the k-th figure
 * of a list that 分别 pairs reports the k-th). At most 2 names. */
typedef struct {
    char name[2][256];
    size_t n;
} measure_names;

static void names_of(const ls_compared *m, int item, measure_names *out)
{
    const char *metric = m->metric;

    out->n = 0;
    if (strncmp(metric, "城乡", 6) == 0 && strlen(metric) < 240) {
        /* 城乡 is 城镇 and 农村: a list of two in one word */
        if (item != 2)
            snprintf(out->name[out->n++], sizeof out->name[0], "城镇%s", metric + 6);
        if (item != 1)
            snprintf(out->name[out->n++], sizeof out->name[0], "农村%s", metric + 6);
        return;
    }
    snprintf(out->name[out->n++], sizeof out->name[0], "%s", metric);
}

/* How well target 't' (item 'ti') matches actual 'a' (item 'ai') by name. */
static double names_match(const names *n, const ls_compared *t, int ti, const ls_compared *a,
                          int ai)
{
    measure_names nt, na;
    size_t i, j;
    double best = 0;
    const char *mt = t->metric, *ma = a->metric;

    /* an alias, or one name of a set or a bare generic measure: nothing else */
    if (*mt && *ma && strcmp(canonical_of(n, mt), canonical_of(n, ma)) == 0 &&
        (strcmp(mt, ma) != 0 || !ls_measure_vague(mt)))
        return 1;
    if (ls_measure_vague(mt) || ls_measure_vague(ma))
        return 0;
    names_of(t, ti, &nt);
    names_of(a, ai, &na);
    for (i = 0; i < nt.n; i++)
        for (j = 0; j < na.n; j++) {
            double s = metric_match(n, nt.name[i], na.name[j]);
            if (s > best)
                best = s;
        }
    return best;
}

/* The actual among figures [from, to) of 'f' (those of the same
 * government's next year) that best matches target 'k' like with like, or
 * LS_NONE; its unit factor in '*factor', its match in '*score'. Of equals
 * the first: a review states the year's figure first. */
static size_t best_actual(const names *n, const figures *f, size_t from, size_t to, size_t k,
                          double *factor, double *score)
{
    ls_mention t = mention_of(&f->m[k]);
    size_t i, best = LS_NONE;
    double fa;

    *score = 0;
    for (i = from; i < to; i++) {
        double s;
        ls_mention a;
        if (f->m[i].is_target || f->marks[i].not_the_year)
            continue;
        a = mention_of(&f->m[i]);
        if (!ls_measure_alike(&t, &a, &fa))
            continue;
        s = names_match(n, &f->m[k], f->marks[k].item, &f->m[i], f->marks[i].item);
        if (s > *score) {
            *score = s;
            *factor = fa;
            best = i;
        }
    }
    return best;
}

/* 1 when only list joins (、 和 及 与) and comparators stand in text
 * [a, b): 8.7%和8.6%, 5%左右、6%以上. */
static int only_list_join(const char *text, size_t a, size_t b)
{
    static const char *const joins[] = {"、", "和", "及", "与", "左右", "以上", "以内", NULL};
    size_t i;

    while (a < b) {
        for (i = 0; joins[i]; i++) {
            size_t n = strlen(joins[i]);
            if (a + n <= b && memcmp(text + a, joins[i], n) == 0) {
                a += n;
                break;
            }
        }
        if (!joins[i])
            return 0;
    }
    return 1;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Fills the marks of the figures of 'f' from their reports' texts. */
static ls_status mark(ls_store *store, figures *f, report_texts *texts, ls_error *err)
{
    size_t i;
    ls_status st = LS_OK;

    for (i = 0; i < f->n; i++) {
        const ls_compared *m = &f->m[i], *prev = i ? &f->m[i - 1] : NULL;
        const char *text = "";
        size_t len = 0, start = (size_t)m->start;
        LS_CHECK(report_text(store, texts, m->report, &text, &len, err));
        if (start > len)
            continue;
        if (!m->is_target && ls_outcome_not_the_year(text, len, start, (int)m->for_year))
            f->marks[i].not_the_year = 1;
        if (prev && same(prev->metric, m->metric) && same(prev->unit, m->unit) &&
            prev->report == m->report && prev->end <= m->start &&
            only_list_join(text, (size_t)prev->end, start) && strncmp(m->metric, "城乡", 6) == 0) {
            if (!f->marks[i - 1].item)
                f->marks[i - 1].item = 1;
            f->marks[i].item = f->marks[i - 1].item + 1;
        }
    }
done:
    return st;
}

/* The end of the block of figures of one government and year that starts
 * at 'i' (ordered by government, then year). */
static size_t block_end(const figures *f, size_t i)
{
    size_t k;

    for (k = i + 1; k < f->n; k++)
        if (!same(f->m[k].gov, f->m[i].gov) || f->m[k].year != f->m[i].year)
            break;
    return k;
}

typedef struct {
    ls_commit_rate *at;
    size_t n, cap;
} rate_list;

/* Counts 'outcome' for the government and year of 'm'. */
static ls_status count(rate_list *rates, const ls_compared *m, const char *outcome, ls_error *err)
{
    size_t i;
    ls_commit_rate *r;

    for (i = 0; i < rates->n; i++)
        if (same(rates->at[i].gov, m->gov) && rates->at[i].year == m->year)
            break;
    if (i == rates->n) {
        if (rates->n == rates->cap) {
            size_t cap = rates->cap ? 2 * rates->cap : 8;
            ls_commit_rate *p = ls_realloc(rates->at, cap * sizeof *p);
            if (!p)
                return ls_error_nomem(err);
            rates->at = p;
            rates->cap = cap;
        }
        memset(&rates->at[i], 0, sizeof rates->at[i]);
        rates->at[i].gov = m->gov;
        rates->at[i].year = m->year;
        rates->n++;
    }
    r = &rates->at[i];
    if (strcmp(outcome, "met") == 0)
        r->met++;
    else if (strcmp(outcome, "missed") == 0)
        r->missed++;
    else
        r->not_mentioned++;
    return LS_OK;
}

/* Gives each target of 'f' its outcome and actual, looking only in the
 * block of the same government's next year; counts per government and
 * year into 'rates'. */
static ls_status judge(const names *n, figures *f, rate_list *rates, ls_error *err)
{
    size_t i = 0, k, end, next_end;
    ls_status st = LS_OK;

    while (i < f->n) {
        end = block_end(f, i);
        next_end = end;
        if (end < f->n && same(f->m[end].gov, f->m[i].gov) && f->m[end].year == f->m[i].year + 1)
            next_end = block_end(f, end);
        for (k = i; k < end; k++) {
            ls_compared *m = &f->m[k];
            double factor = 1, score = 0;
            size_t a;
            if (!m->is_target)
                continue;
            m->actual = NULL;
            if (next_end == end) {
                /* the next year's report is not in the store: nothing to judge yet */
                m->outcome = "pending";
                continue;
            }
            a = best_actual(n, f, end, next_end, k, &factor, &score);
            if (a == LS_NONE) {
                m->outcome = "not_mentioned";
            } else {
                ls_mention tm = mention_of(m), am = mention_of(&f->m[a]);
                m->outcome = ls_outcome_met(&tm, &am, am.value * factor) ? "met" : "missed";
                m->actual = &f->m[a];
                m->has_actual = 1;
                m->actual_in_target_unit = f->m[a].value * factor;
                m->match = score;
                m->actual_text = f->m[a].text;
            }
            LS_CHECK(count(rates, m, m->outcome, err));
        }
        i = end;
    }
done:
    return st;
}

/* The LIKE patterns of 'metric' and its aliases (either direction). */
static size_t expansions(const names *n, const char *metric, char **likes)
{
    const char *canon = canonical_of(n, metric);
    size_t i, k = 0;
    const char *forms[MAX_EXPANSIONS];
    size_t nforms = 0;

    forms[nforms++] = metric;
    if (strcmp(canon, metric) != 0)
        forms[nforms++] = canon;
    for (i = 0; i < n->aliases.n; i++) {
        const ls_alias *a = &n->aliases.at[i];
        if (nforms < MAX_EXPANSIONS && strcmp(a->canonical, canon) == 0 &&
            strcmp(a->alias, metric) != 0)
            forms[nforms++] = a->alias;
    }
    for (i = 0; i < nforms; i++) {
        ls_buf b;
        const char *p;
        ls_buf_init(&b);
        ls_buf_puts(&b, "%");
        for (p = forms[i]; *p; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                ls_buf_puts(&b, "\\");
            ls_buf_append(&b, p, 1);
        }
        ls_buf_puts(&b, "%");
        likes[k] = ls_buf_detach(&b, NULL);
        if (likes[k])
            k++;
    }
    return k;
}

/* Copies the rates of years up to 'to' (0: all) into 'out' (in its mem),
 * with their shares. */
static void finish_rates(const rate_list *rates, int to, ls_mem *mem, ls_commit_rate **out,
                         size_t *n)
{
    size_t i, k = 0;

    *out = rates->n ? ls_mem_alloc(mem, rates->n * sizeof **out) : NULL;
    *n = 0;
    if (rates->n && !*out)
        return;
    for (i = 0; i < rates->n; i++) {
        ls_commit_rate r = rates->at[i];
        double met = (double)r.met, missed = (double)r.missed, none = (double)r.not_mentioned;
        if (to && r.year > to)
            continue;
        r.has_rate = met + missed > 0;
        r.rate = r.has_rate ? met / (met + missed) : 0;
        r.has_rate_all = met + missed + none > 0;
        r.rate_all = r.has_rate_all ? met / (met + missed + none) : 0;
        (*out)[k++] = r;
    }
    *n = k;
}

/* The comparison of 'metric' and/or 'gov' for years 'from'..'to', and the
 * texts of the reports read ('texts', for the caller to free). */
static ls_status compare(ls_store *store, const char *metric, const char *gov, int from, int to,
                         ls_comparison *out, report_texts *texts, ls_error *err)
{
    char *likes[MAX_EXPANSIONS];
    size_t nlikes = 0, i, k;
    names n;
    figures f;
    rate_list rates = {NULL, 0, 0};
    ls_status st;

    memset(out, 0, sizeof *out);
    memset(&f, 0, sizeof f);
    memset(&n, 0, sizeof n);
    if ((!metric || !*metric) && (!gov || !*gov))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "compare needs a metric or a government");
    LS_CHECK(ls_store_aliases(store, &n.aliases, err));
    if (metric && *metric)
        nlikes = expansions(&n, metric, likes);
    /* the year after the last one is read too: it holds the last targets' outcome */
    LS_CHECK(read_mentions(store, gov, from, to ? to + 1 : 0, (const char *const *)likes, nlikes,
                           &f, err));
    LS_CHECK(mark(store, &f, texts, err));
    LS_CHECK(judge(&n, &f, &rates, err));
    out->mem = f.mem;
    f.mem = NULL;
    out->metric = metric ? ls_mem_str(out->mem, metric) : NULL;
    out->gov = gov ? ls_mem_str(out->mem, gov) : NULL;
    out->mentions = f.n ? ls_mem_alloc(out->mem, f.n * sizeof *out->mentions) : NULL;
    for (i = k = 0; out->mentions && i < f.n; i++)
        if (!to || f.m[i].year <= to)
            out->mentions[k++] = f.m[i];
    out->nmentions = k;
    finish_rates(&rates, to, out->mem, &out->rates, &out->nrates);
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
done:
    for (i = 0; i < nlikes; i++)
        ls_free(likes[i]);
    ls_free(rates.at);
    ls_free(f.marks);
    ls_mem_free(f.mem);
    ls_mem_free(n.aliases.mem);
    return st;
}

ls_status ls_store_compare(ls_store *store, const char *metric, const char *gov, int from, int to,
                           ls_comparison *out, ls_error *err)
{
    report_texts texts;
    ls_status st;

    memset(&texts, 0, sizeof texts);
    st = compare(store, metric, gov, from, to, out, &texts, err);

    texts_free(&texts);
    return st;
}

/* The sentence of figure 'm' in its report, copied into 'mem', or NULL. */
static const char *sentence_of(ls_store *store, report_texts *texts, const ls_compared *m,
                               ls_mem *mem, ls_status *st, ls_error *err)
{
    const char *text = "";
    size_t len = 0, a, b;
    char *s;

    *st = report_text(store, texts, m->report, &text, &len, err);
    if (*st != LS_OK || m->end > (long long)len || m->start > m->end || m->start < 0)
        return NULL;
    ls_store_sentence(text, len, (size_t)m->start, (size_t)m->end, &a, &b);
    s = ls_mem_alloc(mem, b - a + 1);
    if (s) {
        memcpy(s, text + a, b - a);
        s[b - a] = '\0';
    }
    return s;
}

ls_status ls_store_commitments(ls_store *store, const char *gov, int year,
                               ls_commitment_list *out, ls_error *err)
{
    ls_comparison cmp;
    report_texts texts;
    size_t i, k = 0;
    ls_status st;

    memset(&texts, 0, sizeof texts);
    memset(out, 0, sizeof *out);
    if (!gov || !*gov || year <= 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "commitments need --gov and --year");
    /* on failure 'out' is left empty: ls_store_list_end below frees nothing */
    LS_CHECK(compare(store, NULL, gov, year, year, &cmp, &texts, err));
    out->mem = cmp.mem;
    out->gov = cmp.gov;
    out->year = year;
    out->rates = cmp.rates;
    out->nrates = cmp.nrates;
    out->targets = cmp.nmentions ? ls_mem_alloc(out->mem, cmp.nmentions * sizeof *out->targets)
                                 : NULL;
    for (i = 0; out->targets && i < cmp.nmentions; i++) {
        ls_compared *t;
        if (!cmp.mentions[i].is_target)
            continue;
        t = &out->targets[k++];
        *t = cmp.mentions[i];
        t->sentence = sentence_of(store, &texts, t, out->mem, &st, err);
        t->has_sentence = t->sentence != NULL;
        LS_CHECK(st);
        if (t->actual) {
            /* the actual with its sentence, a copy of its own */
            ls_compared *a = ls_mem_alloc(out->mem, sizeof *a);
            if (!a)
                break;
            *a = *t->actual;
            a->sentence = sentence_of(store, &texts, a, out->mem, &st, err);
            a->has_sentence = a->sentence != NULL;
            t->actual = a;
            t->actual_sentence = a->sentence;
            LS_CHECK(st);
        }
    }
done:
    out->ntargets = k;
    texts_free(&texts);
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}

const ls_compared *ls_commitment_find(const ls_commitment_list *list, long long mention)
{
    size_t i;

    for (i = 0; list && i < list->ntargets; i++)
        if (list->targets[i].id == mention)
            return &list->targets[i];
    return NULL;
}
