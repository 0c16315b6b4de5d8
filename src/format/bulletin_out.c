/*
 * bulletin_out.c — the supervision bulletin written out, in the style
 * offices write it:
 *
 *   title       关于2023年第二季度政府工作报告重点任务推进情况的通报
 *   totals      共N项，已完成a项、占比x%；达到序时进度b项、占比y% …
 *   per unit    a table: rows led, each status, share on schedule
 *   named rows  the rows behind (欠进度) and overdue (逾期), their lead units
 *   charts      (HTML) inline SVG: rows by status, units by status
 *
 * What it says is the ledger's (src/ledger/bulletin.c); this file only
 * writes it, every text escaped in HTML.
 */
#include "bulletin_out.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "chart.h"
#include "error.h"
#include "escape.h"

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

static void write_totals(ls_buf *b, const ls_pace_totals *tt, const char *as_of, int html)
{
    const ls_pace_tally *t = &tt->all;
    size_t c;

    ls_buf_printf(b, "%s截至%.4s年%d月%d日，纳入台账的重点任务和指标共%zu项", html ? "<p>" : "",
                  as_of, atoi(as_of + 5), atoi(as_of + 8), t->total);
    if (tt->unassigned)
        ls_buf_printf(b, "（另有%zu项尚未明确牵头单位，未纳入统计）", tt->unassigned);
    ls_buf_puts(b, "。其中，");
    for (c = 0; c < tt->ncols; c++)
        ls_buf_printf(b, "%s%zu项、占比%.1f%%%s", ls_pace_name(tt->cols[c]), t->n[tt->cols[c]],
                      share(t->n[tt->cols[c]], t->total), c + 1 < tt->ncols ? "；" : "。");
    ls_buf_printf(b, "总体看，达到序时进度%zu项、占比%.1f%%。%s\n\n", ls_pace_on_schedule(t),
                  share(ls_pace_on_schedule(t), t->total), html ? "</p>" : "");
}

static void write_unit_table(ls_buf *b, const ls_pace_totals *tt, int html)
{
    const ls_pace_tally *units = tt->units;
    size_t u, i, n = tt->nunits;

    if (html) {
        ls_buf_puts(b, "<table><thead><tr><th>牵头单位</th><th>事项</th>");
        for (i = 0; i < tt->ncols; i++)
            ls_buf_printf(b, "<th>%s</th>", ls_pace_name(tt->cols[i]));
        ls_buf_puts(b, "<th>达到序时进度占比</th></tr></thead><tbody>\n");
    } else {
        ls_buf_puts(b, "| 牵头单位 | 事项 |");
        for (i = 0; i < tt->ncols; i++)
            ls_buf_printf(b, " %s |", ls_pace_name(tt->cols[i]));
        ls_buf_puts(b, " 达到序时进度占比 |\n|---|---:|");
        for (i = 0; i < tt->ncols; i++)
            ls_buf_puts(b, "---:|");
        ls_buf_puts(b, "---:|\n");
    }
    for (u = 0; u < n; u++) {
        ls_buf_puts(b, html ? "<tr><td>" : "| ");
        put_text(b, units[u].name, html);
        ls_buf_printf(b, html ? "</td><td>%zu</td>" : " | %zu |", units[u].total);
        for (i = 0; i < tt->ncols; i++)
            ls_buf_printf(b, html ? "<td>%zu</td>" : " %zu |", units[u].n[tt->cols[i]]);
        ls_buf_printf(b, html ? "<td>%.1f%%</td></tr>\n" : " %.1f%% |\n",
                      share(ls_pace_on_schedule(&units[u]), units[u].total));
    }
    ls_buf_puts(b, html ? "</tbody></table>\n" : "\n");
}

/* The rows of pace 'pace', numbered, each with its lead unit and reason. */
static void write_named_rows(ls_buf *b, const ls_item_list *items, ls_pace pace,
                             const char *heading, int html)
{
    size_t i, k = 0;

    ls_buf_printf(b, html ? "<h2>%s</h2>\n<ol>\n" : "## %s\n\n", heading);
    for (i = 0; i < items->n; i++) {
        const ls_item *it = &items->at[i];
        if (it->pace != pace)
            continue;
        k++;
        if (html)
            ls_buf_puts(b, "<li>");
        else
            ls_buf_printf(b, "%zu. ", k);
        ls_buf_printf(b, "【第%lld项】", it->id);
        put_text(b, it->text, html);
        ls_buf_puts(b, "（牵头单位：");
        put_text(b, it->lead ? it->lead : "未明确", html);
        ls_buf_puts(b, "；");
        put_text(b, it->reason, html);
        ls_buf_puts(b, html ? "）</li>\n" : "）\n");
    }
    if (k == 0)
        ls_buf_puts(b, html ? "<li>无。</li>\n" : "无。\n");
    ls_buf_puts(b, html ? "</ol>\n" : "\n");
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

void ls_bulletin_write(ls_buf *b, const ls_bulletin *bl, int html)
{
    if (html) {
        ls_buf_puts(b, html_head);
        put_text(b, bl->title, 1);
        ls_buf_puts(b, html_style);
        ls_buf_puts(b, "<h1>");
        put_text(b, bl->title, 1);
        ls_buf_puts(b, "</h1>\n");
    } else {
        ls_buf_printf(b, "# %s\n\n", bl->title);
    }
    ls_buf_puts(b, html ? "<h2>一、总体情况</h2>\n" : "## 一、总体情况\n\n");
    write_totals(b, &bl->totals, bl->as_of, html);
    if (html)
        ls_chart_pace_bars(b, &bl->totals);
    ls_buf_puts(b, html ? "<h2>二、各单位推进情况</h2>\n" : "## 二、各单位推进情况\n\n");
    write_unit_table(b, &bl->totals, html);
    if (html)
        ls_chart_pace_stacked(b, bl->totals.units, bl->totals.nunits, "各单位事项状态",
                              LS_CHART_WIDE);
    write_named_rows(b, &bl->items, LS_PACE_BEHIND, "三、欠进度事项", html);
    write_named_rows(b, &bl->items, LS_PACE_OVERDUE, "四、逾期未完成事项", html);
    ls_buf_printf(b, "%s五、下一步要求%s", html ? "<h2>" : "## ", html ? "</h2>\n<p>" : "\n\n");
    ls_buf_puts(b, "请欠进度、逾期事项的牵头单位认真分析原因，制定整改措施，明确完成时限，"
                   "于下期报送时一并说明整改情况；各配合单位要主动对接、协同推进，"
                   "确保全年目标任务如期完成。");
    ls_buf_puts(b, html ? "</p>\n</body></html>\n" : "\n");
}

ls_status ls_bulletin_text(const ls_bulletin *bl, const char *format, char **out, size_t *len,
                           ls_error *err)
{
    ls_buf b;

    *out = NULL;
    *len = 0;
    if (strcmp(format, "md") != 0 && strcmp(format, "html") != 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "bulletin format '%s' is not md or html", format);
    ls_buf_init(&b);
    ls_bulletin_write(&b, bl, strcmp(format, "html") == 0);
    if (b.failed) {
        ls_buf_release(&b);
        return ls_error_nomem(err);
    }
    *out = ls_buf_detach(&b, len);
    return LS_OK;
}
