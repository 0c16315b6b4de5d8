/*
 * export.c — `luoshi export`: the ledger in the layouts offices use, as
 * a table (ls_sheet) of columns and cells; src/format/sheet_out.c writes it
 * as XLSX, CSV or JSON.
 *
 *   fengong   分工方案: one line per row — task, heading path, leader, lead
 *             and co units, deadline
 *   zhibiao   主要指标分解表: one line per quantified target, with last
 *             year's figure and the change from it
 *   baosong   the quarterly 报送表 units fill in: the row, its owners, and
 *             the columns of a progress report (prefilled with the latest);
 *             `luoshi progress --from-xlsx` merges it back
 *
 * The columns are data: a layout is its list of columns, and what a row
 * (or, in zhibiao, a target) puts in each.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "op_text.h"
#include "store.h"

/* ORDER COLUMNS: src/format/sheet_read.c and src/ledger/sheets.c find columns by these headers. */
static const ls_column fengong_cols[] = {
    {"id", "序号", LS_COL_NUMBER, 0},     {"text", "任务", LS_COL_TEXT, 1},
    {"path", "所属", LS_COL_TEXT, 0},     {"leader", "分管领导", LS_COL_TEXT, 0},
    {"lead", "牵头单位", LS_COL_TEXT, 0}, {"co", "配合单位", LS_COL_TEXT, 0},
    {"due", "完成时限", LS_COL_DATE, 0},  {"suggested_lead", "建议牵头单位", LS_COL_TEXT, 0}};

static const ls_column zhibiao_cols[] = {{"item", "序号", LS_COL_NUMBER, 0},
                                         {"metric", "指标", LS_COL_TEXT, 0},
                                         {"op", "比较", LS_COL_TEXT, 0},
                                         {"target", "目标", LS_COL_TEXT, 0},
                                         {"value", "目标值", LS_COL_NUMBER, 0},
                                         {"unit", "单位", LS_COL_TEXT, 0},
                                         {"change", "变化", LS_COL_TEXT, 0},
                                         {"baseline", "上年实际", LS_COL_TEXT, 0},
                                         {"change_pct", "较上年(%)", LS_COL_NUMBER, 0},
                                         {"lead", "牵头单位", LS_COL_TEXT, 0},
                                         {"due", "完成时限", LS_COL_DATE, 0},
                                         {"sentence", "原文", LS_COL_TEXT, 1}};

static const ls_column baosong_cols[] = {{"id", "序号", LS_COL_NUMBER, 0},
                                         {"text", "任务", LS_COL_TEXT, 1},
                                         {"lead", "牵头单位", LS_COL_TEXT, 0},
                                         {"co", "配合单位", LS_COL_TEXT, 0},
                                         {"due", "完成时限", LS_COL_DATE, 0},
                                         {"targets", "指标目标", LS_COL_TEXT, 0},
                                         {"date", "报送日期", LS_COL_DATE, 0},
                                         {"value", "完成值", LS_COL_NUMBER, 0},
                                         {"percent", "完成比例(%)", LS_COL_NUMBER, 0},
                                         {"done_text", "进展情况", LS_COL_TEXT, 1},
                                         {"problems", "存在问题", LS_COL_TEXT, 1},
                                         {"next_steps", "下一步措施", LS_COL_TEXT, 1},
                                         {"evidence", "佐证材料", LS_COL_TEXT, 0},
                                         {"unit", "报送单位", LS_COL_TEXT, 0}};

#define COUNT(a) (sizeof a / sizeof a[0])

/* Cells of a row, written left to right. */
typedef struct {
    ls_cell *at;
    ls_mem *mem;
} row_cells;

static void text(row_cells *r, const char *s)
{
    *r->at++ = s ? (ls_cell){LS_CELL_TEXT, ls_mem_str(r->mem, s), 0} : (ls_cell){LS_CELL_NULL, NULL, 0};
}

static void whole(row_cells *r, long long v)
{
    *r->at++ = (ls_cell){LS_CELL_INT, NULL, (double)v};
}

static void real(row_cells *r, int has, double v)
{
    *r->at++ = has ? (ls_cell){LS_CELL_REAL, NULL, v} : (ls_cell){LS_CELL_NULL, NULL, 0};
}

/* 'n' texts joined by "、" ("" when none). */
static void joined(row_cells *r, const char *const *texts, size_t n)
{
    ls_buf b;
    size_t i;

    ls_buf_init(&b);
    ls_buf_puts(&b, "");
    for (i = 0; i < n; i++) {
        if (i)
            ls_buf_puts(&b, "、");
        ls_buf_puts(&b, texts[i]);
    }
    text(r, b.data ? b.data : "");
    ls_buf_release(&b);
}

/* The names of a row's leads (the lead of record, then the joint leads) or
 * of its helpers (the co units, then the placeholders as written), joined
 * by "、", as a cell; 'none' when there are none (as the cells were: no
 * lead is no value, no helper an empty text). */
static void owners_cell(row_cells *r, const char *first, const char *const *more, size_t n,
                        const char *last, const char *none)
{
    ls_buf b;
    size_t i;

    ls_buf_init(&b);
    if (first)
        ls_buf_puts(&b, first);
    for (i = 0; i < n; i++) {
        if (b.len)
            ls_buf_puts(&b, "、");
        ls_buf_puts(&b, more[i]);
    }
    if (last) {
        if (b.len)
            ls_buf_puts(&b, "、");
        ls_buf_puts(&b, last);
    }
    text(r, b.len ? b.data : none);
    ls_buf_release(&b);
}

static void fengong_row(row_cells *r, const ls_item *it)
{
    whole(r, it->id);
    text(r, it->text);
    text(r, it->path);
    text(r, it->leader);
    owners_cell(r, it->lead, it->joint, it->njoint, NULL, NULL);
    owners_cell(r, NULL, it->co, it->nco, it->others, "");
    text(r, it->due);
    text(r, it->suggested_lead);
}

/* One line per target of 'it'. */
static void zhibiao_row(row_cells *r, const ls_item *it, const ls_item_target *t)
{
    const ls_baseline *b = t->baseline;

    whole(r, it->id);
    text(r, t->metric);
    text(r, ls_op_sign(t->op));
    text(r, t->text);
    real(r, 1, t->value);
    text(r, t->unit);
    text(r, !t->change                           ? ""
            : strcmp(t->change, "increase") == 0 ? "增长"
                                                 : "下降");
    text(r, b ? b->text : NULL);
    /* 较上年, rounded to one decimal: -74.193548 is -74.2 */
    real(r, b && b->has_change_pct, b ? floor(b->change_pct * 10 + 0.5) / 10 : 0);
    text(r, it->lead);
    text(r, it->due);
    text(r, it->text);
}

static void baosong_row(row_cells *r, const ls_item *it)
{
    const ls_progress_entry *p = it->progress;
    ls_buf b;
    size_t i;

    whole(r, it->id);
    text(r, it->text);
    text(r, it->lead);
    joined(r, it->co, it->nco);
    text(r, it->due);
    ls_buf_init(&b);
    ls_buf_puts(&b, "");
    for (i = 0; i < it->ntargets; i++) {
        if (i)
            ls_buf_puts(&b, "、");
        ls_buf_puts(&b, it->targets[i].text);
    }
    text(r, b.data ? b.data : "");
    ls_buf_release(&b);
    text(r, p ? p->date : NULL);
    real(r, p && p->has_value, p ? p->value : 0);
    real(r, p && p->has_percent, p ? p->percent : 0);
    text(r, p ? p->done_text : NULL);
    text(r, p ? p->problems : NULL);
    text(r, p ? p->next_steps : NULL);
    text(r, p ? p->evidence : NULL);
    text(r, p ? p->unit : NULL);
}

/* The title of the sheet: 大同市2023年政府工作报告重点任务分工方案, from
 * the first row, or from the filter when no row passes it. */
static const char *title_of(ls_mem *m, const ls_item_list *items, const ls_item_filter *filter,
                            const char *what)
{
    const char *gov = items->n ? items->at[0].gov : filter ? filter->gov : NULL;
    long long year = items->n ? items->at[0].year : filter ? filter->year : 0;
    char title[256];

    if (gov && year)
        snprintf(title, sizeof title, "%s%lld年政府工作报告%s", gov, year, what);
    else if (gov)
        snprintf(title, sizeof title, "%s政府工作报告%s", gov, what);
    else
        snprintf(title, sizeof title, "政府工作报告%s", what);
    return ls_mem_str(m, title);
}

ls_status ls_ledger_export(ls_store *store, const ls_item_filter *filter, const char *layout,
                           ls_sheet *out, ls_error *err)
{
    ls_item_list items;
    row_cells r;
    size_t i, j, nrows = 0;
    int kind;
    ls_status st;

    memset(out, 0, sizeof *out);
    if (!layout)
        layout = "fengong";
    kind = strcmp(layout, "fengong") == 0 ? 0 : strcmp(layout, "zhibiao") == 0 ? 1
           : strcmp(layout, "baosong") == 0 ? 2 : -1;
    if (kind < 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "layout '%s' is not fengong, zhibiao or baosong", layout);
    st = ls_ledger_items(store, filter, &items, err);
    if (st != LS_OK)
        return st;
    out->mem = items.mem;
    out->cols = kind == 0 ? fengong_cols : kind == 1 ? zhibiao_cols : baosong_cols;
    out->ncols = kind == 0 ? COUNT(fengong_cols) : kind == 1 ? COUNT(zhibiao_cols)
                                                             : COUNT(baosong_cols);
    out->title = title_of(items.mem, &items, filter,
                          kind == 0   ? "重点任务分工方案"
                          : kind == 1 ? "主要指标分解表"
                                      : "重点任务进展报送表");
    for (i = 0; i < items.n; i++)
        nrows += kind == 1 ? items.at[i].ntargets : 1;
    r.mem = items.mem;
    r.at = nrows ? ls_mem_alloc(items.mem, nrows * out->ncols * sizeof(ls_cell)) : NULL;
    out->cells = r.at;
    out->nrows = nrows;
    for (i = 0; r.at && i < items.n; i++) {
        if (kind == 0)
            fengong_row(&r, &items.at[i]);
        else if (kind == 2)
            baosong_row(&r, &items.at[i]);
        for (j = 0; kind == 1 && j < items.at[i].ntargets; j++)
            zhibiao_row(&r, &items.at[i], &items.at[i].targets[j]);
    }
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}
