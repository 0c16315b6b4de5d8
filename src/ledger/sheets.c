/*
 * sheets.c — tables offices send back, read into the ledger:
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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "sheet.h"
#include "pace.h"
#include "store.h"

#define MAX_UNITS_IN_CELL 16

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

/* ---- dates as offices write them ---- */

/* 'out' = YYYY-MM-DD and true when it is a day of the years 1900-9999
 * (2023-02-30 is not). */
static int format_date(char out[16], int y, int m, int d)
{
    ls_date date;

    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y, (unsigned)m, (unsigned)d);
    return ls_date_parse(out, &date);
}

/* Periods that end a deadline, after an optional year and 第 or 前:
 * 2023年底, 年底前, 上半年, 第三季度, 前三季度, 三季度末 (the report's year
 * when none is written). */
static const struct {
    const char *word;
    int month, day;
} periods[] = {
    {"年底", 12, 31},  {"年末", 12, 31},  {"年内", 12, 31},   {"全年", 12, 31},   {"底", 12, 31},
    {"末", 12, 31},    {"内", 12, 31},    {"上半年", 6, 30},  {"下半年", 12, 31}, {"一季度", 3, 31},
    {"二季度", 6, 30}, {"三季度", 9, 30}, {"四季度", 12, 31}, {"1季度", 3, 31},   {"2季度", 6, 30},
    {"3季度", 9, 30},  {"4季度", 12, 31},
};

/* Reads a deadline: 2023-12-31 (a time after it is ignored), 2023/12/31,
 * 2023.12.31, 2023年12月31日, 2023年12月底, 6月底前, the periods above, an
 * Excel date serial (45291); 长期, 持续 and 常态 mean none ('*none' set).
 * A year left out is 'year', the report's. 0 when unreadable. */
static int parse_due(const char *s, int year, char out[16], int *none)
{
    int y = 0, m = 0, d = 0, n = 0;
    double serial;
    char *end;
    size_t k;

    *none = 0;
    if (strstr(s, "长期") || strstr(s, "持续") || strstr(s, "常态")) {
        *none = 1;
        return 1;
    }
    serial = strtod(s, &end);
    if (*end == '\0' && end != s && serial > 3000)
        return ls_grid_serial_date(serial, out);
    if ((sscanf(s, "%d-%d-%d%n", &y, &m, &d, &n) == 3 ||
         sscanf(s, "%d/%d/%d%n", &y, &m, &d, &n) == 3 ||
         sscanf(s, "%d.%d.%d%n", &y, &m, &d, &n) == 3) &&
        (s[n] == '\0' || s[n] == ' ' || s[n] == 'T')) {
        return format_date(out, y, m, d);
    }
    /* Chinese forms: an optional year, then a period, or a month and a day */
    if (sscanf(s, "%d年%n", &y, &n) == 1)
        s += n;
    else
        y = year;
    if (strncmp(s, "第", 3) == 0 || strncmp(s, "前", 3) == 0)
        s += 3;
    for (k = 0; k < sizeof periods / sizeof periods[0]; k++)
        if (strncmp(s, periods[k].word, strlen(periods[k].word)) == 0) {
            return format_date(out, y, periods[k].month, periods[k].day);
        }
    if (sscanf(s, "%d月%n", &m, &n) != 1 || m < 1 || m > 12)
        return 0;
    s += n;
    if (sscanf(s, "%d日", &d) != 1)
        d = ls_date_days_in_month(y, m); /* 6月底, 6月 */
    return format_date(out, y, m, d);
}

/* ---- units in a cell ---- */

/* Cuts a trailing 配合 or 等 off unit name 's' (in place). */
static void cut_suffix(char *s)
{
    static const char *const suffixes[] = {"配合", "等", NULL};
    size_t n = strlen(s), k, w;

    for (k = 0; suffixes[k]; k++) {
        w = strlen(suffixes[k]);
        if (n > w && strcmp(s + n - w, suffixes[k]) == 0)
            s[n - w] = '\0';
    }
}

/* Splits 'text' on 、，,；; and blanks into 'names' (copies in 'buf'); a
 * trailing 配合 or 等 is not part of a name ("住建局等" is 住建局). */
static size_t split_units(const char *text, char *buf, size_t size, const char **names, size_t max)
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
    for (k = 0; k < n; k++)
        cut_suffix((char *)names[k]);
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

static int has_unit(const ls_unit_list *units, const char *name)
{
    size_t i;

    for (i = 0; i < units->n; i++)
        if (strcmp(units->at[i].name, name) == 0)
            return 1;
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

/* The ledger row a line names: its 序号, checked against its 任务, or,
 * with no 序号, the one row whose sentence the 任务 matches (the same
 * sentence, or one holding the first characters of the other). */
static ls_status find_item(const table *t, size_t r, const ls_item_list *items, long long *item,
                           ls_error *err)
{
    const char *id = cell(t, r, C_ID), *task = cell(t, r, C_TASK), *text;
    long long found[2] = {0, 0};
    size_t i, matches = 0;
    char msg[300], *end;

    *item = 0;
    if (id) {
        long long want = strtoll(id, &end, 10);
        for (i = 0; i < items->n; i++) {
            if (*end != '\0' || items->at[i].id != want)
                continue;
            if (task && !same_task(task, items->at[i].text)) {
                snprintf(msg, sizeof msg, "does not match ledger row %lld", want);
                return row_error(t, r, C_TASK, err, msg);
            }
            *item = want;
            return LS_OK;
        }
        snprintf(msg, sizeof msg,
                 "'%s' is not a row of this report's ledger (if 序号 is your own "
                 "numbering, remove the column: lines are then found by 任务)",
                 id);
        return row_error(t, r, C_ID, err, msg);
    }
    if (!task)
        return row_error(t, r, C_TASK, err, "names no ledger row: 序号 and 任务 are empty");
    for (i = 0; i < items->n; i++) {
        text = items->at[i].text;
        if (text && strcmp(text, task) == 0) {
            *item = items->at[i].id;
            return LS_OK;
        }
        if (text && same_task(task, text) && matches++ < 2)
            found[matches - 1] = items->at[i].id;
    }
    if (matches == 1) {
        *item = found[0];
        return LS_OK;
    }
    if (matches == 0)
        return row_error(t, r, C_TASK, err, "no row of this report's ledger has this task");
    snprintf(msg, sizeof msg, "matches ledger rows %lld and %lld: give its 序号", found[0],
             found[1]);
    return row_error(t, r, C_TASK, err, msg);
}

/* Units a file names that the store does not know, gathered over the
 * whole file so that one error lists them all, at the first place seen. */
typedef struct {
    const char **names; /* in 'mem' */
    size_t n, cap;
    ls_mem *mem;
    size_t row;
    column_kind col;
} unknown_units;

static void note_unknown(unknown_units *u, const char *name, size_t row, column_kind col)
{
    size_t i;

    for (i = 0; i < u->n; i++)
        if (strcmp(u->names[i], name) == 0)
            return;
    if (u->n == 0) {
        u->row = row;
        u->col = col;
    }
    if (u->n == u->cap) {
        size_t cap = u->cap ? 2 * u->cap : 16;
        const char **grown = ls_mem_alloc(u->mem, cap * sizeof *grown);
        if (!grown)
            return;
        if (u->n)
            memcpy(grown, u->names, u->n * sizeof *grown);
        u->names = grown;
        u->cap = cap;
    }
    u->names[u->n++] = ls_mem_str(u->mem, name);
}

/* The error for the unknown units: 'fengong.csv: row 5, column 牵头单位:
 * unknown units '不存在的局', '规划局' (add them with luoshi units add)'. */
static ls_status unknown_error(const table *t, const unknown_units *u, ls_error *err)
{
    char list[600];
    size_t i, n = u->n, at = 0;

    list[0] = '\0';
    for (i = 0; i < n && at < sizeof list; i++)
        at += (size_t)snprintf(list + at, sizeof list - at, "%s'%s'", i ? ", " : "",
                               u->names[i]);
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, u->row + 1,
                        "%s: row %zu, column %s: unknown unit%s %s (add %s with luoshi units add)",
                        t->name, u->row + 1, headings[u->col][0], n > 1 ? "s" : "", list,
                        n > 1 ? "them" : "it");
}

/* Checks one line into 'p'; units the store does not know go to 'unk'. */
static ls_status plan_line(const table *t, size_t r, const ls_item_list *items,
                           const ls_unit_list *units,
                           int year,
                           planned *p, unknown_units *unk, ls_error *err)
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
    if (p->a.lead && !has_unit(units, p->a.lead))
        note_unknown(unk, p->a.lead, r, C_LEAD);
    for (i = 0; i < p->a.co_count; i++)
        if (!has_unit(units, p->a.co[i]))
            note_unknown(unk, p->a.co[i], r, t->col[C_CO] >= 0 ? C_CO : C_LEAD);
    p->a.leader = cell(t, r, C_LEADER);
    if (due && !parse_due(due, year, p->due, &none)) {
        snprintf(msg, sizeof msg, "'%s' is not a date", due);
        return row_error(t, r, C_DUE, err, msg);
    }
    p->a.due = due && !none ? p->due : NULL;
    return LS_OK;
}

/* True for a line with nothing to assign and no row number: a blank line,
 * or a group heading such as "一、坚持工业强市" across the table. */
static int is_heading_line(const table *t, size_t r)
{
    const char *id = cell(t, r, C_ID);
    char *end = NULL;

    if (cell(t, r, C_LEAD) || cell(t, r, C_CO) || cell(t, r, C_LEADER) || cell(t, r, C_DUE))
        return 0;
    if (id)
        (void)strtoll(id, &end, 10);
    return !id || *end != '\0';
}

/* The earlier line of 'plan' (its first 'n') that assigns 'item', or NULL. */
static const planned *assigned_before(const planned *plan, size_t n, long long item)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (plan[i].item == item)
            return &plan[i];
    return NULL;
}

/* The items of report 'report' and the units, for checking a file. */
static ls_status context(ls_store *store, long long report, ls_item_list *items,
                         ls_unit_list *units,
                         int *year, ls_error *err)
{
    ls_item_filter f;
    ls_report_list r;
    ls_status st = ls_store_report(store, report, 0, &r, err);

    memset(items, 0, sizeof *items);
    memset(units, 0, sizeof *units);
    if (st != LS_OK)
        return st;
    *year = (int)r.at[0].year;
    ls_mem_free(r.mem);
    memset(&f, 0, sizeof f);
    f.report = report;
    st = ls_store_items(store, &f, items, err);
    if (st == LS_OK)
        st = ls_store_units(store, units, err);
    return st;
}

ls_status ls_store_assign_sheet(ls_store *store, long long report, const char *bytes, size_t len,
                                const char *name, size_t *assigned, ls_error *err)
{
    table t;
    ls_grid g;
    ls_item_list items = {NULL, 0, NULL};
    ls_unit_list units = {NULL, 0, NULL};
    planned *plan = NULL;
    long long *ids = NULL;
    ls_assignment *as = NULL;
    unknown_units unk = {NULL, 0, 0, NULL, 0, C_LEAD};
    size_t r, n = 0, failed = (size_t)-1;
    char msg[200];
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
    /* each line assigns a different row: at most one line per row */
    plan = st == LS_OK ? ls_calloc(items.n + 1, sizeof *plan) : NULL;
    unk.mem = ls_mem_new();
    if (st == LS_OK && (!plan || !unk.mem))
        st = ls_error_nomem(err);
    for (r = t.header_row + 1; st == LS_OK && r < g.nrows; r++) {
        const planned *twice;
        if (is_heading_line(&t, r))
            continue;
        st = plan_line(&t, r, &items, &units, year, &plan[n], &unk, err);
        if (st == LS_OK && (twice = assigned_before(plan, n, plan[n].item)) != NULL) {
            snprintf(msg, sizeof msg, "ledger row %lld is on row %zu already", plan[n].item,
                     twice->row + 1);
            st = row_error(&t, r, t.col[C_ID] >= 0 ? C_ID : C_TASK, err, msg);
        }
        n += st == LS_OK;
    }
    /* the unknown units come first: every one seen is on this line or before */
    if (st == LS_OK && unk.mem && ls_mem_failed(unk.mem))
        st = ls_error_nomem(err);
    if (st != LS_ENOMEM && unk.n > 0)
        st = unknown_error(&t, &unk, err);
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
    if (st != LS_OK && st != LS_ENOMEM && failed < n)
        st = at_row(st, &t, plan[failed].row, err);
    if (st == LS_OK)
        *assigned = n;
done:
    ls_mem_free(unk.mem);
    ls_free(ids);
    ls_free(as);
    ls_free(plan);
    ls_mem_free(items.mem);
    ls_mem_free(units.mem);
    ls_grid_free(&g);
    return st;
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
    /* a line for each row reported on, not for every row of the sheet */
    for (r = t.header_row + 1; r < g.nrows; r++)
        n += cell(&t, r, C_DONE) != NULL;
    lines = st == LS_OK ? ls_calloc(n + 1, sizeof *lines) : NULL;
    n = 0;
    if (st == LS_OK && !lines)
        st = ls_error_nomem(err);
    for (r = t.header_row + 1; st == LS_OK && r < g.nrows; r++) {
        if (!cell(&t, r, C_DONE))
            continue; /* not reported on: nothing to merge */
        st = report_of(&t, r, &items, by, &lines[n], err);
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
    if (st != LS_OK && st != LS_ENOMEM && failed < n)
        st = at_row(st, &t, lines[failed].row, err);
    if (st == LS_OK && rows) {
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
    st = progress_sheet(store, bytes, len, name, unit, added, &rows, &n, err);
    /* the sheet itself is kept as evidence of each row it reported on,
     * once per row, when it added anything (an XLSX; a CSV is no file
     * kept as evidence) */
    for (i = 0; st == LS_OK && *added && ls_evidence_type(bytes, len, name, NULL) && i < n; i++) {
        for (j = 0; j < i && rows[j] != rows[i]; j++)
            ;
        if (j == i)
            st = ls_ledger_evidence_add(store, rows[i], unit, &file, NULL, err);
    }
    ls_free(rows);
    return st;
}
