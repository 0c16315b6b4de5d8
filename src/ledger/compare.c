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
    ls_status st;

    if (!alias || !*alias || !canonical || !*canonical || strcmp(alias, canonical) == 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "an alias needs two different metric names");
    ls_store_now(now);
    st = ls_db_begin(store->db, err);
    if (st == LS_OK) {
        long long found = 0;
        st = ls_db_query_id(store->db, "SELECT 1 FROM metric_aliases WHERE alias = ?",
                            (ls_db_value[1]){LS_PT(alias)}, 1, &found, err);
        if (st == LS_OK && found)
            st = ls_error_set(err, LS_EEXIST, LS_NO_OFFSET, 0, "'%s' is an alias already", alias);
    }
    if (st == LS_OK)
        st = ls_db_exec(
            store->db,
            "INSERT INTO metric_aliases (alias, canonical, created_at, created_by) "
            "VALUES (?, ?, ?, ?)",
            (ls_db_value[4]){LS_PT(alias), LS_PT(canonical), LS_PT(now), LS_PT(store->actor)}, 4,
            err);
    if (st == LS_OK)
        st = ls_store_log(store, "add", "metric_alias", 0, 0, alias, NULL, canonical, err);
    return ls_store_finish(store, st, err);
}

ls_status ls_store_alias_remove(ls_store *store, const char *alias, ls_error *err)
{
    long long found = 0;
    ls_status st = ls_db_begin(store->db, err);

    if (st == LS_OK)
        st = ls_db_query_id(store->db, "SELECT 1 FROM metric_aliases WHERE alias = ?",
                            (ls_db_value[1]){LS_PT(alias)}, 1, &found, err);
    if (st == LS_OK && !found)
        st = ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "'%s' is not an alias", alias);
    if (st == LS_OK)
        st = ls_db_exec(store->db, "DELETE FROM metric_aliases WHERE alias = ?",
                        (ls_db_value[1]){LS_PT(alias)}, 1, err);
    if (st == LS_OK)
        st = ls_store_log(store, "remove", "metric_alias", 0, 0, alias, alias, NULL, err);
    return ls_store_finish(store, st, err);
}

ls_status ls_store_aliases(ls_store *store, json_t **out, ls_error *err)
{
    return ls_store_query_json(store,
                               "SELECT alias, canonical, created_at, created_by FROM "
                               "metric_aliases ORDER BY canonical, alias",
                               NULL, 0, out, err);
}

/* ---- one metric's names ---- */

typedef struct {
    json_t *aliases; /* [{alias, canonical}] */
} names;

/* The canonical name of 'metric' (itself when it is no alias). */
static const char *canonical_of(const names *n, const char *metric)
{
    size_t i;
    json_t *a;

    json_array_foreach(n->aliases, i,
                       a) if (strcmp(json_string_value(json_object_get(a, "alias")), metric) ==
                              0) return json_string_value(json_object_get(a, "canonical"));
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

/* ---- reading mentions ---- */

/* Targets (of the plan, requirements and self parts) and actuals (of the
 * review) of the latest version of each report, filtered. */
static ls_status read_mentions(ls_store *store, const char *gov, int from, int to,
                               const char *const *likes, size_t nlikes, json_t **out, ls_error *err)
{
    ls_db_value p[4 + MAX_EXPANSIONS];
    size_t n = 0, i;
    ls_db_rows rows;
    ls_buf b;
    ls_status st;

    *out = NULL;
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
    if (b.failed) {
        ls_buf_release(&b);
        return ls_error_nomem(err);
    }
    st = ls_db_query(store->db, b.data, p, n, &rows, err);
    ls_buf_release(&b);
    if (st == LS_OK && !(*out = ls_store_rows_json(&rows)))
        st = ls_error_nomem(err);
    ls_db_rows_free(&rows);
    return st;
}

/* ---- outcomes ---- */

static const char *text_of(json_t *m, const char *key)
{
    const char *t = json_string_value(json_object_get(m, key));
    return t ? t : "";
}

static ls_op op_of(const char *op)
{
    return strcmp(op, ">=") == 0   ? LS_OP_GE
           : strcmp(op, "<=") == 0 ? LS_OP_LE
           : strcmp(op, "~") == 0  ? LS_OP_APPROX
                                   : LS_OP_EQ;
}

/* The fields of mention row 'm' that the rules read (strings borrowed). */
static ls_mention mention_of(json_t *m)
{
    ls_mention x;
    const char *change = text_of(m, "change");
    json_t *max = json_object_get(m, "value_max");

    memset(&x, 0, sizeof x);
    x.value = json_number_value(json_object_get(m, "value"));
    x.has_max = json_is_number(max);
    x.value_max = x.has_max ? json_number_value(max) : x.value;
    x.unit = text_of(m, "unit");
    x.metric = text_of(m, "metric");
    x.op = op_of(text_of(m, "op"));
    x.change = strcmp(change, "increase") == 0   ? LS_CHANGE_INCREASE
               : strcmp(change, "decrease") == 0 ? LS_CHANGE_DECREASE
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

static void names_of(json_t *m, measure_names *out)
{
    const char *metric = text_of(m, "metric");
    json_int_t item = json_integer_value(json_object_get(m, "item"));

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

/* How well target 't' matches actual 'a' by name, over their names. */
static double names_match(const names *n, json_t *t, json_t *a)
{
    measure_names nt, na;
    size_t i, j;
    double best = 0;
    const char *mt = text_of(t, "metric"), *ma = text_of(a, "metric");

    /* an alias, or one name of a set or a bare generic measure: nothing else */
    if (*mt && *ma && strcmp(canonical_of(n, mt), canonical_of(n, ma)) == 0 &&
        (strcmp(mt, ma) != 0 || !ls_measure_vague(mt)))
        return 1;
    if (ls_measure_vague(mt) || ls_measure_vague(ma))
        return 0;
    names_of(t, &nt);
    names_of(a, &na);
    for (i = 0; i < nt.n; i++)
        for (j = 0; j < na.n; j++) {
            double s = metric_match(n, nt.name[i], na.name[j]);
            if (s > best)
                best = s;
        }
    return best;
}

static int same_text(json_t *a, json_t *b, const char *key)
{
    const char *x = json_string_value(json_object_get(a, key));
    const char *y = json_string_value(json_object_get(b, key));

    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* The actual among mentions [from, to) of 'all' (those of the same
 * government's next year) that best matches 'target' like with like, or
 * NULL; its unit factor in '*factor', its match in '*score'. Actuals that
 * are not one year's figure (年均, 累计) were marked "not_the_year". */
static json_t *best_actual(const names *n, json_t *all, size_t from, size_t to, json_t *target,
                           double *factor, double *score)
{
    ls_mention t = mention_of(target);
    json_t *m, *best = NULL;
    size_t i;
    double f;

    *score = 0;
    for (i = from; i < to; i++) {
        double s;
        ls_mention a;
        m = json_array_get(all, i);
        if (strcmp(text_of(m, "kind"), "actual") != 0 ||
            json_is_true(json_object_get(m, "not_the_year")))
            continue;
        a = mention_of(m);
        if (!ls_measure_alike(&t, &a, &f))
            continue;
        s = names_match(n, target, m);
        /* of equals the first: a review states the year's figure first */
        if (s > *score) {
            *score = s;
            *factor = f;
            best = m;
        }
    }
    return best;
}

static const char *outcome_of(json_t *target, json_t *actual, double factor)
{
    ls_mention t = mention_of(target), a = mention_of(actual);

    return ls_outcome_met(&t, &a, a.value * factor) ? "met" : "missed";
}

/* The end of the block of mentions of one government and year that
 * starts at 'i' ('all' is ordered by government, then year). */
static size_t block_end(json_t *all, size_t i)
{
    size_t n = json_array_size(all), k;
    json_t *first = json_array_get(all, i);

    for (k = i + 1; k < n; k++) {
        json_t *m = json_array_get(all, k);
        if (!same_text(m, first, "gov") || json_integer_value(json_object_get(m, "year")) !=
                                               json_integer_value(json_object_get(first, "year")))
            break;
    }
    return k;
}

/* Records the outcome of target 'm' against the actual 'a' (or none). */
static void record(json_t *m, json_t *a, double factor, double score, json_t *rates)
{
    const char *outcome = a ? outcome_of(m, a, factor) : "not_mentioned";
    char key[256];
    json_t *r;

    json_object_set_new(m, "outcome", json_string(outcome));
    json_object_set(m, "actual", a ? a : json_null());
    if (a) {
        json_object_set_new(m, "actual_in_target_unit",
                            json_real(json_number_value(json_object_get(a, "value")) * factor));
        json_object_set_new(m, "match", json_real(score));
    }
    snprintf(key, sizeof key, "%s %lld", json_string_value(json_object_get(m, "gov")),
             (long long)json_integer_value(json_object_get(m, "year")));
    r = json_object_get(rates, key);
    if (!r) {
        r = json_pack("{s:O, s:O, s:i, s:i, s:i}", "gov", json_object_get(m, "gov"), "year",
                      json_object_get(m, "year"), "met", 0, "missed", 0, "not_mentioned", 0);
        json_object_set_new(rates, key, r);
    }
    json_object_set_new(r, outcome,
                        json_integer(json_integer_value(json_object_get(r, outcome)) + 1));
}

/* The text of report 'report' into '*text' and '*len' (texts are read
 * once each, kept in 'texts' by report id). */
static ls_status report_text(ls_store *store, json_t *texts, json_int_t report, const char **text,
                             size_t *len, ls_error *err)
{
    char key[32];
    json_t *t;

    snprintf(key, sizeof key, "%lld", (long long)report);
    t = json_object_get(texts, key);
    if (!t) {
        ls_report_list r;
        ls_status st = ls_store_report(store, report, 1, &r, err);
        if (st != LS_OK)
            return st;
        t = json_string(r.at[0].text ? r.at[0].text : "");
        ls_mem_free(r.mem);
        if (!t || json_object_set_new(texts, key, t) != 0)
            return ls_error_nomem(err);
    }
    *text = json_string_value(t);
    *len = json_string_length(t);
    return LS_OK;
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

/* Marks the mentions of 'all' that read the text: "not_the_year" on an
 * actual whose clause makes it a yearly average or a running total (年均,
 * 累计), and "item" (1, 2) on the figures of a list that 分别 pairs with a
 * word naming two items (城乡 … 分别增长8.7%和8.6%). Removed by unmark. */
static ls_status mark(ls_store *store, json_t *all, ls_error *err)
{
    json_t *texts = json_object(), *m, *prev = NULL;
    size_t i;
    ls_status st = texts ? LS_OK : ls_error_nomem(err);

    json_array_foreach(all, i, m)
    {
        const char *text = "";
        size_t len = 0, start = (size_t)json_integer_value(json_object_get(m, "start"));
        if (st != LS_OK)
            break;
        st = report_text(store, texts, json_integer_value(json_object_get(m, "report")), &text,
                         &len, err);
        if (st != LS_OK || start > len)
            continue;
        if (strcmp(text_of(m, "kind"), "actual") == 0 && ls_outcome_not_the_year(text, len, start))
            json_object_set_new(m, "not_the_year", json_true());
        if (prev && same_text(prev, m, "metric") && same_text(prev, m, "unit") &&
            json_integer_value(json_object_get(prev, "report")) ==
                json_integer_value(json_object_get(m, "report")) &&
            json_integer_value(json_object_get(prev, "end")) <= (json_int_t)start &&
            only_list_join(text, (size_t)json_integer_value(json_object_get(prev, "end")), start) &&
            strncmp(text_of(m, "metric"), "城乡", 6) == 0) {
            if (!json_object_get(prev, "item"))
                json_object_set_new(prev, "item", json_integer(1));
            json_object_set_new(m, "item",
                                json_integer(json_integer_value(json_object_get(prev, "item")) + 1));
        }
        prev = m;
    }
    json_decref(texts);
    return st;
}

static void unmark(json_t *all)
{
    size_t i;
    json_t *m;

    json_array_foreach(all, i, m)
    {
        json_object_del(m, "not_the_year");
        json_object_del(m, "item");
    }
}

/* Adds to each target of 'all' its outcome and actual, looking only in
 * the block of the same government's next year; counts per government
 * and year into 'rates'. */
static void judge(const names *n, json_t *all, json_t *rates)
{
    size_t i = 0, k, end, next_end, total = json_array_size(all);

    while (i < total) {
        json_t *first = json_array_get(all, i), *next;
        end = block_end(all, i);
        next = end < total ? json_array_get(all, end) : NULL;
        next_end = end;
        if (next && same_text(next, first, "gov") &&
            json_integer_value(json_object_get(next, "year")) ==
                json_integer_value(json_object_get(first, "year")) + 1)
            next_end = block_end(all, end);
        for (k = i; k < end; k++) {
            json_t *m = json_array_get(all, k), *a;
            double factor = 1, score = 0;
            if (strcmp(json_string_value(json_object_get(m, "kind")), "target") != 0)
                continue;
            if (next_end == end) {
                /* the next year's report is not in the store: nothing to judge yet */
                json_object_set_new(m, "outcome", json_string("pending"));
                json_object_set_new(m, "actual", json_null());
                continue;
            }
            a = best_actual(n, all, end, next_end, m, &factor, &score);
            record(m, a, factor, score, rates);
        }
        i = end;
    }
}

/* The rate objects with their shares: 兑现率 = met / (met + missed), and
 * met over all targets. */
static json_t *rate_list(json_t *rates, int to)
{
    json_t *out = json_array(), *r;
    const char *key;

    json_object_foreach(rates, key, r)
    {
        if (to && json_integer_value(json_object_get(r, "year")) > to)
            continue;
        double met = (double)json_integer_value(json_object_get(r, "met"));
        double missed = (double)json_integer_value(json_object_get(r, "missed"));
        double none = (double)json_integer_value(json_object_get(r, "not_mentioned"));
        json_object_set_new(r, "rate",
                            met + missed > 0 ? json_real(met / (met + missed)) : json_null());
        json_object_set_new(r, "rate_all",
                            met + missed + none > 0 ? json_real(met / (met + missed + none))
                                                    : json_null());
        json_array_append(out, r);
    }
    return out;
}

/* The LIKE patterns of 'metric' and its aliases (either direction). */
static size_t expansions(const names *n, const char *metric, char **likes)
{
    const char *canon = canonical_of(n, metric);
    size_t i, k = 0;
    json_t *a;
    const char *forms[MAX_EXPANSIONS];
    size_t nforms = 0;

    forms[nforms++] = metric;
    if (strcmp(canon, metric) != 0)
        forms[nforms++] = canon;
    json_array_foreach(n->aliases, i, a)
    {
        if (nforms < MAX_EXPANSIONS &&
            strcmp(json_string_value(json_object_get(a, "canonical")), canon) == 0 &&
            strcmp(json_string_value(json_object_get(a, "alias")), metric) != 0)
            forms[nforms++] = json_string_value(json_object_get(a, "alias"));
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

ls_status ls_store_compare(ls_store *store, const char *metric, const char *gov, int from, int to,
                           json_t **out, ls_error *err)
{
    char *likes[MAX_EXPANSIONS];
    size_t nlikes = 0, i;
    names n = {NULL};
    json_t *all = NULL, *rates = NULL;
    ls_status st;

    *out = NULL;
    if ((!metric || !*metric) && (!gov || !*gov))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "compare needs a metric or a government");
    st = ls_store_aliases(store, &n.aliases, err);
    if (st == LS_OK && metric && *metric)
        nlikes = expansions(&n, metric, likes);
    /* the year after the last one is read too: it holds the last targets' outcome */
    if (st == LS_OK)
        st = read_mentions(store, gov, from, to ? to + 1 : 0, (const char *const *)likes, nlikes,
                           &all, err);
    if (st == LS_OK)
        st = mark(store, all, err);
    if (st == LS_OK) {
        rates = json_object();
        judge(&n, all, rates);
        unmark(all);
        *out = json_pack("{s:s?, s:s?, s:o, s:o}", "metric", metric, "gov", gov, "mentions",
                         json_array(), "rates", rate_list(rates, to));
        json_t *m;
        json_array_foreach(all, i, m)
        {
            json_int_t y = json_integer_value(json_object_get(m, "year"));
            if (!to || y <= to)
                json_array_append(json_object_get(*out, "mentions"), m);
        }
    }
    for (i = 0; i < nlikes; i++)
        ls_free(likes[i]);
    json_decref(rates);
    json_decref(all);
    json_decref(n.aliases);
    return st;
}

/* Adds "sentence" to mention 'm': the sentence of its report around it
 * (report texts are read once each, kept in 'texts' by report id). */
static ls_status add_sentence(ls_store *store, json_t *texts, json_t *m, ls_error *err)
{
    json_int_t report = json_integer_value(json_object_get(m, "report"));
    size_t start = (size_t)json_integer_value(json_object_get(m, "start"));
    size_t end = (size_t)json_integer_value(json_object_get(m, "end"));
    char key[32];
    json_t *t;
    const char *text;
    size_t len, a, b;

    snprintf(key, sizeof key, "%lld", (long long)report);
    t = json_object_get(texts, key);
    if (!t) {
        ls_report_list r;
        ls_status st = ls_store_report(store, report, 1, &r, err);
        if (st != LS_OK)
            return st;
        json_object_set_new(texts, key, json_string(r.at[0].text ? r.at[0].text : ""));
        ls_mem_free(r.mem);
        t = json_object_get(texts, key);
    }
    text = json_string_value(t);
    len = json_string_length(t);
    if (!text || end > len || start > end)
        return LS_OK;
    ls_store_sentence(text, len, start, end, &a, &b);
    json_object_set_new(m, "sentence", json_stringn(text + a, b - a));
    return LS_OK;
}

ls_status ls_store_commitments(ls_store *store, const char *gov, int year, json_t **out,
                               ls_error *err)
{
    json_t *cmp = NULL, *targets, *m, *texts;
    size_t i;
    ls_status st;

    *out = NULL;
    if (!gov || !*gov || year <= 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "commitments need --gov and --year");
    st = ls_store_compare(store, NULL, gov, year, year, &cmp, err);
    if (st != LS_OK)
        return st;
    targets = json_array();
    texts = json_object();
    json_array_foreach(json_object_get(cmp, "mentions"), i, m)
    {
        json_t *a = json_object_get(m, "actual");
        if (strcmp(json_string_value(json_object_get(m, "kind")), "target") != 0)
            continue;
        if (st == LS_OK)
            st = add_sentence(store, texts, m, err);
        if (st == LS_OK && json_is_object(a))
            st = add_sentence(store, texts, a, err);
        json_array_append(targets, m);
    }
    json_decref(texts);
    if (st != LS_OK) {
        json_decref(targets);
        json_decref(cmp);
        return st;
    }
    *out = json_pack("{s:s, s:i, s:o, s:O}", "gov", gov, "year", year, "targets", targets, "rates",
                     json_object_get(cmp, "rates"));
    json_decref(cmp);
    return LS_OK;
}
