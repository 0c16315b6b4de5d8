/*
 * doc_sink.c — the three formats of an official document (doc_sink.h).
 * Markdown is plain: # title, ## headings, a pipe table. HTML is a page
 * that prints as a document: A4 margins of GB/T 9704, 仿宋 body, 黑体
 * headings, the 发文机关 in red, tables that repeat their header on each
 * page, and page breaks where the document asks. DOCX is docx_write.c's.
 */
#include "doc_sink.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "escape.h"

static const char html_style[] =
    "<style>body{font-family:\"FangSong\",\"仿宋_GB2312\",\"仿宋\",\"Noto Serif CJK SC\",serif;"
    "max-width:60em;margin:2em auto;padding:0 1em;line-height:1.75;font-size:16pt}"
    "h1{text-align:center;font-family:\"方正小标宋简体\",\"Noto Serif CJK SC\",serif;"
    "font-size:22pt;font-weight:normal;margin:1em 0}"
    "h2{font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif;font-size:16pt;"
    "font-weight:normal;margin:.6em 0 .2em 2em}p{text-indent:2em;margin:.2em 0}"
    "p.line{text-indent:0}p.center{text-align:center;text-indent:0}"
    "p.right{text-align:right;text-indent:0}.issuer{color:#c00;text-align:center;"
    "font-size:26pt;letter-spacing:.2em;text-indent:0;border-bottom:2px solid #c00;"
    "padding-bottom:.3em;margin-bottom:.6em}"
    ".mark-red{color:#c62828;font-weight:bold}.mark-yellow{color:#b8860b;font-weight:bold}"
    ".mark-blue{color:#1565c0;font-weight:bold}"
    "table{border-collapse:collapse;width:100%;font-size:12pt;line-height:1.4}"
    "td,th{border:1px solid #000;padding:.2em .4em;text-align:center}"
    "svg{max-width:100%;height:auto}.page-break{break-after:page}"
    "@media print{@page{size:A4;margin:37mm 26mm 35mm 28mm}body{max-width:none;margin:0;"
    "padding:0}svg,.no-print{display:none}thead{display:table-header-group}"
    "tr,p{break-inside:avoid}h2{break-after:avoid}hr.page-break{border:0;margin:0}}"
    "</style>";

const char *ls_cn_date(const char *day, char *out, size_t size)
{
    int y, m, d;
    char extra;

    if (day && sscanf(day, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3)
        snprintf(out, size, "%d年%d月%d日", y, m, d);
    else
        snprintf(out, size, "%s", day ? day : "");
    return out;
}

int ls_sink_parse(const char *format, ls_sink_kind *kind)
{
    if (!format)
        return 0;
    if (strcmp(format, "md") == 0)
        *kind = LS_SINK_MD;
    else if (strcmp(format, "html") == 0)
        *kind = LS_SINK_HTML;
    else if (strcmp(format, "docx") == 0)
        *kind = LS_SINK_DOCX;
    else
        return 0;
    return 1;
}

ls_status ls_sink_open(ls_sink *s, const char *format, const char *what, ls_error *err)
{
    memset(s, 0, sizeof *s);
    if (!ls_sink_parse(format, &s->kind))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s format '%s' is not md, html or docx", what,
                            format ? format : "");
    ls_buf_init(&s->text);
    s->b = &s->text;
    if (s->kind == LS_SINK_DOCX && !(s->d = ls_docx_new()))
        return ls_error_nomem(err);
    return LS_OK;
}

ls_status ls_sink_close(ls_sink *s, char **out, size_t *len, ls_error *err)
{
    ls_status st = LS_OK;

    *out = NULL;
    *len = 0;
    if (s->kind == LS_SINK_DOCX)
        st = ls_docx_save(s->d, out, len, err);
    else if (s->text.failed)
        st = ls_error_nomem(err);
    else
        *out = ls_buf_detach(&s->text, len);
    ls_docx_free(s->d);
    s->d = NULL;
    ls_buf_release(&s->text);
    return st;
}

void ls_sink_begin(ls_sink *s, const char *title)
{
    if (s->kind != LS_SINK_HTML)
        return;
    ls_buf_puts(s->b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "<title>");
    ls_escape_html_str(s->b, title);
    ls_buf_puts(s->b, "</title>");
    ls_buf_puts(s->b, html_style);
    ls_buf_puts(s->b, "</head><body>\n");
}

void ls_sink_end(ls_sink *s)
{
    if (s->kind == LS_SINK_HTML)
        ls_buf_puts(s->b, "</body></html>\n");
}

/* An HTML element 'tag' of class 'cls' (NULL: none) holding 'text'. */
static void html_el(ls_sink *s, const char *tag, const char *cls, const char *text)
{
    ls_buf_printf(s->b, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "",
                  cls ? "\"" : "");
    ls_escape_html_str(s->b, text);
    ls_buf_printf(s->b, "</%s>\n", tag);
}

void ls_sink_issuer(ls_sink *s, const char *text)
{
    if (s->kind == LS_SINK_HTML)
        html_el(s, "p", "issuer", text);
    else if (s->kind == LS_SINK_MD)
        ls_buf_printf(s->b, "**%s**\n\n", text);
    else
        ls_docx_issuer(s->d, text);
}

void ls_sink_title(ls_sink *s, const char *text)
{
    if (s->kind == LS_SINK_HTML)
        html_el(s, "h1", NULL, text);
    else if (s->kind == LS_SINK_MD)
        ls_buf_printf(s->b, "# %s\n\n", text);
    else
        ls_docx_title(s->d, text);
}

void ls_sink_heading(ls_sink *s, const char *text)
{
    if (s->kind == LS_SINK_HTML)
        html_el(s, "h2", NULL, text);
    else if (s->kind == LS_SINK_MD)
        ls_buf_printf(s->b, "## %s\n\n", text);
    else
        ls_docx_heading(s->d, 1, text);
}

void ls_sink_para(ls_sink *s, const char *text)
{
    if (s->kind == LS_SINK_HTML)
        html_el(s, "p", NULL, text);
    else if (s->kind == LS_SINK_MD)
        ls_buf_printf(s->b, "%s\n\n", text);
    else
        ls_docx_para(s->d, text);
}

void ls_sink_line(ls_sink *s, ls_docx_align align, const char *text)
{
    static const char *const cls[] = {"line", "center", "right"};

    if (s->kind == LS_SINK_HTML)
        html_el(s, "p", cls[align], text);
    else if (s->kind == LS_SINK_MD && align == LS_DOCX_RIGHT)
        ls_buf_printf(s->b, "<div align=\"right\">%s</div>\n\n", text);
    else if (s->kind == LS_SINK_MD)
        ls_buf_printf(s->b, "%s\n\n", text);
    else
        ls_docx_line(s->d, align, text);
}

void ls_sink_marked(ls_sink *s, const char *mark, const char *code, const char *text)
{
    const char *rgb = strcmp(code, "red") == 0      ? "C62828"
                      : strcmp(code, "yellow") == 0 ? "B8860B"
                                                    : "1565C0";

    if (s->kind == LS_SINK_HTML) {
        ls_buf_printf(s->b, "<p><span class=\"mark-%s\">", code);
        ls_escape_html_str(s->b, mark);
        ls_buf_puts(s->b, "</span>");
        ls_escape_html_str(s->b, text);
        ls_buf_puts(s->b, "</p>\n");
    } else if (s->kind == LS_SINK_MD) {
        ls_buf_printf(s->b, "- **%s**%s\n", mark, text);
    } else {
        ls_docx_marked(s->d, mark, rgb, text);
    }
}

/* A Markdown cell: '|' and line breaks would end it. */
static void md_cell(ls_buf *b, const char *s)
{
    for (; s && *s; s++)
        if (*s == '|')
            ls_buf_puts(b, "\\|");
        else if (*s == '\n' || *s == '\r')
            ls_buf_puts(b, " ");
        else
            ls_buf_append(b, s, 1);
}

void ls_sink_table(ls_sink *s, const char *const *cells, size_t nrows, size_t ncols)
{
    size_t r, c;

    if (s->kind == LS_SINK_DOCX) {
        ls_docx_add_table(s->d, cells, nrows, ncols);
        return;
    }
    if (s->kind == LS_SINK_HTML)
        ls_buf_puts(s->b, "<table>");
    for (r = 0; r < nrows; r++) {
        if (s->kind == LS_SINK_HTML)
            ls_buf_puts(s->b, r == 0 ? "<thead><tr>" : "<tr>");
        for (c = 0; c < ncols; c++) {
            const char *v = cells[r * ncols + c];
            if (s->kind == LS_SINK_HTML) {
                ls_buf_puts(s->b, r == 0 ? "<th>" : "<td>");
                ls_escape_html_str(s->b, v ? v : "");
                ls_buf_puts(s->b, r == 0 ? "</th>" : "</td>");
            } else {
                ls_buf_puts(s->b, c == 0 ? "| " : " ");
                md_cell(s->b, v);
                ls_buf_puts(s->b, " |");
            }
        }
        if (s->kind == LS_SINK_HTML)
            ls_buf_puts(s->b, r == 0 ? "</tr></thead><tbody>\n" : "</tr>\n");
        else
            ls_buf_puts(s->b, "\n");
        if (s->kind == LS_SINK_MD && r == 0) {
            for (c = 0; c < ncols; c++)
                ls_buf_puts(s->b, c == 0 ? "|---|" : "---|");
            ls_buf_puts(s->b, "\n");
        }
    }
    ls_buf_puts(s->b, s->kind == LS_SINK_HTML ? "</tbody></table>\n" : "\n");
}

void ls_sink_page_break(ls_sink *s)
{
    if (s->kind == LS_SINK_HTML)
        ls_buf_puts(s->b, "<hr class=\"page-break\">\n");
    else if (s->kind == LS_SINK_MD)
        ls_buf_puts(s->b, "---\n\n");
    else
        ls_docx_page_break(s->d);
}
