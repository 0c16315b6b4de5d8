/*
 * coverage.c — `luoshi coverage`: what the ledger missed (漏分解)
 * and what it holds too vaguely to check.
 *
 *   uncovered  a sentence of the requirements, plan or self part that makes
 *              a commitment — a quantified target, a deadline (年底前,
 *              6月底前, 到2025年), or a commitment verb (建成, 完成, 开工,
 *              确保, 力争 …) — and overlaps no ledger row, nor a clause that
 *              commits to nothing of the year (a frame such as an intro to
 *              a list, or a goal of a five-year period: tasks.role);
 *   vague      a ledger row with no number and no date (in its sentence or
 *              as its deadline), or with no owner (no lead unit assigned).
 *
 * The word lists are the language of commitments, not of any one report.
 * The lists are typed records (ls_coverage); writing them is the front
 * ends' (records.c's descriptors).
 */
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "store.h"

/* Verbs that bind the government to a result (docs/ledger.md). */
static const char *const commitment_verbs[] = {"建成", "完成", "开工", "竣工", "投产", "确保",
                                               "力争", "新建", "新增", "开通", "交付", NULL};

/* Phrases that set a deadline. */
static const char *const deadline_words[] = {"年底前", "年内", "月底前", "季度", "上半年",
                                             "下半年", "前完成", "之前", "到20", "截至", NULL};

static int has_any(const char *s, size_t a, size_t b, const char *const *words)
{
    size_t i, n;

    for (; *words; words++) {
        n = strlen(*words);
        for (i = a; i + n <= b; i++)
            if (memcmp(s + i, *words, n) == 0)
                return 1;
    }
    return 0;
}

/* True when a sentence ends at 'i': 。；！？ or a line end. */
static size_t stop_len(const char *s, size_t i, size_t len)
{
    static const char *const stops[] = {"。", "；", "！", "？", NULL};
    size_t k;

    if (s[i] == '\n')
        return 1;
    for (k = 0; stops[k]; k++)
        if (i + 3 <= len && memcmp(s + i, stops[k], 3) == 0)
            return 3;
    return 0;
}

typedef struct {
    long long start, end;
} span;

typedef struct {
    span *items;   /* ledger rows, by start */
    size_t nitems;
    span *targets; /* target mentions */
    size_t ntargets;
    span *framing; /* clauses that commit to nothing of the year: frames, a period's goals */
    size_t nframing;
    ls_db_rows parts; /* headings: part, start, body end (the next heading's start) */
} coverage_ctx;

static int overlaps(const span *spans, size_t n, long long a, long long b)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (spans[i].start < b && a < spans[i].end)
            return 1;
    return 0;
}

/* The part the text at 'pos' stands in, from the headings (in order). */
static const char *part_at(const ls_db_rows *h, long long pos, const char **path)
{
    const char *part = "other";
    size_t r;

    *path = "";
    for (r = 0; r < h->nrows && ls_db_int(h, r, 1) <= pos; r++) {
        part = ls_db_text(h, r, 0);
        *path = ls_db_text(h, r, 2);
    }
    return part;
}

static span *load_spans(ls_store *store, const char *sql, long long report, size_t *n,
                        ls_status *status, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(report)};
    ls_db_rows rows = {0};
    span *out = NULL;
    size_t r;
    ls_status st;

    *n = 0;
    LS_CHECK(ls_db_query(store->db, sql, p, 1, &rows, err));
    out = ls_calloc(rows.nrows + 1, sizeof *out);
    if (!out)
        LS_CHECK(ls_error_nomem(err));
    for (r = 0; r < rows.nrows; r++) {
        out[r].start = ls_db_int(&rows, r, 0);
        out[r].end = ls_db_int(&rows, r, 1);
    }
    *n = rows.nrows;
done:
    ls_db_rows_free(&rows);
    *status = st;
    return out;
}

/* The lists being filled: their records in 'mem', grown by doubling. */
typedef struct {
    ls_coverage *out;
    size_t ucap, vcap;
} coverage_lists;

/* Room for one more record in the list at '*at' of '*n' records of 'size'
 * bytes and capacity '*cap' (in 'm'); NULL when out of memory. */
static void *push(ls_mem *m, void **at, size_t *n, size_t *cap, size_t size)
{
    if (*n == *cap) {
        size_t grown = *cap ? 2 * *cap : 32;
        char *bigger = ls_mem_alloc(m, grown * size);
        if (!bigger)
            return NULL;
        if (*n)
            memcpy(bigger, *at, *n * size);
        *at = bigger;
        *cap = grown;
    }
    return (char *)*at + (*n)++ * size;
}

/* A NUL-terminated copy of the 'n' bytes at 's' in 'm', or NULL. */
static const char *copy_span(ls_mem *m, const char *s, size_t n)
{
    char *t = ls_mem_alloc(m, n + 1);

    if (t)
        memcpy(t, s, n);
    return t;
}

/* Checks the sentence [a, b) (its stop ends at 'end'); adds it to the
 * uncovered list when it commits to something and no ledger row overlaps
 * it. */
static void check_sentence(const coverage_ctx *c, const char *text, size_t a, size_t b,
                           size_t end, coverage_lists *l)
{
    ls_coverage *out = l->out;
    const char *path, *part = part_at(&c->parts, (long long)a, &path);
    int target, deadline, verb;
    const char **why;
    ls_uncovered *u;

    if (b - a < 12 || (strcmp(part, "plan") != 0 && strcmp(part, "self") != 0 &&
                       strcmp(part, "requirements") != 0))
        return;
    if (overlaps(c->items, c->nitems, (long long)a, (long long)b) ||
        overlaps(c->framing, c->nframing, (long long)a, (long long)b))
        return;
    target = overlaps(c->targets, c->ntargets, (long long)a, (long long)b);
    deadline = has_any(text, a, b, deadline_words);
    verb = has_any(text, a, b, commitment_verbs);
    if (!target && !deadline && !verb)
        return;
    u = push(out->mem, (void **)&out->uncovered, &out->nuncovered, &l->ucap, sizeof *u);
    why = ls_mem_alloc(out->mem, 3 * sizeof *why);
    if (!u || !why)
        return; /* the arena has failed: ls_store_list_end says so */
    u->start = (long long)a;
    u->end = (long long)end;
    u->part = ls_mem_str(out->mem, part);
    u->path = ls_mem_str(out->mem, path ? path : "");
    u->text = copy_span(out->mem, text + a, end - a);
    if (target)
        why[u->nwhy++] = "量化指标";
    if (deadline)
        why[u->nwhy++] = "时限";
    if (verb)
        why[u->nwhy++] = "承诺用语";
    u->why = why;
}

/* Splits 'text' into sentences (ended by 。；！？ or a line end) and checks
 * each. */
static void find_uncovered(const coverage_ctx *c, const char *text, size_t len,
                           coverage_lists *l)
{
    size_t a = 0, i, stop;

    while (a < len) {
        for (i = a, stop = 0; i < len && !(stop = stop_len(text, i, len)); i++)
            ;
        check_sentence(c, text, a, i, text[i] == '\n' || i == len ? i : i + stop, l);
        a = i + (stop ? stop : 1);
        while (a < len && (text[a] == '\n' || text[a] == ' ' || text[a] == '\r'))
            a++;
    }
}

/* Adds each ledger row lacking a number and a date, or an owner. */
static ls_status find_vague(ls_store *store, long long report, coverage_lists *l, ls_error *err)
{
    ls_coverage *out = l->out;
    ls_db_value p[1] = {LS_PI(report)};
    ls_db_rows rows = {0};
    size_t r;
    ls_status st;

    LS_CHECK(
        ls_db_query(store->db,
                    "SELECT i.id, i.text, i.due, i.lead_unit_id, "
                    "(SELECT COUNT(*) FROM mentions m WHERE m.report_id = i.report_id AND "
                    "m.start_byte >= i.start_byte AND m.end_byte <= i.end_byte) AS numbers "
                    "FROM items i WHERE i.report_id = ? AND i.removed_at IS NULL ORDER BY i.seq",
                    p, 1, &rows, err));
    for (r = 0; r < rows.nrows; r++) {
        const char *text = ls_db_text(&rows, r, 1);
        int number = ls_db_int(&rows, r, 4) > 0;
        int date = !ls_db_is_null(&rows, r, 2) || has_any(text, 0, strlen(text), deadline_words);
        int owner = !ls_db_is_null(&rows, r, 3);
        const char **missing;
        ls_vague *v;
        if ((number || date) && owner)
            continue;
        v = push(out->mem, (void **)&out->vague, &out->nvague, &l->vcap, sizeof *v);
        missing = ls_mem_alloc(out->mem, 3 * sizeof *missing);
        if (!v || !missing)
            break; /* the arena has failed: ls_store_list_end says so */
        v->id = ls_db_int(&rows, r, 0);
        v->text = ls_mem_str(out->mem, text);
        if (!number && !date) {
            missing[v->nmissing++] = "无量化指标";
            missing[v->nmissing++] = "无时限";
        }
        if (!owner)
            missing[v->nmissing++] = "无责任单位";
        v->missing = missing;
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

ls_status ls_store_coverage(ls_store *store, long long report, ls_coverage *out, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(report)};
    coverage_lists lists = {out, 0, 0};
    coverage_ctx c;
    ls_db_rows text;
    void *none;
    ls_status st;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    memset(&text, 0, sizeof text);
    LS_CHECK(ls_store_list_new(0, 0, &none, &out->mem, err));
    out->report = report;
    LS_CHECK(ls_db_query(store->db, "SELECT text FROM reports WHERE id = ?", p, 1, &text, err));
    if (text.nrows == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no report %lld", report));
    c.items = load_spans(store,
                         "SELECT start_byte, end_byte FROM items WHERE report_id = ? AND "
                         "removed_at IS NULL",
                         report, &c.nitems, &st, err);
    LS_CHECK(st);
    c.targets = load_spans(store,
                           "SELECT start_byte, end_byte FROM mentions WHERE report_id = ? "
                           "AND kind = 'target'",
                           report, &c.ntargets, &st, err);
    LS_CHECK(st);
    c.framing = load_spans(store,
                           "SELECT start_byte, end_byte FROM tasks WHERE report_id = ? "
                           "AND role IN ('frame', 'period')",
                           report, &c.nframing, &st, err);
    LS_CHECK(st);
    LS_CHECK(ls_db_query(store->db,
                         "SELECT part, start_byte, title FROM headings WHERE report_id = ? "
                         "ORDER BY start_byte",
                         p, 1, &c.parts, err));
    {
        const char *t = ls_db_text(&text, 0, 0);
        find_uncovered(&c, t, strlen(t), &lists);
    }
    LS_CHECK(find_vague(store, report, &lists, err));
done:
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    ls_free(c.items);
    ls_free(c.targets);
    ls_free(c.framing);
    ls_db_rows_free(&c.parts);
    ls_db_rows_free(&text);
    return st;
}
