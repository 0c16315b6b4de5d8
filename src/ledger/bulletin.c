/*
 * bulletin.c — `luoshi bulletin`: the supervision bulletin (通报) of a
 * period, drafted from the ledger in the style offices write it:
 *
 *   title       关于2023年第二季度政府工作报告重点任务推进情况的通报
 *   totals      共N项，已完成a项、占比x%；达到序时进度b项、占比y% …
 *   per unit    a table: rows led, each status, share on schedule
 *   named rows  the rows behind (欠进度) and overdue (逾期), their lead units
 *   charts      (HTML) inline SVG: rows by status, units by rows behind
 *
 * Markdown or HTML; every text from the store is escaped in HTML. The
 * status of each row is the one `luoshi status --as-of` gives at the end of
 * the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "escape.h"
#include "pace.h"
#include "store.h"

#define MAX_UNITS 256

static const char *const cn_quarter[] = {"一", "二", "三", "四"};

/* The period "2023-Q2", "2023-H1", "2023-06" or "2023": its last day in
 * 'as_of' (YYYY-MM-DD) and its name in 'label'. Returns 0 if malformed. */
static int parse_period(const char *p, int *year, char as_of[11], char *label, size_t size)
{
    int y, n, month = 12;
    char c = 0, extra = 0;

    if (sscanf(p, "%4d-%c%d%c", &y, &c, &n, &extra) == 3 && (c == 'Q' || c == 'q') && n >= 1 &&
        n <= 4) {
        month = 3 * n;
        snprintf(label, size, "%d年第%s季度", y, cn_quarter[n - 1]);
    } else if (sscanf(p, "%4d-%c%d%c", &y, &c, &n, &extra) == 3 && (c == 'H' || c == 'h') &&
               n >= 1 && n <= 2) {
        month = 6 * n;
        snprintf(label, size, "%d年%s半年", y, n == 1 ? "上" : "下");
    } else if (strlen(p) == 7 && sscanf(p, "%4d-%2d%c", &y, &n, &extra) == 2 && n >= 1 &&
               n <= 12) {
        month = n;
        snprintf(label, size, "%d年1-%d月", y, n);
    } else if (strlen(p) == 4 && sscanf(p, "%4d%c", &y, &extra) == 1) {
        snprintf(label, size, "%d年", y);
    } else {
        return 0;
    }
    if (y < 1949 || y > 2200)
        return 0;
    *year = y;
    snprintf(as_of, 11, "%04d-%02d-%02d", y, month, ls_date_days_in_month(y, month));
    return 1;
}

/* Counts per status, for all rows or one unit. */
typedef struct {
    const char *name;
    size_t n[LS_PACE_COUNT];
    size_t total;
} tally;

static size_t on_schedule(const tally *t)
{
    return t->n[LS_PACE_DONE] + t->n[LS_PACE_AHEAD] + t->n[LS_PACE_ON_TRACK];
}

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* Appends 's' escaped for HTML when 'html', as is otherwise (Markdown). */
static void put_text(ls_buf *b, const char *s, int html)
{
    if (html)
        ls_escape_html_str(b, s);
    else
        ls_buf_puts(b, s ? s : "");
}

static ls_pace status_of(json_t *item)
{
    return ls_pace_parse(json_string_value(json_object_get(item, "status")));
}

/* Totals over 'items', and per lead unit into 'units' ('*nunits'). */
static void count(json_t *items, tally *all, tally *units, size_t *nunits)
{
    size_t i, u;
    json_t *it;

    memset(all, 0, sizeof *all);
    *nunits = 0;
    json_array_foreach(items, i, it)
    {
        ls_pace st = status_of(it);
        const char *lead = json_string_value(json_object_get(it, "lead"));
        if (st >= LS_PACE_COUNT)
            continue;
        all->n[st]++;
        all->total++;
        if (!lead)
            lead = "（未明确牵头单位）";
        for (u = 0; u < *nunits && strcmp(units[u].name, lead) != 0; u++)
            ;
        if (u == *nunits) {
            if (*nunits == MAX_UNITS)
                continue;
            memset(&units[u], 0, sizeof units[u]);
            units[u].name = lead;
            (*nunits)++;
        }
        units[u].n[st]++;
        units[u].total++;
    }
}

static void write_totals(ls_buf *b, const tally *t, const char *label, const char *as_of,
                         int html)
{
    int i;

    ls_buf_printf(b, "%s截至%.4s年%d月%d日，纳入台账的重点任务和指标共%zu项。其中，",
                  html ? "<p>" : "", as_of, atoi(as_of + 5), atoi(as_of + 8), t->total);
    for (i = 0; i < LS_PACE_COUNT; i++)
        ls_buf_printf(b, "%s%zu项、占比%.1f%%%s", ls_pace_name((ls_pace)i), t->n[i],
                      share(t->n[i], t->total), i + 1 < LS_PACE_COUNT ? "；" : "。");
    ls_buf_printf(b, "总体看，达到序时进度%zu项、占比%.1f%%。%s\n\n", on_schedule(t),
                  share(on_schedule(t), t->total), html ? "</p>" : "");
    (void)label;
}

static void write_unit_table(ls_buf *b, const tally *units, size_t n, int html)
{
    size_t u;
    int i;

    if (html) {
        ls_buf_puts(b, "<table><thead><tr><th>牵头单位</th><th>事项</th>");
        for (i = 0; i < LS_PACE_COUNT; i++)
            ls_buf_printf(b, "<th>%s</th>", ls_pace_name((ls_pace)i));
        ls_buf_puts(b, "<th>达到序时进度占比</th></tr></thead><tbody>\n");
    } else {
        ls_buf_puts(b, "| 牵头单位 | 事项 |");
        for (i = 0; i < LS_PACE_COUNT; i++)
            ls_buf_printf(b, " %s |", ls_pace_name((ls_pace)i));
        ls_buf_puts(b, " 达到序时进度占比 |\n|---|---:|");
        for (i = 0; i < LS_PACE_COUNT; i++)
            ls_buf_puts(b, "---:|");
        ls_buf_puts(b, "---:|\n");
    }
    for (u = 0; u < n; u++) {
        ls_buf_puts(b, html ? "<tr><td>" : "| ");
        put_text(b, units[u].name, html);
        ls_buf_printf(b, html ? "</td><td>%zu</td>" : " | %zu |", units[u].total);
        for (i = 0; i < LS_PACE_COUNT; i++)
            ls_buf_printf(b, html ? "<td>%zu</td>" : " %zu |", units[u].n[i]);
        ls_buf_printf(b, html ? "<td>%.1f%%</td></tr>\n" : " %.1f%% |\n",
                      share(on_schedule(&units[u]), units[u].total));
    }
    ls_buf_puts(b, html ? "</tbody></table>\n" : "\n");
}

/* The rows of status 'st', numbered, each with its lead unit and reason. */
static void write_named_rows(ls_buf *b, json_t *items, ls_pace st, const char *heading,
                             int html)
{
    size_t i, k = 0;
    json_t *it;

    ls_buf_printf(b, html ? "<h2>%s</h2>\n<ol>\n" : "## %s\n\n", heading);
    json_array_foreach(items, i, it)
    {
        const char *lead = json_string_value(json_object_get(it, "lead"));
        if (status_of(it) != st)
            continue;
        k++;
        if (html)
            ls_buf_puts(b, "<li>");
        else
            ls_buf_printf(b, "%zu. ", k);
        ls_buf_printf(b, "【第%lld项】", (long long)json_integer_value(json_object_get(it, "id")));
        put_text(b, json_string_value(json_object_get(it, "text")), html);
        ls_buf_puts(b, "（牵头单位：");
        put_text(b, lead ? lead : "未明确", html);
        ls_buf_puts(b, "；");
        put_text(b, json_string_value(json_object_get(it, "reason")), html);
        ls_buf_puts(b, html ? "）</li>\n" : "）\n");
    }
    if (k == 0)
        ls_buf_puts(b, html ? "<li>无。</li>\n" : "无。\n");
    ls_buf_puts(b, html ? "</ol>\n" : "\n");
}

/* Colours of the statuses in the charts (ORDER LS_ST). */
static const char *const status_colours[LS_PACE_COUNT] = {"#2e7d32", "#1565c0", "#66bb6a",
                                                        "#f9a825", "#9e9e9e", "#c62828"};

/* A horizontal bar chart of rows by status, as inline SVG. */
static void write_status_chart(ls_buf *b, const tally *t)
{
    size_t max = 1;
    int i;

    for (i = 0; i < LS_PACE_COUNT; i++)
        if (t->n[i] > max)
            max = t->n[i];
    ls_buf_printf(b, "<svg class=\"chart\" role=\"img\" aria-label=\"各状态事项数\" "
                     "viewBox=\"0 0 520 %d\" width=\"520\" height=\"%d\">\n",
                  LS_PACE_COUNT * 28 + 8, LS_PACE_COUNT * 28 + 8);
    for (i = 0; i < LS_PACE_COUNT; i++) {
        double w = 360.0 * (double)t->n[i] / (double)max;
        ls_buf_printf(b,
                      "<text x=\"0\" y=\"%d\" font-size=\"14\">%s</text>"
                      "<rect x=\"70\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"/>"
                      "<text x=\"%.1f\" y=\"%d\" font-size=\"13\">%zu（%.1f%%）</text>\n",
                      i * 28 + 20, ls_pace_name((ls_pace)i), i * 28 + 5, w,
                      status_colours[i], 76 + w, i * 28 + 20, t->n[i], share(t->n[i], t->total));
    }
    ls_buf_puts(b, "</svg>\n");
}

/* Stacked bars per unit: how its rows split by status. */
static void write_unit_chart(ls_buf *b, const tally *units, size_t n)
{
    size_t u, max = 1;
    int i;

    for (u = 0; u < n; u++)
        if (units[u].total > max)
            max = units[u].total;
    ls_buf_printf(b, "<svg class=\"chart\" role=\"img\" aria-label=\"各单位事项状态\" "
                     "viewBox=\"0 0 620 %zu\" width=\"620\" height=\"%zu\">\n",
                  n * 26 + 8, n * 26 + 8);
    for (u = 0; u < n; u++) {
        double x = 170;
        ls_buf_printf(b, "<text x=\"0\" y=\"%zu\" font-size=\"13\">", u * 26 + 18);
        put_text(b, units[u].name, 1);
        ls_buf_puts(b, "</text>");
        for (i = 0; i < LS_PACE_COUNT; i++) {
            double w = 400.0 * (double)units[u].n[i] / (double)max;
            if (units[u].n[i])
                ls_buf_printf(b,
                              "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"18\" "
                              "fill=\"%s\"><title>%s %zu</title></rect>",
                              x, u * 26 + 4, w, status_colours[i],
                              ls_pace_name((ls_pace)i), units[u].n[i]);
            x += w;
        }
        ls_buf_printf(b, "<text x=\"%.1f\" y=\"%zu\" font-size=\"12\">%zu</text>\n", x + 6,
                      u * 26 + 18, units[u].total);
    }
    ls_buf_puts(b, "</svg>\n");
}

/* The head of the HTML file, up to its <title>; then the title (escaped)
 * and html_style. */
static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>";
static const char html_style[] =
    "</title><style>body{font-family:\"Noto Serif CJK SC\",serif;max-width:60em;"
    "margin:2em auto;padding:0 1em;line-height:1.7}h1{text-align:center;font-size:1.5em}"
    "table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid #999;"
    "padding:.2em .5em}td:not(:first-child){text-align:right}svg{max-width:100%;height:auto}"
    "</style></head><body>\n";

static void write_bulletin(ls_buf *b, json_t *items, const char *label, const char *as_of,
                           const char *who, int html)
{
    tally all, *units = ls_calloc(MAX_UNITS, sizeof *units);
    size_t nunits = 0;
    ls_buf title;

    if (!units) {
        b->failed = 1;
        return;
    }
    count(items, &all, units, &nunits);
    /* the government's name comes from the store or a request: as long as
     * it is, and escaped like every other text */
    ls_buf_init(&title);
    ls_buf_printf(&title, "关于%s%s政府工作报告重点任务推进情况的通报", who, label);
    if (title.failed)
        b->failed = 1;
    if (html) {
        ls_buf_puts(b, html_head);
        put_text(b, title.data, 1);
        ls_buf_puts(b, html_style);
        ls_buf_puts(b, "<h1>");
        put_text(b, title.data, 1);
        ls_buf_puts(b, "</h1>\n");
    } else {
        ls_buf_printf(b, "# %s\n\n", title.data ? title.data : "");
    }
    ls_buf_release(&title);
    ls_buf_printf(b, html ? "<h2>一、总体情况</h2>\n" : "## 一、总体情况\n\n");
    write_totals(b, &all, label, as_of, html);
    if (html)
        write_status_chart(b, &all);
    ls_buf_printf(b, html ? "<h2>二、各单位推进情况</h2>\n" : "## 二、各单位推进情况\n\n");
    write_unit_table(b, units, nunits, html);
    if (html)
        write_unit_chart(b, units, nunits);
    write_named_rows(b, items, LS_PACE_BEHIND, "三、欠进度事项", html);
    write_named_rows(b, items, LS_PACE_OVERDUE, "四、逾期未完成事项", html);
    ls_buf_printf(b, "%s五、下一步要求%s", html ? "<h2>" : "## ", html ? "</h2>\n<p>" : "\n\n");
    ls_buf_puts(b, "请欠进度、逾期事项的牵头单位认真分析原因，制定整改措施，明确完成时限，"
                   "于下期报送时一并说明整改情况；各配合单位要主动对接、协同推进，"
                   "确保全年目标任务如期完成。");
    ls_buf_puts(b, html ? "</p>\n</body></html>\n" : "\n");
    ls_free(units);
}

ls_status ls_store_bulletin(ls_store *store, const ls_item_filter *filter, const char *period,
                            const char *format, char **out, size_t *out_len, ls_error *err)
{
    ls_item_filter f = *filter;
    char as_of[11], label[64];
    const char *who = "";
    json_t *items = NULL;
    ls_buf b;
    int year, html;
    ls_status st;

    *out = NULL;
    if (!period || !parse_period(period, &year, as_of, label, sizeof label))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "period '%s' is not YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY",
                            period ? period : "");
    if (strcmp(format, "md") != 0 && strcmp(format, "html") != 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "bulletin format '%s' is not md or html",
                            format);
    html = strcmp(format, "html") == 0;
    f.as_of = as_of;
    if (!f.report && !f.year)
        f.year = year;
    f.status = NULL;
    f.limit = f.offset = 0;
    st = ls_store_items(store, &f, &items, err);
    if (st != LS_OK)
        return st;
    /* the name as stored or asked for, whole (items holds it until the end) */
    if (f.gov)
        who = f.gov;
    else if (json_array_size(items) > 0)
        who = json_string_value(json_object_get(json_array_get(items, 0), "gov"));
    if (!who)
        who = "";
    ls_buf_init(&b);
    write_bulletin(&b, items, label, as_of, who, html);
    json_decref(items);
    if (b.failed) {
        ls_buf_release(&b);
        return ls_error_nomem(err);
    }
    *out = ls_buf_detach(&b, out_len);
    return LS_OK;
}
