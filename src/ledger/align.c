/*
 * align.c — a line of an office's 分工方案 to the ledger rows it means, by
 * the text of the whole line, not by its first characters. Offices reword
 * (出台一批降低税费负担… for 在降低税费负担…方面，出台一批…), shorten, join
 * several sentences in one line and split one in two.
 *
 * Each text becomes the set of its character bigrams (CJK, letters and
 * figures; punctuation and blanks dropped, full-width folded). A bigram
 * weighs by how rare it is among the rows (log (N+1)/(df+½)), twice when it
 * holds a figure: the figures and named things (雄忻高铁, 629个) decide,
 * 推进 and 加快 hardly count. For a line L and a row R, 'a' is the share of
 * R's weight found in L (the row is in the line) and 'b' the share of L's
 * found in R (the line is in the row); a row whose figures all differ from
 * the line's counts half. Then:
 *
 *   several rows each mostly inside L (a ≥ 0.6; a row with figures inside
 *     one clause of L with all its figures) that together explain
 *     more of L than any one row does (0.1 more of its weight)
 *                                         → matched, all of them
 *   one row clearly best (score ≥ 0.5, 0.1 ahead of the next)
 *                                         → matched, that row
 *   a best row of score ≥ 0.3             → ambiguous, the candidates
 *   else                                  → unmatched (the nearest shown)
 *
 * where a row's score is the harmonic mean of a and b (or 0.85·b when the
 * line is a piece of the row, 0.85·a when the row is a piece of the line).
 * It reads texts only: which texts a row has is fengong.c's.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fengong.h"

#define COVER_A 0.6      /* a row this much inside a line is covered by it */
#define MATCH_SCORE 0.5  /* a single row at least this good … */
#define MATCH_MARGIN 0.1 /* … and this far ahead of the next is the match */
#define WEAK_SCORE 0.3   /* below this, no row is a candidate */
#define MULTI_GAIN 0.1   /* covered rows together beat the best one by this */

struct fg_index {
    size_t nrows;
    uint64_t *grams;  /* the distinct bigrams of all rows, sorted */
    size_t ngrams;
    size_t *post_at;  /* rows of grams[k]: post[post_at[k] .. post_at[k+1]) */
    uint32_t *post;
    double *weight;   /* of grams[k] */
    double *row_w;    /* the weight of each row's bigrams */
    char **figures;   /* each row's figures, "|4.5|629|", or NULL */
    double unseen;    /* the weight of a bigram no row has */
};

/* ---- texts to bigrams ---- */

/* The next code point of 's' (before 'end') into '*cp'; bytes consumed,
 * at least 1 (a bad byte is skipped as code point 0). */
static size_t next_cp(const unsigned char *s, const unsigned char *end, uint32_t *cp)
{
    size_t n = end - s, need;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    need = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (need == 0 || n < need) {
        *cp = 0;
        return 1;
    }
    *cp = need == 2   ? (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F)
          : need == 3 ? (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F)
                      : (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
                            (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
    return need;
}

/* The code point as compared ('０' is '0', 'Ａ' is 'a'), or 0 when it is
 * punctuation, a blank or a mark that does not count. */
static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        cp -= 0xFEE0; /* full width to ASCII */
    if (cp >= 'A' && cp <= 'Z')
        return cp - 'A' + 'a';
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '%' || cp == '.')
        return cp;
    if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF))
        return cp;
    return 0;
}

static int is_figure_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == '%';
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/* The distinct bigrams of 'text' into a new sorted array '*out' (ls_free);
 * their number, or (size_t)-1 when out of memory. A '.' counts only
 * between digits (4.5). */
static size_t grams_of(const char *text, uint64_t **out)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + strlen(text);
    size_t n = 0, cap = strlen(text) + 1, i, k;
    uint64_t *g = ls_malloc(cap * sizeof *g);
    uint32_t prev = 0, cp;

    *out = g;
    if (!g)
        return (size_t)-1;
    while (s < end) {
        s += next_cp(s, end, &cp);
        cp = fold(cp);
        if (cp == '.' && !(prev >= '0' && prev <= '9'))
            cp = 0;
        if (cp && prev && n < cap)
            g[n++] = (uint64_t)prev << 32 | cp;
        prev = cp;
    }
    qsort(g, n, sizeof *g, cmp_u64);
    for (i = k = 0; i < n; i++)
        if (k == 0 || g[i] != g[k - 1])
            g[k++] = g[i];
    return k;
}

static int gram_has_figure(uint64_t g)
{
    return is_figure_cp((uint32_t)(g >> 32)) || is_figure_cp((uint32_t)g);
}

/* The figures of 'text' as "|4.5|629|" (a year before 年 left out: 2026年
 * is in every line), a new string (ls_free), or NULL when it has none. */
static char *figures_of(const char *text)
{
    size_t len = strlen(text), n = 0;
    char *f = ls_malloc(2 * len + 2);
    const char *p = text;

    if (!f)
        return NULL;
    while (*p) {
        const char *b = p;
        if (!(*p >= '0' && *p <= '9')) {
            p++;
            continue;
        }
        while ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))
            p++;
        if (p - b == 4 && strncmp(p, "年", 3) == 0)
            continue;
        if (n == 0)
            f[n++] = '|';
        memcpy(f + n, b, (size_t)(p - b));
        n += (size_t)(p - b);
        f[n++] = '|';
    }
    f[n] = '\0';
    if (n == 0) {
        ls_free(f);
        return NULL;
    }
    return f;
}

/* True when the two figure lists share no figure. */
static int figures_differ(const char *a, const char *b)
{
    const char *p;

    if (!a || !b)
        return 0;
    for (p = a; *p && p[1];) {
        const char *q = strchr(p + 1, '|');
        char one[64];
        size_t n = q ? (size_t)(q - p) + 1 : 0;
        if (!q)
            break;
        if (n < sizeof one) {
            memcpy(one, p, n);
            one[n] = '\0';
            if (strstr(b, one))
                return 0;
        }
        p = q;
    }
    return 1;
}

/* ---- the index ---- */

typedef struct {
    uint64_t gram;
    uint32_t row;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;

    if (x->gram != y->gram)
        return x->gram < y->gram ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

void ls_fg_index_free(fg_index *ix)
{
    size_t i;

    if (!ix)
        return;
    for (i = 0; ix->figures && i < ix->nrows; i++)
        ls_free(ix->figures[i]);
    ls_free(ix->figures);
    ls_free(ix->grams);
    ls_free(ix->post_at);
    ls_free(ix->post);
    ls_free(ix->weight);
    ls_free(ix->row_w);
    ls_free(ix);
}

/* Every (bigram, row) pair of the rows into '*out' (ls_free), sorted. */
static ls_status all_pairs(const char *const *rows, size_t n, pair **out, size_t *count)
{
    size_t i, k, np = 0, cap = 0;
    pair *p = NULL;

    for (i = 0; i < n; i++)
        cap += strlen(rows[i] ? rows[i] : "");
    p = ls_malloc((cap + 1) * sizeof *p);
    if (!p)
        return LS_ENOMEM;
    for (i = 0; i < n; i++) {
        uint64_t *g;
        size_t ng = grams_of(rows[i] ? rows[i] : "", &g);
        if (ng == (size_t)-1) {
            ls_free(p);
            return LS_ENOMEM;
        }
        for (k = 0; k < ng && np < cap; k++)
            p[np++] = (pair){g[k], (uint32_t)i};
        ls_free(g);
    }
    qsort(p, np, sizeof *p, cmp_pair);
    *out = p;
    *count = np;
    return LS_OK;
}

ls_status ls_fg_index_new(const char *const *rows, size_t n, fg_index **out, ls_error *err)
{
    fg_index *ix = ls_calloc(1, sizeof *ix);
    pair *p = NULL;
    size_t np = 0, i, k;

    *out = NULL;
    if (!ix || all_pairs(rows, n, &p, &np) != LS_OK)
        goto nomem;
    ix->nrows = n;
    ix->grams = ls_malloc((np + 1) * sizeof *ix->grams);
    ix->post_at = ls_malloc((np + 2) * sizeof *ix->post_at);
    ix->post = ls_malloc((np + 1) * sizeof *ix->post);
    ix->weight = ls_malloc((np + 1) * sizeof *ix->weight);
    ix->row_w = ls_calloc(n + 1, sizeof *ix->row_w);
    ix->figures = ls_calloc(n + 1, sizeof *ix->figures);
    if (!ix->grams || !ix->post_at || !ix->post || !ix->weight || !ix->row_w || !ix->figures)
        goto nomem;
    ix->unseen = log((double)(n + 1) / 0.5);
    /* postings: the pairs are sorted by bigram, then row */
    for (i = 0; i < np; i = k) {
        size_t g = ix->ngrams++;
        double w;
        ix->grams[g] = p[i].gram;
        ix->post_at[g] = i;
        for (k = i; k < np && p[k].gram == p[i].gram; k++)
            ix->post[k] = p[k].row;
        w = log((double)(n + 1) / ((double)(k - i) + 0.5));
        ix->weight[g] = gram_has_figure(p[i].gram) ? 2 * w : w;
        for (k = i; k < np && p[k].gram == p[i].gram; k++)
            ix->row_w[p[k].row] += ix->weight[g];
    }
    ix->post_at[ix->ngrams] = np;
    for (i = 0; i < n; i++)
        ix->figures[i] = figures_of(rows[i] ? rows[i] : "");
    ls_free(p);
    *out = ix;
    return LS_OK;
nomem:
    ls_free(p);
    ls_fg_index_free(ix);
    return ls_error_nomem(err);
}

/* The place of 'g' among the index's bigrams, or (size_t)-1. */
static size_t find_gram(const fg_index *ix, uint64_t g)
{
    size_t lo = 0, hi = ix->ngrams;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->grams[mid] < g)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->ngrams && ix->grams[lo] == g ? lo : (size_t)-1;
}

/* ---- aligning a line ---- */

typedef struct {
    size_t row;
    double a, b, score;
} cand;

static int by_score(const void *x, const void *y)
{
    const cand *p = x, *q = y;

    if (p->score != q->score)
        return p->score < q->score ? 1 : -1;
    return (p->row > q->row) - (p->row < q->row);
}

static int by_row(const void *x, const void *y)
{
    const fg_hit *p = x, *q = y;

    return (p->row > q->row) - (p->row < q->row);
}

/* The score of a row from its shares 'a' (of the row in the line) and 'b'
 * (of the line in the row). */
static double score_of(double a, double b)
{
    double s = a + b > 0 ? 2 * a * b / (a + b) : 0;

    if (b >= 0.8 && 0.85 * b > s)
        s = 0.85 * b; /* the line is a piece of the row */
    if (a >= 0.8 && 0.85 * a > s)
        s = 0.85 * a; /* the row is a piece of the line */
    return s;
}

/* The share of the line's weight 'wl' that the covered rows ('covered'
 * marks them) hold between them. */
static double union_share(const fg_index *ix, const uint64_t *g, size_t ng, const char *covered,
                          double wl)
{
    double in = 0;
    size_t i, k;

    for (i = 0; i < ng; i++) {
        size_t at = find_gram(ix, g[i]);
        if (at == (size_t)-1)
            continue;
        for (k = ix->post_at[at]; k < ix->post_at[at + 1]; k++)
            if (covered[ix->post[k]]) {
                in += ix->weight[at];
                break;
            }
    }
    return wl > 0 ? in / wl : 0;
}

/* True when 'row' is in the postings of bigram 'at'. */
static int row_has(const fg_index *ix, size_t at, size_t row)
{
    size_t lo = ix->post_at[at], hi = ix->post_at[at + 1];

    /* postings are sorted by row */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->post[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->post_at[at + 1] && ix->post[lo] == row;
}

/* True when every figure of 'row' is in 'figs' ("|4.5|5|"). */
static int has_figures(const char *row, const char *figs)
{
    const char *p;

    for (p = row; p && *p && p[1];) {
        const char *q = strchr(p + 1, '|');
        char one[64];
        size_t n = q ? (size_t)(q - p) + 1 : 0;
        if (!q || n >= sizeof one)
            return 0;
        memcpy(one, p, n);
        one[n] = '\0';
        if (!figs || !strstr(figs, one))
            return 0;
        p = q;
    }
    return 1;
}

/* For a row with figures inside a line of many (the whole headline in
 * one line): true when one clause of the line (between ，；。) holds all
 * the row's figures and half its weight, so that 地区生产总值增长5% is not
 * covered by a line whose 5% belongs to another target. */
static int clause_holds(const fg_index *ix, size_t row, const char *text)
{
    const char *b = text, *p = text;
    char clause[1024];
    int ok = 0;

    while (!ok && *b) {
        size_t n;
        while (*p && strncmp(p, "，", 3) != 0 && strncmp(p, "；", 3) != 0 &&
               strncmp(p, "。", 3) != 0)
            p++;
        n = (size_t)(p - b) < sizeof clause ? (size_t)(p - b) : sizeof clause - 1;
        memcpy(clause, b, n);
        clause[n] = '\0';
        {
            char *figs = figures_of(clause);
            uint64_t *g = NULL;
            size_t ng = has_figures(ix->figures[row], figs) ? grams_of(clause, &g) : 0, i;
            double in = 0;
            for (i = 0; ng != (size_t)-1 && i < ng; i++) {
                size_t at = find_gram(ix, g[i]);
                if (at != (size_t)-1 && row_has(ix, at, row))
                    in += ix->weight[at];
            }
            ok = ng != (size_t)-1 && ix->row_w[row] > 0 && in / ix->row_w[row] >= 0.5;
            ls_free(g);
            ls_free(figs);
        }
        if (*p)
            p += 3;
        b = p;
    }
    return ok;
}

/* The candidates of the line: rows sharing a bigram, scored, best first,
 * into '*out' (ls_free); their number, or (size_t)-1 out of memory. */
static size_t candidates(const fg_index *ix, const uint64_t *g, size_t ng, const char *figs,
                         double *wl, cand **out)
{
    double *inter = ls_calloc(ix->nrows + 1, sizeof *inter);
    cand *c = ls_malloc((ix->nrows + 1) * sizeof *c);
    size_t i, k, n = 0;

    *out = c;
    *wl = 0;
    if (!inter || !c) {
        ls_free(inter);
        return (size_t)-1;
    }
    for (i = 0; i < ng; i++) {
        size_t at = find_gram(ix, g[i]);
        if (at == (size_t)-1) {
            *wl += gram_has_figure(g[i]) ? 2 * ix->unseen : ix->unseen;
            continue;
        }
        *wl += ix->weight[at];
        for (k = ix->post_at[at]; k < ix->post_at[at + 1]; k++)
            inter[ix->post[k]] += ix->weight[at];
    }
    for (i = 0; i < ix->nrows; i++) {
        double a, b;
        if (inter[i] <= 0 || ix->row_w[i] <= 0 || *wl <= 0)
            continue;
        a = inter[i] / ix->row_w[i];
        b = inter[i] / *wl;
        /* a target of other figures is another target */
        if (figures_differ(figs, ix->figures[i])) {
            a /= 2;
            b /= 2;
        }
        c[n++] = (cand){i, a, b, score_of(a, b)};
    }
    ls_free(inter);
    qsort(c, n, sizeof *c, by_score);
    return n;
}

int ls_fg_align(const fg_index *ix, const char *text, fg_hit *hits, size_t max, size_t *nhits,
                double *score)
{
    uint64_t *g = NULL;
    cand *c = NULL;
    char *covered = NULL, *figs = NULL;
    size_t ng = grams_of(text ? text : "", &g), n = 0, i, ncov = 0;
    double wl = 0, second;
    int result = LS_FG_UNMATCHED;

    *nhits = 0;
    *score = 0;
    if (ng == (size_t)-1)
        return -1;
    figs = figures_of(text ? text : "");
    n = candidates(ix, g, ng, figs, &wl, &c);
    covered = ls_calloc(ix->nrows + 1, 1);
    if (n == (size_t)-1 || !covered) {
        result = -1;
        goto done;
    }
    if (n == 0)
        goto done;
    second = n > 1 ? c[1].score : 0;
    /* several rows inside the line, together explaining it best */
    for (i = 0; i < n; i++)
        if (c[i].a >= COVER_A && (!ix->figures[c[i].row] || clause_holds(ix, c[i].row, text))) {
            covered[c[i].row] = 1;
            ncov++;
        }
    if (ncov >= 2) {
        double u = union_share(ix, g, ng, covered, wl), best_b = 0;
        for (i = 0; i < n; i++)
            if (c[i].b > best_b)
                best_b = c[i].b;
        if (u >= best_b + MULTI_GAIN && u >= MATCH_SCORE) {
            for (i = 0; i < n && *nhits < max; i++)
                if (covered[c[i].row])
                    hits[(*nhits)++] = (fg_hit){c[i].row, c[i].score};
            qsort(hits, *nhits, sizeof *hits, by_row);
            *score = u;
            result = LS_FG_MATCHED;
            goto done;
        }
    }
    *score = c[0].score;
    if (c[0].score >= MATCH_SCORE && c[0].score - second >= MATCH_MARGIN) {
        hits[(*nhits)++] = (fg_hit){c[0].row, c[0].score};
        result = LS_FG_MATCHED;
    } else if (c[0].score >= WEAK_SCORE) {
        for (i = 0; i < n && *nhits < max && c[i].score >= c[0].score - MATCH_MARGIN; i++)
            hits[(*nhits)++] = (fg_hit){c[i].row, c[i].score};
        result = LS_FG_AMBIGUOUS;
    } else {
        for (i = 0; i < n && i < 3 && *nhits < max && c[i].score > 0.1; i++)
            hits[(*nhits)++] = (fg_hit){c[i].row, c[i].score};
    }
done:
    ls_free(g);
    ls_free(c);
    ls_free(covered);
    ls_free(figs);
    return result;
}
