/*
 * bulletin_out.c — the supervision bulletin written out as an official
 * document, in Markdown, HTML (with a print stylesheet and charts) or DOCX,
 * through one sink (doc_sink.c):
 *
 *   head        发文机关 (red), 文号
 *   title       关于大同市2023年第二季度政府工作报告重点任务推进情况的通报
 *   一、总体情况   共N项（另有M项未分工），已完成a项、占比x% …
 *   二、各单位推进情况  the units ranked (cycle.c): on-time reporting, share on
 *               schedule, returns; then each status
 *   三、…       units that did not report by the due day, named; the rows
 *               behind (欠进度) and overdue (逾期) — each only when it has any
 *   last        下一步要求; then 落款 and date, set right
 *
 * What it says is the ledger's (src/ledger/bulletin.c, cycle.c); this file
 * only lays it out. Sections with nothing in them are left out, and the
 * numbers of the headings follow the sections written.
 */
#include "bulletin_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "chart.h"
#include "doc_sink.h"
#include "error.h"

static const char *const cn_num[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}


/* The next heading: 一、总体情况, 二、… */
static void heading(ls_sink *s, int *n, const char *text)
{
    ls_buf h;

    ls_buf_init(&h);
    ls_buf_printf(&h, "%s、%s", cn_num[*n < 10 ? *n : 9], text);
    (*n)++;
    ls_sink_heading(s, h.data ? h.data : "");
    ls_buf_release(&h);
}

static void write_totals(ls_sink *s, const ls_bulletin *bl)
{
    const ls_pace_totals *tt = &bl->totals;
    const ls_pace_tally *t = &tt->all;
    char day[40];
    ls_buf p;
    size_t c;

    ls_buf_init(&p);
    ls_buf_printf(&p, "截至%s，纳入台账的重点任务和指标共%zu项",
                  ls_cn_date(bl->as_of, day, sizeof day), t->total);
    if (tt->unassigned)
        ls_buf_printf(&p, "（另有%zu项尚未明确牵头单位，未纳入统计）", tt->unassigned);
    ls_buf_puts(&p, "。其中，");
    for (c = 0; c < tt->ncols; c++)
        ls_buf_printf(&p, "%s%zu项、占比%.1f%%%s", ls_pace_name(tt->cols[c]), t->n[tt->cols[c]],
                      share(t->n[tt->cols[c]], t->total), c + 1 < tt->ncols ? "；" : "。");
    ls_buf_printf(&p, "总体看，达到序时进度%zu项、占比%.1f%%。", ls_pace_on_schedule(t),
                  share(ls_pace_on_schedule(t), t->total));
    ls_sink_para(s, p.data ? p.data : "");
    ls_buf_release(&p);
}

/* The tally of unit 'name' in the totals, or NULL. */
static const ls_pace_tally *tally_of(const ls_pace_totals *tt, const char *name)
{
    size_t u;

    for (u = 0; u < tt->nunits; u++)
        if (strcmp(tt->units[u].name, name) == 0)
            return &tt->units[u];
    return NULL;
}

/* The units ranked: 排名, unit, rows, each status, share on schedule,
 * on-time reporting rate, returns. Cells are written into one arena. */
static void write_unit_table(ls_sink *s, const ls_bulletin *bl)
{
    const ls_pace_totals *tt = &bl->totals;
    const ls_cycle_period *cp = &bl->cycle;
    size_t ncols = tt->ncols + 6, u, c, k;
    const char **cells = ls_malloc((cp->nunits + 1) * ncols * sizeof *cells);
    ls_mem *m = ls_mem_new();
    char v[64];

    if (!cells || !m)
        goto done;
    cells[0] = "排名", cells[1] = "牵头单位", cells[2] = "事项";
    for (c = 0; c < tt->ncols; c++)
        cells[3 + c] = ls_pace_name(tt->cols[c]);
    cells[3 + c] = "达到序时进度占比", cells[4 + c] = "按时报送率", cells[5 + c] = "退回次数";
    for (u = 0; u < cp->nunits; u++) {
        const ls_unit_rank *ur = &cp->units[u];
        const ls_pace_tally *t = tally_of(tt, ur->unit);
        const char **row = cells + (u + 1) * ncols;
        snprintf(v, sizeof v, "%zu", ur->rank);
        row[0] = ls_mem_str(m, v);
        row[1] = ur->unit;
        snprintf(v, sizeof v, "%zu", t ? t->total : 0);
        row[2] = ls_mem_str(m, v);
        for (k = 0; k < tt->ncols; k++) {
            snprintf(v, sizeof v, "%zu", t ? t->n[tt->cols[k]] : 0);
            row[3 + k] = ls_mem_str(m, v);
        }
        /* "—" where nothing was judged or due: 0 of 0 is no rate */
        snprintf(v, sizeof v, ur->judged ? "%.1f%%" : "—", ur->on_schedule_share);
        row[3 + k] = ls_mem_str(m, v);
        snprintf(v, sizeof v, ur->expected ? "%.1f%%" : "—", ur->on_time_rate);
        row[4 + k] = ls_mem_str(m, v);
        snprintf(v, sizeof v, "%zu", ur->returned);
        row[5 + k] = ls_mem_str(m, v);
    }
    if (!ls_mem_failed(m))
        ls_sink_table(s, cells, cp->nunits + 1, ncols);
done:
    ls_mem_free(m);
    ls_free(cells);
}

/* The units with a row not reported on time, named with their counts. */
static void write_unreported(ls_sink *s, int *n, const ls_bulletin *bl)
{
    const ls_cycle_period *cp = &bl->cycle;
    char due[40];
    size_t u, k = 0;
    ls_buf p;

    for (u = 0; u < cp->nunits; u++)
        k += cp->units[u].missing + cp->units[u].late > 0;
    if (k == 0)
        return;
    heading(s, n, "未按时报送情况");
    ls_buf_init(&p);
    ls_buf_printf(&p, "按照%s报送要求（报送时限%s），以下%zu个单位未按时报送：",
                  strcmp(cp->cycle.every, "month") == 0 ? "月报" : "季报",
                  ls_cn_date(cp->due, due, sizeof due), k);
    for (u = 0, k = 0; u < cp->nunits; u++) {
        const ls_unit_rank *ur = &cp->units[u];
        if (ur->missing + ur->late == 0)
            continue;
        ls_buf_printf(&p, "%s%s（", k++ ? "、" : "", ur->unit);
        if (ur->missing)
            ls_buf_printf(&p, "未报送%zu项%s", ur->missing, ur->late ? "，" : "");
        if (ur->late)
            ls_buf_printf(&p, "逾期报送%zu项", ur->late);
        ls_buf_puts(&p, "）");
    }
    ls_buf_puts(&p, "。");
    ls_sink_para(s, p.data ? p.data : "");
    ls_buf_release(&p);
}

/* The rows of pace 'pace', numbered, each with its lead unit and reason;
 * nothing at all when there are none. */
static void write_named_rows(ls_sink *s, int *n, const ls_item_list *items, ls_pace pace,
                             const char *title)
{
    size_t i, k = 0;
    ls_buf p;

    for (i = 0; i < items->n; i++)
        k += items->at[i].pace == pace;
    if (k == 0)
        return;
    heading(s, n, title);
    for (i = 0, k = 0; i < items->n; i++) {
        const ls_item *it = &items->at[i];
        if (it->pace != pace)
            continue;
        ls_buf_init(&p);
        ls_buf_printf(&p, "%zu.【第%lld项】%s（牵头单位：%s；%s）", ++k, it->id,
                      it->text ? it->text : "", it->lead ? it->lead : "未明确",
                      it->reason ? it->reason : "");
        ls_sink_para(s, p.data ? p.data : "");
        ls_buf_release(&p);
    }
}

/* 发文机关 and 文号 above the title. */
static void write_head(ls_sink *s, const ls_bulletin *bl)
{
    if (bl->issuer && *bl->issuer)
        ls_sink_issuer(s, bl->issuer);
    if (bl->number && *bl->number)
        ls_sink_line(s, LS_DOCX_CENTER, bl->number);
    ls_sink_title(s, bl->title);
}

/* 落款 and 成文日期, set right. */
static void write_foot(ls_sink *s, const ls_bulletin *bl)
{
    char day[40];

    if (bl->signature && *bl->signature)
        ls_sink_line(s, LS_DOCX_RIGHT, bl->signature);
    if (bl->date && *bl->date)
        ls_sink_line(s, LS_DOCX_RIGHT, ls_cn_date(bl->date, day, sizeof day));
}

void ls_bulletin_write(ls_sink *s, const ls_bulletin *bl)
{
    int n = 0;

    ls_sink_begin(s, bl->title);
    write_head(s, bl);
    heading(s, &n, "总体情况");
    write_totals(s, bl);
    if (s->kind == LS_SINK_HTML)
        ls_chart_pace_bars(s->b, &bl->totals);
    if (bl->cycle.nunits > 0) {
        heading(s, &n, "各单位推进情况");
        write_unit_table(s, bl);
        if (s->kind == LS_SINK_HTML)
            ls_chart_pace_stacked(s->b, bl->totals.units, bl->totals.nunits, "各单位事项状态",
                                  LS_CHART_WIDE);
    }
    write_unreported(s, &n, bl);
    write_named_rows(s, &n, &bl->items, LS_PACE_BEHIND, "欠进度事项");
    write_named_rows(s, &n, &bl->items, LS_PACE_OVERDUE, "逾期未完成事项");
    heading(s, &n, "下一步要求");
    ls_sink_para(s, "请欠进度、逾期事项的牵头单位认真分析原因，制定整改措施，明确完成时限，"
                    "于下期报送时一并说明整改情况；未按时报送的单位要按要求及时报送；"
                    "各配合单位要主动对接、协同推进，确保全年目标任务如期完成。");
    write_foot(s, bl);
    ls_sink_end(s);
}

ls_status ls_bulletin_text(const ls_bulletin *bl, const char *format, char **out, size_t *len,
                           ls_error *err)
{
    ls_sink s;
    ls_status st = ls_sink_open(&s, format, "bulletin", err);

    *out = NULL;
    *len = 0;
    if (st != LS_OK)
        return st;
    ls_bulletin_write(&s, bl);
    return ls_sink_close(&s, out, len, err);
}
