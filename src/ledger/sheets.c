/*
 * sheets.c — a filled-in 报送表 read back into the ledger (luoshi progress
 * --from-xlsx): one progress report per line whose 进展情况 is filled in.
 * The whole file is checked first; any error names the file, the row and
 * the column, and changes nothing. Then all its lines are applied in one
 * transaction. (The office's 分工方案 is fengong.c's: it is read by
 * meaning, line by line, with a preview.)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "sheet.h"
#include "pace.h"
#include "store.h"
#include "fengong.h"

/* The headings a column may have, by what it holds (ORDER COLUMNS). */
typedef enum {
    C_ID,
    C_TASK,
    C_LEADER,
    C_LEAD,
    C_CO,
    C_DUE,
    C_DATE,
    C_VALUE,
    C_PERCENT,
    C_DONE,
    C_PROBLEMS,
    C_NEXT,
    C_EVIDENCE,
    C_UNIT,
    C_COUNT
} column_kind;

static const char *const headings[C_COUNT][7] = {
    {"序号", "编号", NULL},
    {"任务", "工作任务", "重点任务", "任务内容", "主要任务", "工作内容", NULL},
    {"分管领导", "责任领导", "分管市领导", "牵头领导", "联系领导", NULL},
    {"牵头单位", "责任单位", "牵头部门", "责任部门", "主责单位", NULL},
    {"配合单位", "协办单位", "配合部门", "协同单位", NULL},
    {"完成时限", "时间节点", "完成时间", "时限", "完成期限", "时间要求", NULL},
    {"报送日期", "填报日期", NULL},
    {"完成值", NULL},
    {"完成比例(%)", "完成比例", "完成进度", NULL},
    {"进展情况", "工作进展", "完成情况", NULL},
    {"存在问题", "问题", NULL},
    {"下一步措施", "下步打算", "下一步工作", NULL},
    {"佐证材料", "附件", NULL},
    {"报送单位", "填报单位", NULL},
};

typedef struct {
    const ls_grid *g;
    const char *name;
    size_t header_row;
    long col[C_COUNT]; /* -1: absent */
} table;

static int is_blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

/* True when header cell 'cell' reads 'name', blanks, '*' marks and
 * full-width brackets aside: "完成比例（%）", "牵头\n单位" and "*完成时限"
 * are the headers 完成比例(%), 牵头单位 and 完成时限. */
static int header_is(const char *cell, const char *name)
{
    const unsigned char *c = (const unsigned char *)cell;
    const char *n = name;

    while (*c) {
        char want = (char)*c;
        size_t step = 1;
        if (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || *c == '*' ||
            (c[0] == 0xE3 && c[1] == 0x80 && c[2] == 0x80)) {
            c += *c == 0xE3 ? 3 : 1; /* a blank, or U+3000 */
            continue;
        }
        if (c[0] == 0xEF && c[1] == 0xBC && (c[2] == 0x88 || c[2] == 0x89 || c[2] == 0x85)) {
            want = c[2] == 0x88 ? '(' : c[2] == 0x89 ? ')' : '%'; /* （ ） ％ */
            step = 3;
        }
        if (*n != want)
            return 0;
        n++;
        c += step;
    }
    return *n == '\0';
}

/* Finds the header row (among the first ten) and each column's place. */
static int find_columns(table *t)
{
    size_t r, c, k, h;

    for (r = 0; r < t->g->nrows && r < 10; r++) {
        int found = 0;
        for (k = 0; k < C_COUNT; k++)
            t->col[k] = -1;
        for (c = 0; c < t->g->ncols; c++) {
            const char *cell = ls_grid_cell(t->g, r, c);
            for (k = 0; cell && k < C_COUNT; k++)
                for (h = 0; headings[k][h]; h++)
                    if (t->col[k] < 0 && header_is(cell, headings[k][h])) {
                        t->col[k] = (long)c;
                        found++;
                    }
        }
        if (found >= 2 && (t->col[C_TASK] >= 0 || t->col[C_ID] >= 0)) {
            t->header_row = r;
            return 1;
        }
    }
    return 0;
}

static const char *cell(const table *t, size_t r, column_kind k)
{
    const char *s = t->col[k] < 0 ? NULL : ls_grid_cell(t->g, r, (size_t)t->col[k]);

    return is_blank(s) ? NULL : s;
}

static ls_status row_error(const table *t, size_t r, column_kind k, ls_error *err, const char *what)
{
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, r + 1, "%s: row %zu, column %s: %s", t->name,
                        r + 1, headings[k][0], what);
}

/* Puts the file and row 'r' before the message of 'err' (an error of the
 * store about the line, such as a unit that does not help with the row). */
static ls_status at_row(ls_status st, const table *t, size_t r, ls_error *err)
{
    char msg[sizeof err->message];

    if (!err)
        return st;
    snprintf(msg, sizeof msg, "%s", err->message);
    return ls_error_set(err, st, LS_NO_OFFSET, r + 1, "%s: row %zu: %s", t->name, r + 1, msg);
}

static int parse_due(const char *s, int year, char out[16], int *none)
{
    return ls_ledger_due(s, year, out, none);
}

/* ---- the 报送表 ---- */

/* Reads the number in cell 's' ("40", "40.5", "40%") into '*v'; 0 when
 * the cell holds anything else (or a number that is not finite). */
static int read_number(const char *s, double *v)
{
    char *end;

    *v = strtod(s, &end);
    while (*end == ' ' || *end == '%')
        end++;
    return end != s && *end == '\0' && isfinite(*v);
}

/* True when unit 'unit' leads or helps with ledger row 'item'. */
static int owns(const ls_item *item, const char *unit)
{
    size_t i;

    if (item->lead && strcmp(item->lead, unit) == 0)
        return 1;
    for (i = 0; i < item->nco; i++)
        if (strcmp(item->co[i], unit) == 0)
            return 1;
    return 0;
}

typedef struct {
    ls_progress p;
    char date[16];
    long long item;
    size_t row;
} report_line;

/* Line 'r' of the 报送表 into 'l': a unit 'by' (NULL: the office) sends
 * its own lines only. */
static ls_status report_of(const table *t, size_t r, const ls_item_list *items, const char *by,
                           report_line *l, ls_error *err)
{
    const char *id = cell(t, r, C_ID), *date = cell(t, r, C_DATE), *v;
    char *end = NULL;
    const ls_item *found = NULL;
    size_t i;
    int none;
    char msg[300];

    memset(l, 0, sizeof *l);
    l->item = id ? strtoll(id, &end, 10) : 0;
    for (i = 0; id && *end == '\0' && i < items->n; i++)
        if (items->at[i].id == l->item)
            found = &items->at[i];
    if (!id || !found) {
        snprintf(msg, sizeof msg, "'%s' is not a row of the ledger", id ? id : "");
        return row_error(t, r, C_ID, err, msg);
    }
    if (!date ||
        !parse_due(date, (int)found->year, l->date, &none) ||
        none)
        return row_error(t, r, C_DATE, err, "needs the date of the report (YYYY-MM-DD)");
    l->p.date = l->date;
    l->row = r;
    if ((v = cell(t, r, C_VALUE)) && !(l->p.has_value = read_number(v, &l->p.value)))
        return row_error(t, r, C_VALUE, err, "is not a number");
    if ((v = cell(t, r, C_PERCENT)) && !(l->p.has_percent = read_number(v, &l->p.percent)))
        return row_error(t, r, C_PERCENT, err, "is not a number");
    if (l->p.has_percent && (l->p.percent < 0 || l->p.percent > 100))
        return row_error(t, r, C_PERCENT, err, "is not within 0-100");
    l->p.done_text = cell(t, r, C_DONE);
    l->p.problems = cell(t, r, C_PROBLEMS);
    l->p.next_steps = cell(t, r, C_NEXT);
    l->p.evidence = cell(t, r, C_EVIDENCE);
    l->p.unit = cell(t, r, C_UNIT);
    if (by && l->p.unit && strcmp(l->p.unit, by) != 0) {
        snprintf(msg, sizeof msg, "'%s' is another unit: %s sends its own reports only",
                 l->p.unit, by);
        return row_error(t, r, C_UNIT, err, msg);
    }
    if (!l->p.unit)
        l->p.unit = by ? by : found->lead;
    if (!l->p.unit)
        return row_error(t, r, C_UNIT, err, "names no unit and the row has no lead unit");
    if (!owns(found, l->p.unit)) {
        snprintf(msg, sizeof msg, "'%s' is neither the lead nor a co unit of row %lld", l->p.unit,
                 l->item);
        return row_error(t, r, C_UNIT, err, msg);
    }
    return LS_OK;
}

/* Merges the 报送表 'bytes' (ls_store_progress_sheet) sent by unit 'by'
 * (NULL: the office); the rows of the lines go to '*rows' ('*nrows', a new
 * array to ls_free, may be NULL when 'rows' is). */
static ls_status progress_sheet(ls_store *store, const char *bytes, size_t len, const char *name,
                                const char *by, size_t *added, long long **rows, size_t *nrows,
                                ls_error *err)
{
    table t;
    ls_grid g;
    ls_item_filter f;
    ls_item_list items = {NULL, 0, NULL};
    report_line *lines = NULL;
    long long *ids = NULL;
    ls_progress *ps = NULL;
    size_t r, n = 0, failed = (size_t)-1;
    ls_status st;

    *added = 0;
    memset(&t, 0, sizeof t);
    memset(&g, 0, sizeof g);
    LS_CHECK(ls_grid_read(bytes, len, name, &g, err));
    t.g = &g;
    t.name = name;
    if (!find_columns(&t) || t.col[C_ID] < 0 || t.col[C_DONE] < 0)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: no header row with 序号 and 进展情况 (luoshi export --layout "
                              "baosong makes one)",
                              name));
    memset(&f, 0, sizeof f);
    LS_CHECK(ls_store_items(store, &f, &items, err));
    /* a line for each row reported on, not for every row of the sheet */
    for (r = t.header_row + 1; r < g.nrows; r++)
        n += cell(&t, r, C_DONE) != NULL;
    if (!(lines = ls_calloc(n + 1, sizeof *lines)))
        LS_CHECK(ls_error_nomem(err));
    n = 0;
    for (r = t.header_row + 1; r < g.nrows; r++) {
        if (!cell(&t, r, C_DONE))
            continue; /* not reported on: nothing to merge */
        LS_CHECK(report_of(&t, r, &items, by, &lines[n], err));
        n++;
    }
    ids = ls_calloc(n + 1, sizeof *ids);
    ps = ls_calloc(n + 1, sizeof *ps);
    if (!ids || !ps)
        LS_CHECK(ls_error_nomem(err));
    for (r = 0; r < n; r++) {
        ids[r] = lines[r].item;
        ps[r] = lines[r].p;
    }
    st = ls_store_progress_batch(store, ids, ps, n, added, &failed, err);
    if (st != LS_OK && st != LS_ENOMEM && failed < n)
        st = at_row(st, &t, lines[failed].row, err);
    LS_CHECK(st);
    if (rows) {
        *rows = ids;
        *nrows = n;
        ids = NULL;
    }
done:
    ls_free(ids);
    ls_free(ps);
    ls_free(lines);
    ls_mem_free(items.mem);
    ls_grid_free(&g);
    return st;
}

ls_status ls_store_progress_sheet(ls_store *store, const char *bytes, size_t len, const char *name,
                                  size_t *added, ls_error *err)
{
    return progress_sheet(store, bytes, len, name, NULL, added, NULL, NULL, err);
}

ls_status ls_ledger_progress_sheet_by(ls_store *store, const char *bytes, size_t len,
                                      const char *name, const char *unit, size_t *added,
                                      ls_error *err)
{
    ls_evidence_file file = {name, bytes, len};
    long long *rows = NULL;
    size_t n = 0, i, j;
    ls_status st;

    if (!unit || !*unit)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a 报送表 of a unit names the unit");
    LS_CHECK(progress_sheet(store, bytes, len, name, unit, added, &rows, &n, err));
    /* the sheet itself is kept as evidence of each row it reported on,
     * once per row, when it added anything (an XLSX; a CSV is no file
     * kept as evidence) */
    for (i = 0; *added && ls_evidence_type(bytes, len, name, NULL) && i < n; i++) {
        for (j = 0; j < i && rows[j] != rows[i]; j++)
            ;
        if (j == i)
            LS_CHECK(ls_ledger_evidence_add(store, rows[i], unit, &file, NULL, err));
    }
done:
    ls_free(rows);
    return st;
}
