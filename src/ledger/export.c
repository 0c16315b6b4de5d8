/*
 * export.c — `luoshi export`: the ledger in the layouts offices use, as
 * XLSX, CSV or JSON.
 *
 *   fengong   分工方案: one line per row — task, heading path, leader, lead
 *             and co units, deadline
 *   zhibiao   主要指标分解表: one line per quantified target, with last
 *             year's figure and the change from it
 *   baosong   the quarterly 报送表 units fill in: the row, its owners, and
 *             the columns of a progress report (prefilled with the latest);
 *             `luoshi progress --from-xlsx` merges it back
 *
 * CSV is UTF-8 with a byte-order mark (so that Excel reads it as UTF-8),
 * quoted as RFC 4180 says, text that would begin a formula (=, +, -, @)
 * behind an apostrophe, numbers as numbers (csv.c); JSON is the records,
 * keyed as in the columns.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "error.h"
#include "sheet.h"
#include "store.h"

/* ORDER COLUMNS: src/format/sheet_read.c and src/ledger/sheets.c find columns by these headers. */
static const ls_column fengong_cols[] = {
    {"id", "序号", COL_NUMBER, 0},     {"text", "任务", COL_TEXT, 1},
    {"path", "所属", COL_TEXT, 0},     {"leader", "分管领导", COL_TEXT, 0},
    {"lead", "牵头单位", COL_TEXT, 0}, {"co", "配合单位", COL_TEXT, 0},
    {"due", "完成时限", COL_DATE, 0}};

static const ls_column zhibiao_cols[] = {{"item", "序号", COL_NUMBER, 0},
                                         {"metric", "指标", COL_TEXT, 0},
                                         {"op", "比较", COL_TEXT, 0},
                                         {"target", "目标", COL_TEXT, 0},
                                         {"value", "目标值", COL_NUMBER, 0},
                                         {"unit", "单位", COL_TEXT, 0},
                                         {"change", "变化", COL_TEXT, 0},
                                         {"baseline", "上年实际", COL_TEXT, 0},
                                         {"change_pct", "较上年(%)", COL_NUMBER, 0},
                                         {"lead", "牵头单位", COL_TEXT, 0},
                                         {"due", "完成时限", COL_DATE, 0},
                                         {"sentence", "原文", COL_TEXT, 1}};

static const ls_column baosong_cols[] = {{"id", "序号", COL_NUMBER, 0},
                                         {"text", "任务", COL_TEXT, 1},
                                         {"lead", "牵头单位", COL_TEXT, 0},
                                         {"co", "配合单位", COL_TEXT, 0},
                                         {"due", "完成时限", COL_DATE, 0},
                                         {"targets", "指标目标", COL_TEXT, 0},
                                         {"date", "报送日期", COL_DATE, 0},
                                         {"value", "完成值", COL_NUMBER, 0},
                                         {"percent", "完成比例(%)", COL_NUMBER, 0},
                                         {"done_text", "进展情况", COL_TEXT, 1},
                                         {"problems", "存在问题", COL_TEXT, 1},
                                         {"next_steps", "下一步措施", COL_TEXT, 1},
                                         {"evidence", "佐证材料", COL_TEXT, 0},
                                         {"unit", "报送单位", COL_TEXT, 0}};

#define COUNT(a) (sizeof a / sizeof a[0])

/* The co units of an item as "X、Y". */
static json_t *joined(json_t *arr, const char *key)
{
    ls_buf b;
    json_t *v, *out;
    size_t i;

    ls_buf_init(&b);
    json_array_foreach(arr, i, v)
    {
        const char *s = key ? json_string_value(json_object_get(v, key)) : json_string_value(v);
        if (!s)
            continue;
        if (b.len)
            ls_buf_puts(&b, "、");
        ls_buf_puts(&b, s);
    }
    out = json_string(b.data ? b.data : "");
    ls_buf_release(&b);
    return out;
}

static const char *op_symbol(const char *op)
{
    return !op                     ? ""
           : strcmp(op, ">=") == 0 ? "≥"
           : strcmp(op, "<=") == 0 ? "≤"
           : strcmp(op, "~") == 0  ? "≈"
                                   : "=";
}

static json_t *fengong_rows(json_t *items)
{
    json_t *rows = json_array(), *it;
    size_t i;

    json_array_foreach(items, i, it)
    {
        json_t *r = json_pack(
            "{s:O, s:O, s:O, s:O, s:O, s:o, s:O}", "id", json_object_get(it, "id"), "text",
            json_object_get(it, "text"), "path", json_object_get(it, "path"), "leader",
            json_object_get(it, "leader"), "lead", json_object_get(it, "lead"), "co",
            joined(json_object_get(it, "co"), NULL), "due", json_object_get(it, "due"));
        json_array_append_new(rows, r);
    }
    return rows;
}

/* 'v' rounded to one decimal (较上年 -74.193548 is -74.2), or null. */
static json_t *one_decimal(json_t *v)
{
    return json_is_number(v) ? json_real(floor(json_number_value(v) * 10 + 0.5) / 10) : json_null();
}

static json_t *zhibiao_rows(json_t *items)
{
    json_t *rows = json_array(), *it, *t;
    size_t i, j;

    json_array_foreach(items, i, it)
    {
        json_array_foreach(json_object_get(it, "targets"), j, t)
        {
            json_t *b = json_object_get(t, "baseline");
            const char *change = json_string_value(json_object_get(t, "change"));
            json_t *r =
                json_pack("{s:O, s:O, s:s, s:O, s:O, s:O, s:s, s:O, s:o, s:O, s:O, s:O}", "item",
                          json_object_get(it, "id"), "metric", json_object_get(t, "metric"), "op",
                          op_symbol(json_string_value(json_object_get(t, "op"))), "target",
                          json_object_get(t, "text"), "value", json_object_get(t, "value"), "unit",
                          json_object_get(t, "unit"), "change",
                          !change                           ? ""
                          : strcmp(change, "increase") == 0 ? "增长"
                                                            : "下降",
                          "baseline", json_is_object(b) ? json_object_get(b, "text") : json_null(),
                          "change_pct",
                          one_decimal(json_is_object(b) ? json_object_get(b, "change_pct") : NULL),
                          "lead", json_object_get(it, "lead"), "due", json_object_get(it, "due"),
                          "sentence", json_object_get(it, "text"));
            json_array_append_new(rows, r);
        }
    }
    return rows;
}

static json_t *baosong_rows(json_t *items)
{
    static const char *const from_progress[] = {"date",      "value",    "percent",
                                                "done_text", "problems", "next_steps",
                                                "evidence",  "unit",     NULL};
    json_t *rows = json_array(), *it;
    size_t i, k;

    json_array_foreach(items, i, it)
    {
        json_t *p = json_object_get(it, "progress");
        json_t *r =
            json_pack("{s:O, s:O, s:O, s:o, s:O, s:o}", "id", json_object_get(it, "id"), "text",
                      json_object_get(it, "text"), "lead", json_object_get(it, "lead"), "co",
                      joined(json_object_get(it, "co"), NULL), "due", json_object_get(it, "due"),
                      "targets", joined(json_object_get(it, "targets"), "text"));
        for (k = 0; from_progress[k]; k++)
            json_object_set(r, from_progress[k],
                            json_is_object(p) ? json_object_get(p, from_progress[k]) : json_null());
        json_array_append_new(rows, r);
    }
    return rows;
}

static void csv(const ls_sheet *sh, ls_buf *b)
{
    json_t *row, *v;
    size_t i, c;
    char num[64];

    ls_buf_puts(b, "\xEF\xBB\xBF");
    for (c = 0; c < sh->ncols; c++) {
        if (c)
            ls_buf_puts(b, ",");
        ls_csv_field(b, sh->cols[c].header, strlen(sh->cols[c].header));
    }
    ls_buf_puts(b, "\r\n");
    json_array_foreach(sh->rows, i, row)
    {
        for (c = 0; c < sh->ncols; c++) {
            if (c)
                ls_buf_puts(b, ",");
            v = json_object_get(row, sh->cols[c].key);
            if (json_is_string(v))
                ls_csv_field(b, json_string_value(v), json_string_length(v));
            else if (json_is_integer(v))
                ls_buf_printf(b, "%lld", (long long)json_integer_value(v));
            else if (json_is_real(v)) {
                snprintf(num, sizeof num, "%.12g", json_real_value(v));
                ls_buf_puts(b, num);
            }
        }
        ls_buf_puts(b, "\r\n");
    }
}

/* The title of the sheet: 大同市2023年政府工作报告重点任务分工方案, from
 * the first row, or from the filter when no row passes it. */
static void title(ls_sheet *sh, json_t *items, const ls_item_filter *filter, const char *what)
{
    json_t *first = json_array_get(items, 0);
    const char *gov = first    ? json_string_value(json_object_get(first, "gov"))
                      : filter ? filter->gov
                               : NULL;
    json_int_t year = first    ? json_integer_value(json_object_get(first, "year"))
                      : filter ? filter->year
                               : 0;

    if (gov && year)
        snprintf(sh->title, sizeof sh->title, "%s%lld年政府工作报告%s", gov, (long long)year, what);
    else if (gov)
        snprintf(sh->title, sizeof sh->title, "%s政府工作报告%s", gov, what);
    else
        snprintf(sh->title, sizeof sh->title, "政府工作报告%s", what);
}

ls_status ls_store_export(ls_store *store, const ls_item_filter *filter, const char *layout,
                          const char *format, char **out, size_t *out_len, ls_error *err)
{
    ls_sheet sh;
    json_t *items = NULL;
    ls_buf b;
    ls_status st;

    *out = NULL;
    *out_len = 0;
    memset(&sh, 0, sizeof sh);
    if (!layout)
        layout = "fengong";
    if (strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "export format '%s' is not xlsx, csv or json", format);
    if (strcmp(layout, "fengong") != 0 && strcmp(layout, "zhibiao") != 0 &&
        strcmp(layout, "baosong") != 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "layout '%s' is not fengong, zhibiao or baosong", layout);
    st = ls_store_items(store, filter, &items, err);
    if (st != LS_OK)
        return st;
    if (strcmp(layout, "fengong") == 0) {
        sh.cols = fengong_cols;
        sh.ncols = COUNT(fengong_cols);
        sh.rows = fengong_rows(items);
        title(&sh, items, filter, "重点任务分工方案");
    } else if (strcmp(layout, "zhibiao") == 0) {
        sh.cols = zhibiao_cols;
        sh.ncols = COUNT(zhibiao_cols);
        sh.rows = zhibiao_rows(items);
        title(&sh, items, filter, "主要指标分解表");
    } else {
        sh.cols = baosong_cols;
        sh.ncols = COUNT(baosong_cols);
        sh.rows = baosong_rows(items);
        title(&sh, items, filter, "重点任务进展报送表");
    }
    json_decref(items);
    if (strcmp(format, "xlsx") == 0) {
        st = ls_sheet_xlsx(&sh, out, out_len, err);
    } else {
        ls_buf_init(&b);
        if (strcmp(format, "csv") == 0)
            csv(&sh, &b);
        else {
            char *s = json_dumps(sh.rows, JSON_INDENT(2));
            if (s)
                ls_buf_puts(&b, s);
            else
                b.failed = 1;
            free(s);
            ls_buf_puts(&b, "\n");
        }
        if (b.failed) {
            ls_buf_release(&b);
            st = ls_error_nomem(err);
        } else {
            *out = ls_buf_detach(&b, out_len);
        }
    }
    json_decref(sh.rows);
    return st;
}
