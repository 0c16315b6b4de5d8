/*
 * ledger_sheets.c — tables offices send back, read into the ledger:
 *
 *   a 分工方案 (luoshi assign --from): 序号, 任务, 分管领导, 牵头单位,
 *     配合单位, 完成时限 in the layout offices use; "X牵头，Y配合" in one
 *     cell is understood; deadlines as 2023-12-31, 2023年12月31日,
 *     2023年12月底, 年底前, 6月底前, an Excel date, or 长期 (none);
 *   a filled-in 报送表 (luoshi progress --from-xlsx): one progress report
 *     per line whose 进展情况 is filled in.
 *
 * The whole file is checked first; any error names the file, the row and
 * the column, and changes nothing. Then all its lines are applied in one
 * transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "sheet.h"
#include "status.h"
#include "store.h"

#define MAX_UNITS_IN_CELL 16

/* The headings a column may have, by what it holds (ORDER COLUMNS). */
typedef enum { C_ID, C_TASK, C_LEADER, C_LEAD, C_CO, C_DUE, C_DATE, C_VALUE, C_PERCENT,
               C_DONE, C_PROBLEMS, C_NEXT, C_EVIDENCE, C_UNIT, C_COUNT } column_kind;

static const char *const headings[C_COUNT][5] = {
    {"序号", "编号", NULL},
    {"任务", "工作任务", "重点任务", "任务内容", NULL},
    {"分管领导", "责任领导", "分管市领导", "牵头领导", NULL},
    {"牵头单位", "责任单位", "牵头部门", NULL},
    {"配合单位", "协办单位", "配合部门", NULL},
    {"完成时限", "时间节点", "完成时间", "时限", NULL},
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
                    if (strcmp(cell, headings[k][h]) == 0 && t->col[k] < 0) {
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

static ls_status row_error(const table *t, size_t r, column_kind k, ls_error *err,
                           const char *what)
{
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, r + 1, "%s: row %zu, column %s: %s",
                        t->name, r + 1, headings[k][0], what);
}

/* ---- dates as offices write them ---- */

/* 'out' = YYYY-MM-DD (the fields cut to their widths). */
static void format_date(char out[16], int y, int m, int d)
{
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* An Excel date serial (days since 1899-12-30) as YYYY-MM-DD. */
static int from_serial(double serial, char out[16])
{
    long days = (long)serial;
    int y = 1899, m = 12, d = 30;

    if (serial < 1 || serial > 2958465)
        return 0;
    while (days > 0) {
        int left = ls_date_days_in_month(y, m) - d;
        if (days <= left) {
            d += (int)days;
            days = 0;
        } else {
            days -= left + 1;
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    format_date(out, y, m, d);
    return 1;
}

/* Reads a deadline: 2023-12-31, 2023/12/31, 2023.12.31, 2023年12月31日,
 * 2023年12月底, 2023年底, 年底前, 6月底前 (the report's year), an Excel
 * serial; 长期 and 持续 mean none ('*none' set). 0 when unreadable. */
static int parse_due(const char *s, int year, char out[16], int *none)
{
    int y = 0, m = 0, d = 0, n = 0;
    double serial;
    char *end;
    ls_date date;

    *none = 0;
    if (strstr(s, "长期") || strstr(s, "持续") || strstr(s, "常态")) {
        *none = 1;
        return 1;
    }
    serial = strtod(s, &end);
    if (*end == '\0' && end != s && serial > 3000)
        return from_serial(serial, out);
    if ((sscanf(s, "%d-%d-%d%n", &y, &m, &d, &n) == 3 || sscanf(s, "%d/%d/%d%n", &y, &m, &d, &n) == 3 ||
         sscanf(s, "%d.%d.%d%n", &y, &m, &d, &n) == 3) && s[n] == '\0') {
        format_date(out, y, m, d);
        return ls_date_parse(out, &date);
    }
    /* Chinese forms: an optional year, a month, a day or 底/末 */
    if (sscanf(s, "%d年%n", &y, &n) == 1)
        s += n;
    else
        y = year;
    if (strncmp(s, "底", 3) == 0 || strncmp(s, "末", 3) == 0 || strncmp(s, "年底", 6) == 0 ||
        strncmp(s, "年内", 6) == 0 || strncmp(s, "全年", 6) == 0 || strncmp(s, "内", 3) == 0) {
        format_date(out, y, 12, 31);
        return 1;
    }
    if (sscanf(s, "%d月%n", &m, &n) != 1 || m < 1 || m > 12)
        return 0;
    s += n;
    if (sscanf(s, "%d日", &d) != 1)
        d = ls_date_days_in_month(y, m); /* 6月底, 6月 */
    format_date(out, y, m, d);
    return ls_date_parse(out, &date);
}

/* ---- units in a cell ---- */

/* Splits 'text' on 、，,；; and blanks into 'names' (copies in 'buf'). */
static size_t split_units(const char *text, char *buf, size_t size, const char **names,
                          size_t max)
{
    static const char *const seps[] = {"、", "，", ",", "；", ";", " ", "\n", "　", NULL};
    size_t n = 0, i = 0, k, start = 0;

    snprintf(buf, size, "%s", text);
    while (buf[i]) {
        size_t sep = 0;
        for (k = 0; seps[k]; k++)
            if (strncmp(buf + i, seps[k], strlen(seps[k])) == 0)
                sep = strlen(seps[k]);
        if (!sep) {
            i++;
            continue;
        }
        buf[i] = '\0';
        if (i > start && n < max)
            names[n++] = buf + start;
        i += sep;
        start = i;
    }
    if (buf[start] && n < max)
        names[n++] = buf + start;
    return n;
}

/* One line of a 分工方案, checked and ready to apply: the unit names point
 * into its own copies of the cells. */
typedef struct {
    char lead_cell[1024];
    char co_cell[1024];
    char split_a[1024];
    char split_b[1024];
    const char *co[2 * MAX_UNITS_IN_CELL];
    char due[16];
    ls_assignment a;
    long long item;
    size_t row;
} planned;

/* The lead and co units of a line: "X牵头，Y、Z配合" or "X、Y" in the
 * lead column (the first leads, the others help), and the co column. */
static void read_units(planned *p, const char *lead, const char *co)
{
    const char *names[MAX_UNITS_IN_CELL];
    char *led, *helped;
    size_t n, i;

    p->a.co_count = 0;
    if (lead) {
        snprintf(p->lead_cell, sizeof p->lead_cell, "%s", lead);
        led = strstr(p->lead_cell, "牵头");
        helped = led ? strstr(led, "配合") : NULL;
        if (led)
            *led = '\0';
        n = split_units(p->lead_cell, p->split_a, sizeof p->split_a, names, MAX_UNITS_IN_CELL);
        p->a.lead = n ? names[0] : NULL;
        for (i = 1; i < n; i++)
            p->co[p->a.co_count++] = names[i];
        if (helped) {
            *helped = '\0';
            n = split_units(led + strlen("牵头"), p->split_b, sizeof p->split_b, names,
                            MAX_UNITS_IN_CELL);
            for (i = 0; i < n; i++)
                p->co[p->a.co_count++] = names[i];
        }
    }
    if (co) {
        n = split_units(co, p->co_cell, sizeof p->co_cell, names, MAX_UNITS_IN_CELL);
        for (i = 0; i < n && p->a.co_count < 2 * MAX_UNITS_IN_CELL; i++)
            p->co[p->a.co_count++] = names[i];
    }
    p->a.co = p->co;
    p->a.set_co = lead != NULL || co != NULL;
}

static int has_unit(json_t *units, const char *name)
{
    json_t *u;
    size_t i;

    json_array_foreach(units, i, u) if (strcmp(json_string_value(json_object_get(u, "name")),
                                               name) == 0) return 1;
    return 0;
}

/* The first 'n' bytes of 's' that end on a character boundary. */
static size_t prefix_bytes(const char *s, size_t n)
{
    size_t len = strlen(s);

    if (len <= n)
        return len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* True when the task cell and the row's sentence are the same task: one
 * holds the first characters of the other (offices shorten and edit). */
static int same_task(const char *cell_text, const char *item_text)
{
    char a[64], b[64];

    snprintf(a, sizeof a, "%.*s", (int)prefix_bytes(cell_text, 24), cell_text);
    snprintf(b, sizeof b, "%.*s", (int)prefix_bytes(item_text, 24), item_text);
    return strstr(item_text, a) != NULL || strstr(cell_text, b) != NULL;
}

/* The ledger row a line names: its 序号, checked against its 任务, or, with
 * no 序号, the row whose sentence the 任务 begins with. */
static ls_status find_item(const table *t, size_t r, json_t *items, long long *item,
                           ls_error *err)
{
    const char *id = cell(t, r, C_ID), *task = cell(t, r, C_TASK);
    json_t *it;
    size_t i;
    char msg[300];

    *item = 0;
    if (id) {
        char *end;
        long long want = strtoll(id, &end, 10);
        json_array_foreach(items, i, it) if (json_integer_value(json_object_get(it, "id")) ==
                                             want && *end == '\0')
        {
            if (task && !same_task(task, json_string_value(json_object_get(it, "text")))) {
                snprintf(msg, sizeof msg, "does not match ledger row %lld", want);
                return row_error(t, r, C_TASK, err, msg);
            }
            *item = want;
            return LS_OK;
        }
        snprintf(msg, sizeof msg, "'%s' is not a row of this report's ledger", id);
        return row_error(t, r, C_ID, err, msg);
    }
    json_array_foreach(items, i, it) if (task && same_task(task, json_string_value(json_object_get(
                                                                     it, "text"))))
    {
        *item = json_integer_value(json_object_get(it, "id"));
        return LS_OK;
    }
    return row_error(t, r, C_TASK, err, "no row of this report's ledger has this task");
}

/* Checks one line into 'p'. */
static ls_status plan_line(const table *t, size_t r, json_t *items, json_t *units, int year,
                           planned *p, ls_error *err)
{
    const char *due = cell(t, r, C_DUE);
    char msg[300];
    size_t i;
    int none;
    ls_status st = find_item(t, r, items, &p->item, err);

    if (st != LS_OK)
        return st;
    p->row = r;
    read_units(p, cell(t, r, C_LEAD), cell(t, r, C_CO));
    if (p->a.lead && !has_unit(units, p->a.lead)) {
        snprintf(msg, sizeof msg, "unknown unit '%s' (add it with luoshi units add)", p->a.lead);
        return row_error(t, r, C_LEAD, err, msg);
    }
    for (i = 0; i < p->a.co_count; i++)
        if (!has_unit(units, p->a.co[i])) {
            snprintf(msg, sizeof msg, "unknown unit '%s' (add it with luoshi units add)",
                     p->a.co[i]);
            return row_error(t, r, t->col[C_CO] >= 0 ? C_CO : C_LEAD, err, msg);
        }
    p->a.leader = cell(t, r, C_LEADER);
    if (due && !parse_due(due, year, p->due, &none)) {
        snprintf(msg, sizeof msg, "'%s' is not a date", due);
        return row_error(t, r, C_DUE, err, msg);
    }
    p->a.due = due && !none ? p->due : NULL;
    return LS_OK;
}

/* The items of report 'report' and the units, for checking a file. */
static ls_status context(ls_store *store, long long report, json_t **items, json_t **units,
                         int *year, ls_error *err)
{
    ls_item_filter f;
    json_t *r = NULL;
    ls_status st = ls_store_report(store, report, 0, &r, err);

    *items = *units = NULL;
    if (st != LS_OK)
        return st;
    *year = (int)json_integer_value(json_object_get(r, "year"));
    json_decref(r);
    memset(&f, 0, sizeof f);
    f.report = report;
    st = ls_store_items(store, &f, items, err);
    if (st == LS_OK)
        st = ls_store_units(store, units, err);
    return st;
}

ls_status ls_store_assign_sheet(ls_store *store, long long report, const char *bytes,
                                size_t len, const char *name, size_t *assigned, ls_error *err)
{
    table t;
    ls_grid g;
    json_t *items = NULL, *units = NULL;
    planned *plan = NULL;
    long long *ids = NULL;
    ls_assignment *as = NULL;
    size_t r, n = 0, failed;
    int year = 0;
    ls_status st;

    *assigned = 0;
    memset(&t, 0, sizeof t);
    st = ls_grid_read(bytes, len, name, &g, err);
    if (st != LS_OK)
        return st;
    t.g = &g;
    t.name = name;
    if (!find_columns(&t)) {
        st = ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                          "%s: no header row with 序号 or 任务 and 牵头单位, 完成时限 …", name);
        goto done;
    }
    st = context(store, report, &items, &units, &year, err);
    plan = st == LS_OK ? ls_calloc(g.nrows + 1, sizeof *plan) : NULL;
    if (st == LS_OK && !plan)
        st = ls_error_nomem(err);
    for (r = t.header_row + 1; st == LS_OK && r < g.nrows; r++) {
        if (!cell(&t, r, C_ID) && !cell(&t, r, C_TASK))
            continue; /* an empty line, or a group heading */
        st = plan_line(&t, r, items, units, year, &plan[n], err);
        n += st == LS_OK;
    }
    ids = st == LS_OK ? ls_calloc(n + 1, sizeof *ids) : NULL;
    as = st == LS_OK ? ls_calloc(n + 1, sizeof *as) : NULL;
    if (st == LS_OK && (!ids || !as))
        st = ls_error_nomem(err);
    for (r = 0; st == LS_OK && r < n; r++) {
        ids[r] = plan[r].item;
        as[r] = plan[r].a;
    }
    if (st == LS_OK)
        st = ls_store_assign_batch(store, ids, as, n, &failed, err);
    if (st == LS_OK)
        *assigned = n;
done:
    ls_free(ids);
    ls_free(as);
    ls_free(plan);
    json_decref(items);
    json_decref(units);
    ls_grid_free(&g);
    return st;
}

/* ---- the 报送表 ---- */

/* A number of a cell, or 0 when it is none ('*ok' 0 when malformed). */
static int read_number(const char *s, double *v)
{
    char *end;

    *v = strtod(s, &end);
    while (*end == ' ' || *end == '%')
        end++;
    return end != s && *end == '\0';
}

typedef struct {
    ls_progress p;
    char date[16];
    long long item;
} report_line;

static ls_status report_of(const table *t, size_t r, json_t *items, report_line *l,
                           ls_error *err)
{
    const char *id = cell(t, r, C_ID), *date = cell(t, r, C_DATE), *v;
    char *end;
    json_t *it, *found = NULL;
    size_t i;
    int none;
    char msg[200];

    memset(l, 0, sizeof *l);
    l->item = id ? strtoll(id, &end, 10) : 0;
    json_array_foreach(items, i, it) if (json_integer_value(json_object_get(it, "id")) == l->item)
        found = it;
    if (!id || !found) {
        snprintf(msg, sizeof msg, "'%s' is not a row of the ledger", id ? id : "");
        return row_error(t, r, C_ID, err, msg);
    }
    if (!date || !parse_due(date, (int)json_integer_value(json_object_get(found, "year")),
                            l->date, &none) || none)
        return row_error(t, r, C_DATE, err, "needs the date of the report (YYYY-MM-DD)");
    l->p.date = l->date;
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
    if (!l->p.unit)
        l->p.unit = json_string_value(json_object_get(found, "lead"));
    if (!l->p.unit)
        return row_error(t, r, C_UNIT, err, "names no unit and the row has no lead unit");
    return LS_OK;
}

ls_status ls_store_progress_sheet(ls_store *store, const char *bytes, size_t len,
                                  const char *name, size_t *added, ls_error *err)
{
    table t;
    ls_grid g;
    ls_item_filter f;
    json_t *items = NULL;
    report_line *lines = NULL;
    long long *ids = NULL;
    ls_progress *ps = NULL;
    size_t r, n = 0, failed;
    ls_status st;

    *added = 0;
    memset(&t, 0, sizeof t);
    st = ls_grid_read(bytes, len, name, &g, err);
    if (st != LS_OK)
        return st;
    t.g = &g;
    t.name = name;
    if (!find_columns(&t) || t.col[C_ID] < 0 || t.col[C_DONE] < 0) {
        st = ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                          "%s: no header row with 序号 and 进展情况 (luoshi export --layout "
                          "baosong makes one)",
                          name);
        goto done;
    }
    memset(&f, 0, sizeof f);
    st = ls_store_items(store, &f, &items, err);
    lines = st == LS_OK ? ls_calloc(g.nrows + 1, sizeof *lines) : NULL;
    if (st == LS_OK && !lines)
        st = ls_error_nomem(err);
    for (r = t.header_row + 1; st == LS_OK && r < g.nrows; r++) {
        if (!cell(&t, r, C_DONE))
            continue; /* not reported on: nothing to merge */
        st = report_of(&t, r, items, &lines[n], err);
        n += st == LS_OK;
    }
    ids = st == LS_OK ? ls_calloc(n + 1, sizeof *ids) : NULL;
    ps = st == LS_OK ? ls_calloc(n + 1, sizeof *ps) : NULL;
    if (st == LS_OK && (!ids || !ps))
        st = ls_error_nomem(err);
    for (r = 0; st == LS_OK && r < n; r++) {
        ids[r] = lines[r].item;
        ps[r] = lines[r].p;
    }
    if (st == LS_OK)
        st = ls_store_progress_batch(store, ids, ps, n, added, &failed, err);
done:
    ls_free(ids);
    ls_free(ps);
    ls_free(lines);
    json_decref(items);
    ls_grid_free(&g);
    return st;
}
