/*
 * pages_report.c — the reports as documents. GET /reports lists the
 * reports in the store; GET /reports/:id shows one report's verbatim text
 * with its outline as a table of contents, every ledger row a link to its
 * task page and every quantity mention marked (targets, actuals and
 * attributes apart, metric/value/unit/kind in its title).
 *
 * The marks come from byte offsets into the UTF-8 text (the store keeps
 * them; docs/ledger.md) and may nest: a mention inside a task, a task
 * inside a heading line. A task row links its clause; a headline target
 * row (several may share one sentence) links its own mention, so that
 * each row has one link of its own. The marks are written as properly
 * nested HTML (a link never inside another): a
 * span that crosses the end of one it started in is closed there and
 * reopened after it. Offsets that do not fall on character boundaries
 * are ignored, never cut a character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "pages.h"

/* The kinds of span, in the order they open at one offset (outer first). */
enum { SPAN_HEADING = 0, SPAN_TASK, SPAN_MENTION };

typedef struct {
    size_t start, end;
    int kind;
    long long id;                /* a heading's seq, a ledger row's id */
    const ls_stored_mention *m;  /* a mention */
} span;

/* An open span: its index and the tag that closes it. */
typedef struct {
    size_t k;
    const char *close;
} open_mark;

/* What the writer keeps while it walks the text. */
typedef struct {
    ls_req *r;
    const char *text;
    const ls_item_list *items; /* the ledger rows of the report */
    span *spans;
    size_t n;
    open_mark stack[64]; /* the open spans, outermost first */
    size_t depth;
} doc_writer;

/* ---- GET /reports ---- */

static void report_row(ls_req *r, const ls_report *rep)
{
    long long id = rep->id;

    ls_buf_printf(&r->out, "<tr><td class=\"num\">%lld</td><td><a href=\"/reports/%lld\">", id, id);
    ls_res_text(r, rep->gov);
    ls_buf_printf(&r->out, " %lld 年政府工作报告</a></td><td class=\"num\">%lld</td><td>",
                  rep->year, rep->version);
    ls_res_text(r, rep->source);
    PUT(r, "</td><td>");
    ls_res_text(r, rep->imported_at);
    ls_buf_printf(&r->out,
                  "</td><td class=\"num\"><a href=\"/tasks?report=%lld\">%lld</a></td>"
                  "<td><a href=\"/?report=%lld\">总览</a> · <a href=\"/bulletin?report=%lld\">"
                  "通报</a></td></tr>",
                  id, rep->items, id, id);
}

void h_reports_page(ls_req *r)
{
    ls_report_list reports;
    ls_error err;
    size_t i;

    if (ls_store_reports(r->store, &reports, &err) != LS_OK) {
        ls_page_error(r, 500, err.message);
        return;
    }
    ls_page_begin(r, "报告原文");
    PUT(r, "<h1>政府工作报告</h1>");
    if (r->role == ROLE_ADMIN)
        PUT(r, "<p><a class=\"button\" href=\"/import\">导入新报告</a></p>");
    if (reports.n == 0)
        PUT(r, "<p class=\"muted\">尚未导入报告。</p>");
    ls_page_table(r,
                  "<th class=\"num\">编号</th><th>报告</th><th class=\"num\">版本</th>"
                  "<th>文件</th><th>导入时间</th><th class=\"num\">台账事项</th><th>查看</th>",
                  LS_TABLE_SORT | LS_TABLE_WIDE);
    for (i = 0; i < reports.n; i++)
        report_row(r, &reports.at[i]);
    ls_page_table_end(r);
    ls_page_end(r);
    ls_mem_free(reports.mem);
}

/* ---- the spans of a document ---- */

/* True when 'start'..'end' is a non-empty range of whole characters of
 * the text of 'len' bytes. */
static int valid_range(const char *text, size_t len, size_t start, size_t end)
{
    return start < end && end <= len && (text[start] & 0xC0) != 0x80 &&
           (end == len || (text[end] & 0xC0) != 0x80);
}

/* Adds span 'add' when its range is valid. */
static void add_span(span *s, size_t *n, span add, long long a, long long b, const char *text,
                     size_t len)
{
    if (a >= 0 && b >= 0 && valid_range(text, len, (size_t)a, (size_t)b)) {
        add.start = (size_t)a;
        add.end = (size_t)b;
        s[(*n)++] = add;
    }
}

/* Adds one span per heading, per task row (a target row is marked by its
 * mention) and per mention that has a valid range. */
static void add_spans(span *s, size_t *n, const ls_stored_heading_list *outline,
                      const ls_item_list *items, const ls_stored_mention_list *mentions,
                      const char *text, size_t len)
{
    size_t i;

    for (i = 0; i < outline->n; i++)
        add_span(s, n, (span){0, 0, SPAN_HEADING, outline->at[i].seq, NULL},
                 outline->at[i].start, outline->at[i].end, text, len);
    for (i = 0; i < items->n; i++)
        if (items->at[i].kind != LS_ITEM_TARGET)
            add_span(s, n, (span){0, 0, SPAN_TASK, items->at[i].id, NULL}, items->at[i].start,
                     items->at[i].end, text, len);
    for (i = 0; i < mentions->n; i++)
        add_span(s, n, (span){0, 0, SPAN_MENTION, mentions->at[i].id, &mentions->at[i]},
                 mentions->at[i].start, mentions->at[i].end, text, len);
}

/* Earlier start first; at one start the longer (outer) span, then by
 * kind: a heading holds a task, a task holds a mention. */
static int by_position(const void *a, const void *b)
{
    const span *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->kind - y->kind;
}

/* ---- writing the marks ---- */

/* True when a link is open (a link may not hold another). */
static int in_link(const doc_writer *w)
{
    size_t i;

    for (i = 0; i < w->depth; i++)
        if (strcmp(w->stack[i].close, "</a>") == 0)
            return 1;
    return 0;
}

/* True when ledger row 'id' is a headline target row. */
static int is_target_row(const doc_writer *w, long long id)
{
    size_t i;

    for (i = 0; i < w->items->n; i++)
        if (w->items->at[i].id == id)
            return w->items->at[i].kind == LS_ITEM_TARGET;
    return 0;
}

/* The title of a mention: 目标 · 煤炭产量 · ≥ 160,000,000 吨 · 增长. */
static void mention_title(ls_req *r, const ls_stored_mention *m)
{
    const char *kind = m->kind, *change = m->change;

    PUT(r, !kind                         ? ""
           : strcmp(kind, "target") == 0 ? "目标"
           : strcmp(kind, "actual") == 0 ? "实际"
                                         : "描述");
    if (m->metric) {
        PUT(r, " · ");
        ls_res_text(r, m->metric);
    }
    ls_buf_printf(&r->out, " · %s", ls_op_words(m->op));
    ls_page_number(r, m->value);
    if (m->has_max) {
        PUT(r, "—");
        ls_page_number(r, m->value_max);
    }
    PUT(r, " ");
    ls_res_text(r, m->unit);
    if (change)
        PUT(r, strcmp(change, "increase") == 0 ? " · 增长" : " · 下降");
}

/* The class of a mention's kind: one of the three the stylesheet knows. */
static const char *kind_class(const char *kind)
{
    return !kind                            ? ""
           : strcmp(kind, "target") == 0    ? "target"
           : strcmp(kind, "actual") == 0    ? "actual"
           : strcmp(kind, "attribute") == 0 ? "attribute"
                                            : "";
}

/* Opens a mention: the link of its target row when it stands for one
 * and no link is open, else a mark. Returns the closing tag. */
static const char *open_mention(doc_writer *w, const ls_stored_mention *m, int first)
{
    ls_req *r = w->r;
    const char *kind = kind_class(m->kind);
    long long item = m->has_item ? m->item : 0;
    int link = item > 0 && !in_link(w) && is_target_row(w, item);

    if (link) {
        ls_buf_printf(&r->out, "<a class=\"q %s\" href=\"/tasks/%lld\"", kind, item);
        if (first)
            ls_buf_printf(&r->out, " id=\"t-%lld\"", item);
    } else {
        ls_buf_printf(&r->out, "<mark class=\"q %s\"", kind);
    }
    PUT(r, " title=\"");
    mention_title(r, m);
    PUT(r, "\">");
    return link ? "</a>" : "</mark>";
}

/* Opens span 'k'; 'first' says whether this is its first piece (the one
 * that carries its id). */
static void open_span(doc_writer *w, size_t k, int first)
{
    const span *s = &w->spans[k];
    ls_req *r = w->r;
    long long id = s->id;
    const char *close;

    if (s->kind == SPAN_HEADING) {
        ls_buf_printf(&r->out,
                      first ? "<strong class=\"hd\" id=\"h-%lld\">" : "<strong class=\"hd\">", id);
        close = "</strong>";
    } else if (s->kind == SPAN_TASK && !in_link(w)) {
        ls_buf_printf(&r->out, "<a class=\"task\" href=\"/tasks/%lld\"", id);
        if (first)
            ls_buf_printf(&r->out, " id=\"t-%lld\"", id);
        ls_buf_printf(&r->out, " title=\"任务 %lld\">", id);
        close = "</a>";
    } else if (s->kind == SPAN_TASK) {
        PUT(r, "<span class=\"task\">");
        close = "</span>";
    } else {
        close = open_mention(w, s->m, first);
    }
    w->stack[w->depth].k = k;
    w->stack[w->depth++].close = close;
}

static void close_top(doc_writer *w)
{
    PUT(w->r, w->stack[--w->depth].close);
}

/* Closes every open span that ends at 'pos'. Spans opened inside one of
 * them that go on past 'pos' are closed with it and reopened. */
static void close_at(doc_writer *w, size_t pos)
{
    size_t i, keep[64], nkeep = 0, low = w->depth;

    for (i = 0; i < w->depth; i++)
        if (w->spans[w->stack[i].k].end <= pos) {
            low = i;
            break;
        }
    while (w->depth > low) {
        size_t k = w->stack[w->depth - 1].k;
        close_top(w);
        if (w->spans[k].end > pos)
            keep[nkeep++] = k;
    }
    while (nkeep > 0)
        open_span(w, keep[--nkeep], 0);
}

/* The text with every span marked, in one pass over the sorted spans. */
static void write_marked(doc_writer *w, size_t len)
{
    size_t pos = 0, next = 0, i;

    /* the blank lines a file often starts with are not shown */
    while (pos < len && strchr(" \t\r\n", w->text[pos]) && (w->n == 0 || pos < w->spans[0].start))
        pos++;
    while (pos < len) {
        size_t stop = len;
        if (next < w->n && w->spans[next].start < stop)
            stop = w->spans[next].start;
        for (i = 0; i < w->depth; i++)
            if (w->spans[w->stack[i].k].end < stop)
                stop = w->spans[w->stack[i].k].end;
        ls_res_textn(w->r, w->text + pos, stop - pos);
        pos = stop;
        close_at(w, pos);
        while (next < w->n && w->spans[next].start == pos && w->depth < 64)
            open_span(w, next++, 1);
        while (next < w->n && w->spans[next].start == pos)
            next++; /* nested deeper than the stack holds: left unmarked */
    }
    while (w->depth > 0)
        close_top(w);
}

/* ---- GET /reports/:id ---- */

/* The table of contents: one link per heading, indented by level. */
static void toc(ls_req *r, const ls_stored_heading_list *outline)
{
    size_t i;

    PUT(r, "<nav class=\"toc\" aria-label=\"目录\"><details open><summary>目录</summary><ol>");
    for (i = 0; i < outline->n; i++) {
        const ls_stored_heading *h = &outline->at[i];
        ls_buf_printf(&r->out, "<li class=\"lv%lld\"><a href=\"#h-%lld\">", h->level, h->seq);
        ls_res_text(r, h->title);
        PUT(r, "</a></li>");
    }
    PUT(r, "</ol></details></nav>");
}

/* The heading above the text: the report's name, its figures, the key
 * to the marks. */
static void doc_head(ls_req *r, const ls_report *rep, size_t tasks, size_t mentions)
{
    long long id = rep->id;

    PUT(r, "<h1>");
    ls_res_text(r, rep->gov);
    ls_buf_printf(&r->out, " %lld 年政府工作报告</h1><p class=\"muted\">", rep->year);
    ls_res_text(r, rep->source);
    ls_buf_printf(&r->out,
                  " · 第 %lld 版 · 台账事项 %zu 项 · 数量表述 %zu 处 · "
                  "<a href=\"/tasks?report=%lld\">任务台账</a> · <a href=\"/?report=%lld\">"
                  "总览</a></p><p class=\"key\"><a class=\"task\">任务（点击查看）</a> "
                  "<mark class=\"q target\">目标</mark> <mark class=\"q actual\">实际</mark> "
                  "<mark class=\"q attribute\">描述</mark></p>",
                  rep->version, tasks, mentions, id, id);
}

static void document(ls_req *r, const ls_report *rep, const ls_stored_heading_list *outline,
                     const ls_item_list *items, const ls_stored_mention_list *mentions)
{
    const char *text = rep->text;
    size_t len = text ? strlen(text) : 0;
    size_t cap = outline->n + items->n + mentions->n;
    doc_writer w;

    memset(&w, 0, sizeof w);
    w.r = r;
    w.text = text ? text : "";
    w.items = items;
    w.spans = ls_calloc(cap + 1, sizeof *w.spans);
    if (!w.spans) {
        ls_page_error(r, 500, "out of memory");
        return;
    }
    add_spans(w.spans, &w.n, outline, items, mentions, w.text, len);
    qsort(w.spans, w.n, sizeof *w.spans, by_position);
    ls_page_begin(r, "报告原文");
    doc_head(r, rep, items->n, mentions->n);
    PUT(r, "<div class=\"docwrap\">");
    toc(r, outline);
    PUT(r, "<article class=\"doc\">");
    write_marked(&w, len);
    PUT(r, "</article></div>");
    ls_page_end(r);
    ls_free(w.spans);
}

void h_report_page(ls_req *r)
{
    long long id = strtoll(r->params[0], NULL, 10);
    ls_report_list rep = {NULL, 0, NULL};
    ls_stored_heading_list outline = {NULL, 0, NULL};
    ls_stored_mention_list mentions = {NULL, 0, NULL};
    ls_item_list items = {NULL, 0, NULL};
    ls_item_filter f;
    ls_error err;
    ls_status st;

    memset(&f, 0, sizeof f);
    f.report = id;
    LS_CHECK(ls_store_report(r->store, id, 1, &rep, &err));
    LS_CHECK(ls_store_report_outline(r->store, id, &outline, &err));
    LS_CHECK(ls_store_items(r->store, &f, &items, &err));
    LS_CHECK(ls_store_report_mentions(r->store, id, &mentions, &err));
done:
    if (st == LS_ENOTFOUND)
        ls_page_error(r, 404, "没有这份报告");
    else if (st != LS_OK)
        ls_page_error(r, 500, err.message);
    else
        document(r, rep.at, &outline, &items, &mentions);
    ls_mem_free(rep.mem);
    ls_mem_free(outline.mem);
    ls_mem_free(items.mem);
    ls_mem_free(mentions.mem);
}
