/*
 * doc_sink.h — one official document written in any of three formats: a
 * writer (bulletin_out.c, remind_out.c) says what the document holds —
 * a title, headings, paragraphs, tables, lines set right (落款) — once,
 * and the sink writes it as Markdown, as an HTML page with a print
 * stylesheet, or as DOCX through docx_write.c. Texts are given as they
 * read (UTF-8, unescaped); the sink escapes them for HTML and XML.
 */
#ifndef LS_FORMAT_DOC_SINK_H
#define LS_FORMAT_DOC_SINK_H

#include <stddef.h>

#include "buf.h"
#include "docx_write.h"

typedef enum { LS_SINK_MD = 0, LS_SINK_HTML, LS_SINK_DOCX } ls_sink_kind;

typedef struct {
    ls_sink_kind kind;
    ls_buf *b;    /* MD, HTML: the output */
    ls_docx *d;   /* DOCX: the document */
    ls_buf text;  /* MD, HTML: what 'b' points at (ls_sink_open) */
} ls_sink;

/* "2023-07-10" as 2023年7月10日 in 'out' ('size' bytes), the way an
 * official document dates itself; other text as it is. Returns 'out'. */
const char *ls_cn_date(const char *day, char *out, size_t size);

/* "md", "html" or "docx" into '*kind'; 0 if none of them. */
int ls_sink_parse(const char *format, ls_sink_kind *kind);

/* Opens sink 's' for 'format' ("md", "html", "docx"): LS_EINVAL naming
 * 'what' ("bulletin", "reminder") for another format, LS_ENOMEM. */
ls_status ls_sink_open(ls_sink *s, const char *format, const char *what, ls_error *err);

/* Closes sink 's', handing its bytes to '*out' ('*len' bytes; the caller
 * frees them with ls_free), or LS_ENOMEM when writing failed; frees what
 * the sink held either way. */
ls_status ls_sink_close(ls_sink *s, char **out, size_t *len, ls_error *err);

/* The start of an HTML page (head, styles for screen and print) or
 * nothing; 'title' names the page. */
void ls_sink_begin(ls_sink *s, const char *title);
/* The end of the HTML page, or nothing. */
void ls_sink_end(ls_sink *s);
/* The 发文机关 (red, centred, large) of a document's head. */
void ls_sink_issuer(ls_sink *s, const char *text);
void ls_sink_title(ls_sink *s, const char *text);
void ls_sink_heading(ls_sink *s, const char *text);
void ls_sink_para(ls_sink *s, const char *text);
void ls_sink_line(ls_sink *s, ls_docx_align align, const char *text);
/* A paragraph led by a coloured mark (【红】); 'code' "red", "yellow" or
 * "blue" picks the colour. */
void ls_sink_marked(ls_sink *s, const char *mark, const char *code, const char *text);
/* A table, the first row its header ('cells' row by row; NULL: empty). */
void ls_sink_table(ls_sink *s, const char *const *cells, size_t nrows, size_t ncols);
/* A new page: a page break (DOCX, and HTML when printed), a rule (MD). */
void ls_sink_page_break(ls_sink *s);

#endif
