/*
 * fengong.c — an office's own 分工方案 against the ledger of a report:
 * read (fengong_read.c), each line's owners and deadline read
 * (unit_names.c, due.c), its rows found by meaning (align.c), its unit
 * names found in the store, exactly or by the alias table; then applied,
 * only the confident lines or the ones the office picked, in one
 * transaction. The preview is data: the CLI prints it and the web app
 * shows it with checkboxes; nothing here draws or prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fengong.h"
#include "store.h"

#define MAX_HITS 64 /* rows one line may cover (a line of all the headline targets) */

const char *ls_fg_result_name(ls_fg_result result)
{
    switch (result) {
    case LS_FG_MATCHED: return "matched";
    case LS_FG_AMBIGUOUS: return "ambiguous";
    case LS_FG_UNMATCHED: return "unmatched";
    case LS_FG_HEADING: return "heading";
    }
    return "unmatched";
}

/* What reading a file needs: the report's year, its rows, the units. */
typedef struct {
    int year;
    ls_item_list items;
    ls_unit_list units;
    const char **texts; /* the text each row is aligned by */
} context;

static int is_clause_end(const char *p)
{
    return strncmp(p, "，", 3) == 0 || strncmp(p, "；", 3) == 0 || strncmp(p, "：", 3) == 0 ||
           strncmp(p, "。", 3) == 0;
}

/* The text a row is aligned by: a task row's sentence; a target row's own
 * clause of the headline (地区生产总值增长4.5%—5%), since all the targets
 * of a headline share its sentence. */
static const char *row_text(const ls_item *it, ls_mem *m)
{
    const char *t = it->text, *at, *b, *e;
    const ls_item_target *g = it->ntargets ? &it->targets[0] : NULL;
    char *s;

    if (it->kind != LS_ITEM_TARGET || !g || !t)
        return ls_mem_str(m, t ? t : ""); /* the rows are freed before the preview */
    at = g->metric && *g->metric ? strstr(t, g->metric) : NULL;
    if (!at)
        at = strstr(t, g->text);
    if (!at)
        return ls_mem_str(m, t);
    e = strstr(at, g->text);
    e = e ? e + strlen(g->text) : at;
    for (b = at; b > t && !(b - t >= 3 && is_clause_end(b - 3)); b--)
        ;
    while (*e && !is_clause_end(e))
        e++;
    s = ls_mem_alloc(m, (size_t)(e - b) + 1);
    if (!s)
        return "";
    memcpy(s, b, (size_t)(e - b));
    s[e - b] = '\0';
    return s;
}

static ls_status load(ls_store *store, long long report, context *c, ls_mem *m, ls_error *err)
{
    ls_item_filter f;
    ls_report_list r = {NULL, 0, NULL};
    size_t i;
    ls_status st;

    LS_CHECK(ls_store_report(store, report, 0, &r, err));
    c->year = (int)r.at[0].year;
    memset(&f, 0, sizeof f);
    f.report = report;
    LS_CHECK(ls_store_items(store, &f, &c->items, err));
    LS_CHECK(ls_store_units(store, &c->units, err));
    c->texts = ls_mem_alloc(m, (c->items.n + 1) * sizeof *c->texts);
    if (!c->texts)
        LS_CHECK(ls_error_nomem(err));
    for (i = 0; i < c->items.n; i++)
        c->texts[i] = row_text(&c->items.at[i], m);
done:
    ls_mem_free(r.mem); /* a report not found leaves a list of none */
    return st;
}

/* ---- unit names to the store's units ---- */

/* The store's unit that 'name' is: the same name, else the one unit of
 * the same department (alias table); NULL when none. */
static const char *store_unit(const ls_unit_list *units, const char *name, int *alias)
{
    const char *dept = ls_unit_department(name);
    size_t i;

    *alias = 0;
    for (i = 0; i < units->n; i++)
        if (strcmp(units->at[i].name, name) == 0)
            return units->at[i].name;
    for (i = 0; dept && i < units->n; i++) {
        const char *d = ls_unit_department(units->at[i].name);
        if (d && strcmp(d, dept) == 0) {
            *alias = 1;
            return units->at[i].name;
        }
    }
    return NULL;
}

/* The units a file names so far ('fg->units'), growing in 'm'. */
typedef struct {
    ls_fg_unit *at;
    size_t n, cap;
} unit_table;

/* The name a line keeps for 'name': the store's unit, or for one the
 * store lacks the first spelling of its department in the file (so that
 * 发改委 and 省发展改革委 in one file make one new unit). */
static const char *resolve(unit_table *t, const ls_unit_list *units, const char *name,
                           ls_mem *m)
{
    const char *dept = ls_unit_department(name);
    size_t i, at;
    int alias;

    for (at = 0; at < t->n && strcmp(t->at[at].name, name) != 0; at++)
        ;
    if (at == t->n) {
        const char *unit = store_unit(units, name, &alias);
        if (t->n == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 32;
            ls_fg_unit *grown = ls_mem_alloc(m, cap * sizeof *grown);
            if (!grown)
                return name;
            if (t->n)
                memcpy(grown, t->at, t->n * sizeof *grown);
            t->at = grown;
            t->cap = cap;
        }
        /* copied: the store's list is freed when the file is read */
        t->at[t->n++] = (ls_fg_unit){ls_mem_str(m, name), unit ? ls_mem_str(m, unit) : NULL, alias};
    }
    if (t->at[at].unit)
        return t->at[at].unit;
    /* a department the store lacks goes by its first spelling in the file */
    for (i = 0; dept && i < at; i++) {
        const char *d = t->at[i].unit ? NULL : ls_unit_department(t->at[i].name);
        if (d && strcmp(d, dept) == 0)
            return t->at[i].name;
    }
    return t->at[at].name;
}

/* True when 'name' is no unit of the store. */
static int unknown(const ls_unit_list *units, const char *name)
{
    size_t i;

    for (i = 0; i < units->n; i++)
        if (strcmp(units->at[i].name, name) == 0)
            return 0;
    return 1;
}

/* Resolves a list of names in place (dropping repeats); true when one is
 * unknown to the store. */
static int resolve_list(const char **names, size_t *n, unit_table *t, const ls_unit_list *units,
                        ls_mem *m)
{
    size_t i, j, k = 0;
    int missing = 0;

    for (i = 0; i < *n; i++) {
        const char *r = resolve(t, units, names[i], m);
        for (j = 0; j < k && strcmp(names[j], r) != 0; j++)
            ;
        if (j == k)
            names[k++] = r;
        missing |= unknown(units, r);
    }
    *n = k;
    return missing;
}

/* ---- one line ---- */

/* Reads the owners and deadline of 'raw' into 'l'. */
static void read_owners(const fg_raw *raw, const context *c, ls_fg_line *l, unit_table *t,
                        ls_mem *m)
{
    ls_owner_names o;
    char due[16];
    size_t i, j, k;
    int none = 0;

    memset(&o, 0, sizeof o);
    if (raw->cell[FG_LEAD])
        ls_owner_names_add(&o, raw->cell[FG_LEAD], 1, m);
    if (raw->cell[FG_CO])
        ls_owner_names_add(&o, raw->cell[FG_CO], 0, m);
    l->leader = raw->cell[FG_LEADER] ? raw->cell[FG_LEADER] : o.leader;
    l->due_text = raw->cell[FG_DUE] ? raw->cell[FG_DUE] : o.due;
    l->others = o.others;
    if (resolve_list(o.leads, &o.nleads, t, &c->units, m) |
        resolve_list(o.co, &o.nco, t, &c->units, m))
        l->problem = LS_FG_UNKNOWN_UNIT;
    /* a lead named as a co unit too stays a lead */
    for (i = k = 0; i < o.nco; i++) {
        for (j = 0; j < o.nleads && strcmp(o.leads[j], o.co[i]) != 0; j++)
            ;
        if (j == o.nleads)
            o.co[k++] = o.co[i];
    }
    l->leads = o.leads;
    l->nleads = o.nleads;
    l->co = o.co;
    l->nco = k;
    if (l->due_text && ls_ledger_due(l->due_text, c->year, due, &none)) {
        l->clears_due = none;
        l->due = none ? NULL : ls_mem_str(m, due);
    } else if (l->due_text)
        l->problem = LS_FG_BAD_DATE;
}

/* The row a line of the project's own export names: its 序号 is the row's
 * id and its task the row's sentence, word for word (the targets of one
 * headline share a sentence: only the id tells them apart), or empty (a
 * line that gives the row by its number only). (size_t)-1 for any other
 * line: an office's 序号 is its own numbering. */
static size_t own_row(const context *c, const ls_fg_line *l)
{
    char *end;
    long long id;
    size_t i;

    if (!l->no)
        return (size_t)-1;
    id = strtoll(l->no, &end, 10);
    for (i = 0; *end == '\0' && end != l->no && i < c->items.n; i++)
        if (c->items.at[i].id == id && c->items.at[i].text &&
            (!l->task || strcmp(c->items.at[i].text, l->task) == 0))
            return i;
    return (size_t)-1;
}

/* Reads and aligns one line. */
static ls_status read_line(const fg_raw *raw, const context *c, const fg_index *ix,
                           ls_fg_line *l, unit_table *t, ls_mem *m)
{
    fg_hit hits[MAX_HITS];
    ls_fg_row *rows;
    size_t n = 0, i;
    int result;

    memset(l, 0, sizeof *l);
    l->line = raw->line;
    l->no = raw->cell[FG_NO];
    l->task = raw->cell[FG_TASK];
    read_owners(raw, c, l, t, m);
    i = own_row(c, l);
    if ((!l->task && i == (size_t)-1) ||
        (l->nleads + l->nco == 0 && !l->others && !l->leader && !l->due_text)) {
        l->result = LS_FG_HEADING; /* 一、扩大内需: nothing to assign */
        l->problem = LS_FG_OK;
        return LS_OK;
    }
    if (i != (size_t)-1) {
        hits[0] = (fg_hit){i, 1.0};
        n = 1;
        l->by_id = 1;
        l->score = 1.0;
        result = LS_FG_MATCHED;
    } else
        result = ls_fg_align(ix, l->task, hits, MAX_HITS, &n, &l->score);
    if (result < 0)
        return LS_ENOMEM;
    l->result = (ls_fg_result)result;
    rows = n ? ls_mem_alloc(m, n * sizeof *rows) : NULL;
    for (i = 0; rows && i < n; i++)
        rows[i] = (ls_fg_row){c->items.at[hits[i].row].id, hits[i].score, c->texts[hits[i].row]};
    l->rows = rows;
    l->nrows = rows ? n : 0;
    return LS_OK;
}

static void count(ls_fengong *fg)
{
    size_t i, k;

    for (i = 0; i < fg->nlines; i++) {
        ls_fg_result r = fg->lines[i].result;
        fg->matched += r == LS_FG_MATCHED;
        fg->ambiguous += r == LS_FG_AMBIGUOUS;
        fg->unmatched += r == LS_FG_UNMATCHED;
        fg->headings += r == LS_FG_HEADING;
    }
    /* the spellings the store lacks, each department once */
    for (i = 0; i < fg->nunits; i++) {
        const char *d = ls_unit_department(fg->units[i].name);
        int seen = 0;
        if (fg->units[i].unit)
            continue;
        for (k = 0; d && k < i && !seen; k++) {
            const char *e = fg->units[k].unit ? NULL : ls_unit_department(fg->units[k].name);
            seen = e && strcmp(d, e) == 0;
        }
        fg->unknown_units += !seen;
    }
}

ls_status ls_ledger_fengong_read(ls_store *store, long long report, const char *bytes,
                                 size_t len, const char *name, ls_fengong *out, ls_error *err)
{
    context c;
    fg_raws raws;
    fg_index *ix = NULL;
    unit_table t = {NULL, 0, 0};
    long long *ids = NULL;
    size_t i;
    ls_status st;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    out->mem = ls_mem_new();
    if (!out->mem)
        return ls_error_nomem(err);
    out->report = report;
    out->name = ls_mem_str(out->mem, name);
    LS_CHECK(load(store, report, &c, out->mem, err));
    LS_CHECK(ls_fg_read(bytes, len, name, &raws, out->mem, err));
    LS_CHECK(ls_fg_index_new(c.texts, c.items.n, &ix, err));
    out->lines = ls_mem_alloc(out->mem, (raws.n + 1) * sizeof *out->lines);
    ids = ls_mem_alloc(out->mem, (c.items.n + 1) * sizeof *ids);
    if (!out->lines || !ids)
        LS_CHECK(ls_error_nomem(err));
    for (i = 0; i < raws.n; i++)
        if (read_line(&raws.at[i], &c, ix, &out->lines[i], &t, out->mem) != LS_OK)
            LS_CHECK(ls_error_nomem(err));
    for (i = 0; i < c.items.n; i++)
        ids[i] = c.items.at[i].id;
    if (ls_mem_failed(out->mem))
        LS_CHECK(ls_error_nomem(err));
    out->nlines = raws.n;
    out->units = t.at;
    out->nunits = t.n;
    out->items = ids;
    out->nitems = c.items.n;
    count(out);
done:
    ls_fg_index_free(ix);
    ls_mem_free(c.items.mem);
    ls_mem_free(c.units.mem);
    if (st != LS_OK) {
        ls_mem_free(out->mem);
        memset(out, 0, sizeof *out);
    }
    return st;
}

/* ---- applying ---- */

/* The assignment of one row, merged from the lines that land on it. */
typedef struct {
    long long item;
    const char **names; /* leads then co, in 'm' */
    size_t nleads, nco, cap;
    ls_assignment a;
    char *others;
    const ls_fg_line *first;
} merged;

static void add_name(merged *r, const char *name, int lead, ls_mem *m)
{
    size_t i, n = r->nleads + r->nco;

    for (i = 0; i < n; i++)
        if (strcmp(r->names[i], name) == 0)
            return;
    if (n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        const char **grown = ls_mem_alloc(m, cap * sizeof *grown);
        if (!grown)
            return;
        if (n)
            memcpy(grown, r->names, n * sizeof *grown);
        r->names = grown;
        r->cap = cap;
    }
    if (lead) {
        memmove(r->names + r->nleads + 1, r->names + r->nleads, r->nco * sizeof *r->names);
        r->names[r->nleads++] = name;
    } else
        r->names[n] = name, r->nco++;
}

/* Adds line 'l' to the row's merged assignment 'r'. */
static void merge_line(merged *r, const ls_fg_line *l, ls_mem *m)
{
    size_t i;

    if (!r->first)
        r->first = l;
    for (i = 0; i < l->nleads; i++)
        add_name(r, l->leads[i], 1, m);
    for (i = 0; i < l->nco; i++)
        add_name(r, l->co[i], 0, m);
    if (l->others) {
        size_t a = r->others ? strlen(r->others) : 0, b = strlen(l->others);
        char *s = ls_mem_alloc(m, a + b + 4);
        if (s) {
            snprintf(s, a + b + 4, "%s%s%s", a ? r->others : "", a ? "、" : "", l->others);
            r->others = s;
        }
    }
    if (!r->a.leader)
        r->a.leader = l->leader;
    if (!r->a.due && (l->due || l->clears_due))
        r->a.due = l->clears_due ? "" : l->due;
    if (!r->a.office_no && !l->by_id)
        r->a.office_no = l->no;
}

/* The row of 'item' in 'rows' (of '*n'), added when new. */
static merged *row_of(merged *rows, size_t *n, long long item)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (rows[i].item == item)
            return &rows[i];
    memset(&rows[*n], 0, sizeof rows[*n]);
    rows[*n].item = item;
    return &rows[(*n)++];
}

static void finish(merged *r)
{
    r->a.lead = r->nleads ? r->names[0] : NULL;
    r->a.joint = r->nleads > 1 ? r->names + 1 : NULL;
    r->a.joint_count = r->nleads > 1 ? r->nleads - 1 : 0;
    r->a.co = r->names + r->nleads;
    r->a.co_count = r->nco;
    r->a.set_co = r->a.set_joint = r->nleads + r->nco > 0;
    r->a.others = r->others;
}

static int is_row(const ls_fengong *fg, long long item)
{
    size_t i;

    for (i = 0; i < fg->nitems; i++)
        if (fg->items[i] == item)
            return 1;
    return 0;
}

/* The units the applied lines name that the store lacks, once each. */
static size_t new_units(const ls_fengong *fg, const merged *rows, size_t n, const char **out)
{
    size_t i, j, k, count = 0;

    for (i = 0; i < n; i++)
        for (j = 0; j < rows[i].nleads + rows[i].nco; j++) {
            const char *name = rows[i].names[j];
            int known = 0;
            for (k = 0; k < fg->nunits && !known; k++)
                known = fg->units[k].unit && strcmp(fg->units[k].unit, name) == 0;
            for (k = 0; k < count && !known; k++)
                known = strcmp(out[k], name) == 0;
            if (!known)
                out[count++] = name;
        }
    return count;
}

/* Checks pick 'p' of 'fg'; LS_EINVAL naming what is wrong. */
static ls_status check_pick(const ls_fengong *fg, const ls_fg_pick *p, int create_units,
                            ls_error *err)
{
    const ls_fg_line *l = p->at < fg->nlines ? &fg->lines[p->at] : NULL;

    if (!l || l->result == LS_FG_HEADING)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: no line %zu of the file assigns anything", fg->name, p->at + 1);
    if (!is_row(fg, p->item))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, l->line,
                            "%s: line %zu: %lld is not a row of report %lld", fg->name, l->line,
                            p->item, fg->report);
    if (l->problem == LS_FG_BAD_DATE)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, l->line,
                            "%s: line %zu: '%s' is not a date", fg->name, l->line, l->due_text);
    if (l->problem == LS_FG_UNKNOWN_UNIT && !create_units)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, l->line,
                            "%s: line %zu names units the store does not have (add them, or "
                            "create them with the file)",
                            fg->name, l->line);
    return LS_OK;
}

/* The (line, row) pairs to apply: the picks, or every confident line. */
static size_t chosen(const ls_fengong *fg, const ls_fg_pick *picks, size_t npicks,
                     int create_units, ls_fg_pick *out)
{
    size_t i, k, n = 0;

    if (picks) {
        memcpy(out, picks, npicks * sizeof *picks);
        return npicks;
    }
    for (i = 0; i < fg->nlines; i++) {
        const ls_fg_line *l = &fg->lines[i];
        if (l->result != LS_FG_MATCHED || l->problem == LS_FG_BAD_DATE ||
            (l->problem == LS_FG_UNKNOWN_UNIT && !create_units))
            continue;
        for (k = 0; k < l->nrows; k++)
            out[n++] = (ls_fg_pick){i, l->rows[k].item};
    }
    return n;
}

ls_status ls_ledger_fengong_apply(ls_store *store, const ls_fengong *fg, const ls_fg_pick *picks,
                                  size_t npicks, int create_units, size_t *rows_done,
                                  size_t *lines_done, ls_error *err)
{
    ls_mem *m = ls_mem_new();
    size_t i, cap = npicks, nrows = 0, npick, nnew, nlines = 0, failed = (size_t)-1;
    ls_fg_pick *pick = NULL;
    merged *rows = NULL;
    long long *ids = NULL;
    ls_assignment *as = NULL;
    const char **fresh = NULL;
    char *used = NULL;
    ls_status st = LS_OK;

    *rows_done = *lines_done = 0;
    for (i = 0; !picks && i < fg->nlines; i++)
        cap += fg->lines[i].nrows;
    pick = ls_malloc((cap + 1) * sizeof *pick);
    rows = ls_malloc((cap + 1) * sizeof *rows);
    ids = ls_malloc((cap + 1) * sizeof *ids);
    as = ls_malloc((cap + 1) * sizeof *as);
    used = ls_calloc(fg->nlines + 1, 1);
    if (!m || !pick || !rows || !ids || !as || !used) {
        st = ls_error_nomem(err);
        goto done;
    }
    npick = chosen(fg, picks, npicks, create_units, pick);
    for (i = 0; picks && i < npick; i++)
        LS_CHECK(check_pick(fg, &pick[i], create_units, err));
    for (i = 0; i < npick; i++) {
        merge_line(row_of(rows, &nrows, pick[i].item), &fg->lines[pick[i].at], m);
        nlines += !used[pick[i].at];
        used[pick[i].at] = 1;
    }
    for (i = 0; i < nrows; i++) {
        finish(&rows[i]);
        ids[i] = rows[i].item;
        as[i] = rows[i].a;
    }
    fresh = ls_mem_alloc(m, (2 * fg->nunits + 1) * sizeof *fresh);
    if (!fresh || ls_mem_failed(m))
        LS_CHECK(ls_error_nomem(err));
    nnew = new_units(fg, rows, nrows, fresh);
    if (nnew && !create_units)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: %zu unit%s the store does not have (listed in the preview)",
                              fg->name, nnew, nnew == 1 ? "" : "s"));
    if (nrows)
        LS_CHECK(ls_store_assign_plan(store, fresh, nnew, ids, as, nrows, &failed, err));
    *rows_done = nrows;
    *lines_done = nlines;
done:
    ls_free(pick);
    ls_free(rows);
    ls_free(ids);
    ls_free(as);
    ls_free(used);
    ls_mem_free(m);
    return st;
}
