/*
 * docx_read.c — the text and the largest table of a Word document, read
 * from word/document.xml as a stream of nodes (sheet_zip.c: the limits on
 * the archive and its XML) with the numbering of docx_num.c:
 *
 *   w:body
 *     w:p        a paragraph: w:pPr (w:pStyle, w:numPr), then runs
 *       w:r      a run: w:rPr (w:b bold, w:vanish hidden), w:t text,
 *                w:tab, w:br, w:cr, w:noBreakHyphen
 *     w:tbl      a table: w:tr rows of w:tc cells (w:tcPr: w:gridSpan,
 *                w:vMerge), each holding paragraphs and maybe tables
 *
 * Left out: what Word does not show (w:vanish), revision history
 * (w:pPrChange, w:rPrChange …: the text of w:del is w:delText, not w:t),
 * the fallback copy of a drawing (mc:Fallback) and text boxes
 * (w:txbxContent: paragraphs inside a paragraph, out of the reading
 * order). Headers, footers and notes are other parts, not read. What the
 * text means is not this file's business.
 */
#include "docx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "docx_num.h"
#include "error.h"
#include "sheet_zip.h"

#define NUM_TEXT 128 /* bytes of a paragraph's number: "1.2.3." */

/* The walk over word/document.xml. */
typedef struct {
    ls_archive ar;
    ls_docx_numbering nb;
    ls_error *err;
    ls_status st;
    ls_buf *out; /* the text, or NULL when only tables are wanted */
    int marks;   /* write **bold leads** */
    int skip;    /* depth of the element being left out, or -1 */
    /* the paragraph being read */
    ls_buf para;
    char style[LS_DOCX_STYLE_ID];
    long num_id, ilvl;
    int in_ppr, in_numpr, in_run, in_rpr, in_t;
    int bold, hidden, last_bold, bold_open;
    /* tables: 'tables' open; the row and cell of the outermost one */
    int tables, in_tcpr;
    ls_buf cell, row;
    size_t row_at, col, span, cells_in_row;
    int vmerge; /* 0 none, 1 restart, 2 continue */
    uint32_t above[LS_GRID_MAX_COLS];
    unsigned char has_above[LS_GRID_MAX_COLS];
    int want_grid;
    ls_grid cur, best;
} walk;

/* ---- helpers ---- */

static int is_blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

/* Attribute w:val of the current element, "" when absent. */
static void val(const ls_member *p, char *out, size_t size)
{
    const char *names[2] = {"val", NULL};

    ls_member_attrs(p, NULL, names, out, size);
}

/* A toggle property (w:b, w:vanish) is on unless w:val says 0/false/off. */
static int toggle_on(const ls_member *p)
{
    char v[8];

    val(p, v, sizeof v);
    return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* True when the text of 'b' ends a sentence or a line (a manual break)
 * or is empty (blanks aside): where a bold run-in lead may begin. */
static int at_sentence_start(const ls_buf *b)
{
    static const char *const ends[] = {"。", "！", "？", "；", "：", "…"};
    size_t n = b->len, i;

    while (n > 0 && (b->data[n - 1] == ' ' || b->data[n - 1] == '\t'))
        n--;
    if (n == 0 || b->data[n - 1] == '\n')
        return 1;
    for (i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (n >= 3 && memcmp(b->data + n - 3, ends[i], 3) == 0)
            return 1;
    return 0;
}

/* The error for text past LS_DOCX_MAX_TEXT. */
static ls_status too_much(walk *w)
{
    return ls_error_set(w->err, LS_EINVAL, LS_NO_OFFSET, 0,
                        "%s: the document gives more than %zu MB of text (the limit)",
                        w->ar.name, LS_DOCX_MAX_TEXT >> 20);
}

/* ---- runs ---- */

/* Text 's' ('n' bytes) of the current run into the paragraph, with the
 * bold marks of a lead (outside tables, when 'marks'). */
static void run_text(walk *w, const char *s, size_t n)
{
    int visible = !is_blank(s, n);

    if (w->hidden || n == 0)
        return;
    if (w->marks && !w->tables && visible) {
        if (w->bold && !w->last_bold && at_sentence_start(&w->para)) {
            ls_buf_append(&w->para, "**", 2);
            w->bold_open = 1;
        } else if (!w->bold && w->bold_open) {
            ls_buf_append(&w->para, "**", 2);
            w->bold_open = 0;
        }
    }
    if (visible)
        w->last_bold = w->bold;
    ls_buf_append(&w->para, s, n);
}

/* ---- paragraphs ---- */

static void para_begin(walk *w)
{
    w->para.len = 0;
    if (w->para.data)
        w->para.data[0] = '\0';
    w->style[0] = '\0';
    w->num_id = w->ilvl = -1;
    w->last_bold = w->bold_open = 0;
}

/* The paragraph read: its number before it, into the cell of the table it
 * is in, or a line of the text; the lines its breaks make, less the blank
 * ones (a numbered paragraph with no text is its number: a 序号 cell). */
static void para_end(walk *w)
{
    char num[NUM_TEXT];
    ls_buf *to = w->tables ? &w->cell : w->out;
    const char *s, *end, *nl;
    int wrote = 0;

    if (w->bold_open)
        ls_buf_append(&w->para, "**", 2);
    w->bold_open = 0;
    ls_docx_number(&w->nb, w->style, w->num_id, w->ilvl, num, sizeof num);
    if (!to)
        return;
    s = w->para.data ? w->para.data : "";
    end = s + w->para.len;
    for (; s <= end; s = nl + 1) {
        nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl)
            nl = end;
        if (is_blank(s, (size_t)(nl - s)) && !(nl == end && !wrote && num[0]))
            continue;
        /* a cell's paragraphs are one text, a line apart */
        if (wrote || (w->tables && to->len > 0))
            ls_buf_append(to, "\n", 1);
        if (!wrote)
            ls_buf_puts(to, num);
        ls_buf_append(to, s, (size_t)(nl - s));
        wrote = 1;
    }
    if (wrote && !w->tables)
        ls_buf_append(to, "\n", 1);
}

/* ---- tables ---- */

/* The cell read: into the row's line (its line breaks as spaces) and,
 * when a grid is wanted, into the table's grid, a vertically merged cell
 * taking the text of the one above. */
static void cell_end(walk *w)
{
    size_t i, start;
    uint32_t off = 0;
    int kept = 0;

    if (w->cells_in_row++ > 0)
        ls_buf_append(&w->row, "\t", 1);
    start = w->row.len;
    if (w->vmerge != 2)
        ls_buf_append(&w->row, w->cell.data ? w->cell.data : "", w->cell.len);
    for (i = start; i < w->row.len; i++)
        if (w->row.data[i] == '\n' || w->row.data[i] == '\t')
            w->row.data[i] = ' ';
    if (w->want_grid && w->col < LS_GRID_MAX_COLS) {
        if (w->vmerge == 2) {
            kept = w->has_above[w->col];
            off = w->above[w->col];
        } else if (w->cell.len > 0) {
            size_t at = w->cur.text_len;
            w->st = ls_grid_append(&w->cur, w->cell.data, w->cell.len, w->ar.name, w->err);
            kept = w->st == LS_OK && ls_grid_keep(&w->cur, at, &off);
        }
        if (w->st == LS_OK && kept)
            w->st = ls_grid_put(&w->cur, w->row_at, w->col, off, w->ar.name, 0, w->err);
        w->above[w->col] = off;
        w->has_above[w->col] = (unsigned char)kept;
    } else if (w->want_grid && w->cell.len > 0 && !is_blank(w->cell.data, w->cell.len)) {
        w->st = ls_grid_put(&w->cur, w->row_at, w->col, 0, w->ar.name, 0, w->err);
    }
    w->col += w->span;
}

/* The row read: a line of the text unless all its cells are empty. */
static void row_end(walk *w)
{
    while (w->row.len > 0 && w->row.data[w->row.len - 1] == '\t')
        w->row.len--;
    if (w->out && !is_blank(w->row.data ? w->row.data : "", w->row.len)) {
        ls_buf_append(w->out, w->row.data, w->row.len);
        ls_buf_append(w->out, "\n", 1);
    }
    w->row.len = 0;
    w->row_at++;
}

/* The outermost table read: the grid kept when it has more cells than the
 * largest so far. */
static void table_end(walk *w)
{
    ls_grid spare;

    if (!w->want_grid)
        return;
    w->st = ls_grid_done(&w->cur, w->err);
    if (w->st == LS_OK && w->cur.ncells > w->best.ncells) {
        spare = w->best;
        w->best = w->cur;
        w->cur = spare;
    }
    ls_grid_free(&w->cur);
    memset(w->has_above, 0, sizeof w->has_above);
}

/* ---- the walk ---- */

/* An element whose content is left out (see the file's comment). */
static int is_skipped(const char *name)
{
    static const char *const names[] = {"pPrChange", "rPrChange", "tblPrChange", "trPrChange",
                                        "tcPrChange", "sectPrChange", "numberingChange",
                                        "Fallback", "txbxContent", "del", "moveFrom"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* The start of an element (an empty one ends at once: elem_end follows). */
static void elem_start(walk *w, ls_member *p)
{
    const char *n = p->name;
    char v[LS_DOCX_STYLE_ID];

    if (is_skipped(n)) {
        w->skip = p->empty ? -1 : p->depth;
    } else if (strcmp(n, "p") == 0) {
        para_begin(w);
    } else if (strcmp(n, "pPr") == 0) {
        w->in_ppr = 1;
    } else if (w->in_ppr && strcmp(n, "pStyle") == 0) {
        val(p, w->style, sizeof w->style);
    } else if (w->in_ppr && strcmp(n, "numPr") == 0) {
        w->in_numpr = 1;
    } else if (w->in_numpr && (strcmp(n, "numId") == 0 || strcmp(n, "ilvl") == 0)) {
        val(p, v, sizeof v);
        *(n[0] == 'n' ? &w->num_id : &w->ilvl) = strtol(v, NULL, 10);
    } else if (strcmp(n, "r") == 0) {
        w->in_run = 1;
        w->bold = w->hidden = 0;
    } else if (w->in_run && strcmp(n, "rPr") == 0) {
        w->in_rpr = 1;
    } else if (w->in_rpr && strcmp(n, "b") == 0) {
        w->bold = toggle_on(p);
    } else if (w->in_rpr && strcmp(n, "vanish") == 0) {
        w->hidden = toggle_on(p);
    } else if (w->in_run && strcmp(n, "t") == 0) {
        w->in_t = 1;
    } else if (w->in_run && (strcmp(n, "tab") == 0 || strcmp(n, "noBreakHyphen") == 0)) {
        run_text(w, n[0] == 't' ? " " : "-", 1);
    } else if (w->in_run && (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0)) {
        static const char *const type[] = {"type", NULL};
        ls_member_attrs(p, NULL, type, v, sizeof v);
        /* a page or column break is layout, not a line of the text */
        if (strcmp(v, "page") != 0 && strcmp(v, "column") != 0 && !w->hidden)
            ls_buf_append(&w->para, "\n", 1);
    } else if (strcmp(n, "tbl") == 0) {
        if (w->tables++ == 0)
            w->row_at = 0;
    } else if (w->tables == 1 && strcmp(n, "tr") == 0) {
        w->row.len = 0;
        w->col = 0;
        w->cells_in_row = 0;
    } else if (w->tables == 1 && strcmp(n, "gridBefore") == 0) {
        val(p, v, sizeof v);
        w->col += (size_t)strtoul(v, NULL, 10) % LS_GRID_MAX_COLS;
    } else if (w->tables == 1 && strcmp(n, "tc") == 0) {
        w->cell.len = 0;
        w->span = 1;
        w->vmerge = 0;
    } else if (w->tables == 1 && strcmp(n, "tcPr") == 0) {
        w->in_tcpr = 1;
    } else if (w->in_tcpr && strcmp(n, "gridSpan") == 0) {
        val(p, v, sizeof v);
        w->span = (size_t)strtoul(v, NULL, 10);
        if (w->span < 1 || w->span > LS_GRID_MAX_COLS)
            w->span = 1;
    } else if (w->in_tcpr && strcmp(n, "vMerge") == 0) {
        val(p, v, sizeof v);
        w->vmerge = strcmp(v, "restart") == 0 ? 1 : 2;
    }
}

/* The end of an element. */
static void elem_end(walk *w, const ls_member *p)
{
    const char *n = p->name;

    if (strcmp(n, "p") == 0)
        para_end(w);
    else if (strcmp(n, "pPr") == 0)
        w->in_ppr = w->in_numpr = 0;
    else if (strcmp(n, "numPr") == 0)
        w->in_numpr = 0;
    else if (strcmp(n, "r") == 0)
        w->in_run = w->in_rpr = w->in_t = 0;
    else if (strcmp(n, "rPr") == 0)
        w->in_rpr = 0;
    else if (strcmp(n, "t") == 0)
        w->in_t = 0;
    else if (strcmp(n, "tcPr") == 0)
        w->in_tcpr = 0;
    else if (w->tables == 1 && strcmp(n, "tc") == 0)
        cell_end(w);
    else if (w->tables == 1 && strcmp(n, "tr") == 0)
        row_end(w);
    else if (strcmp(n, "tbl") == 0 && w->tables > 0 && --w->tables == 0)
        table_end(w);
}

/* One node of the document. */
static void node(walk *w, ls_member *p)
{
    const char *s;

    if (w->skip >= 0) {
        if (p->type == XML_READER_TYPE_END_ELEMENT && p->depth == w->skip)
            w->skip = -1;
        return;
    }
    if (p->type == XML_READER_TYPE_ELEMENT) {
        elem_start(w, p);
        if (p->empty && w->skip < 0)
            elem_end(w, p);
    } else if (p->type == XML_READER_TYPE_END_ELEMENT) {
        elem_end(w, p);
    } else if (w->in_t && (s = ls_member_text(p)) != NULL) {
        run_text(w, s, strlen(s));
    }
}

/* The target of the officeDocument relationship of _rels/.rels into
 * 'member' (word/document.xml when there is none). */
static ls_status main_part(walk *w, char *member, size_t size)
{
    static const char *const names[] = {"Type", "Target", NULL};
    char v[2][256];
    ls_member p;
    int found = 0;
    ls_status st;
    size_t n;

    snprintf(member, size, "word/document.xml");
    LS_CHECK(ls_member_open(&w->ar, "_rels/.rels", "_rels/.rels", &p, &found, w->err));
    while (found && ls_member_next(&p)) {
        if (p.depth != 1 || !ls_member_start(&p, "Relationship") ||
            ls_member_attrs(&p, NULL, names, v[0], sizeof v[0]) != 3)
            continue;
        n = strlen(v[0]);
        if (n >= 15 && strcmp(v[0] + n - 15, "/officeDocument") == 0) {
            snprintf(member, size, "%s", v[1] + (v[1][0] == '/'));
            break;
        }
    }
    if (found) {
        found = 0; /* closed here: nothing left for done: to close */
        LS_CHECK(ls_member_close(&p, NULL));
    }
done:
    if (found)
        ls_member_close(&p, NULL); /* the first failure is the one told */
    return st;
}

/* Reads the document of 'w->ar' through 'node'. */
static ls_status read_document(walk *w)
{
    char member[256];
    ls_member p;
    int found = 0, damaged = 0;
    ls_status st, closed;

    LS_CHECK(main_part(w, member, sizeof member));
    LS_CHECK(ls_docx_numbering_read(&w->ar, &w->nb, w->err));
    st = ls_member_open(&w->ar, member, member, &p, &found, w->err);
    if (st != LS_OK) {
        if (found)
            ls_member_close(&p, NULL); /* opened, its reader not made: closed either way */
        goto done;
    }
    if (!found)
        LS_CHECK(ls_error_set(w->err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: a zip archive but not a Word document (no %s)", w->ar.name,
                              member));
    while (w->st == LS_OK && ls_member_next(&p)) {
        /* a workbook or a presentation has another root */
        if (p.depth == 0 && p.type == XML_READER_TYPE_ELEMENT && strcmp(p.name, "document") != 0) {
            w->st = ls_error_set(w->err, LS_EINVAL, LS_NO_OFFSET, 0,
                                 "%s: a zip archive but not a Word document (no "
                                 "word/document.xml)",
                                 w->ar.name);
            break;
        }
        node(w, &p);
        if (w->out && w->out->len > LS_DOCX_MAX_TEXT)
            w->st = too_much(w);
        else if (w->para.failed || w->cell.failed || w->row.failed || (w->out && w->out->failed))
            w->st = ls_error_nomem(w->err);
    }
    closed = ls_member_close(&p, &damaged);
    LS_CHECK(w->st);
    LS_CHECK(closed);
    if (damaged)
        LS_CHECK(ls_error_set(w->err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: the Word document is damaged (%s is not well-formed XML or "
                              "cannot be inflated)",
                              w->ar.name, member));
done:
    return st;
}

/* Opens DOCX 'bytes' and walks its document into 'w' (set up by the
 * caller); releases all but 'w->out' and 'w->best'. */
static ls_status run(walk *w, const char *name, const char *bytes, size_t len, ls_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    ls_xml_handlers saved; /* this thread's libxml2 handlers */
    ls_status st;

    st = ls_zip_load(err);
    if (st != LS_OK)
        return st;
    if ((st = ls_xml_load(err)) != LS_OK)
        return st;
    w->err = err;
    w->skip = -1;
    w->ar.name = name;
    w->ar.kind = "document";
    w->ar.size = len;
    ls_zip.zip_error_init(&ze);
    src = ls_zip.zip_source_buffer_create(bytes, len, 0, &ze);
    w->ar.z = src ? ls_zip.zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    ls_zip.zip_error_fini(&ze);
    if (!w->ar.z) {
        ls_zip.zip_source_free(src);
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: not a Word document (DOCX): %s", name,
                            ls_docx_detect(bytes, len) ? "a damaged zip archive"
                                                       : "not a zip archive");
    }
    ls_xml_quiet(&saved);
    st = read_document(w);
    ls_xml_restore(&saved);
    ls_zip.zip_discard(w->ar.z);
    ls_docx_numbering_free(&w->nb);
    ls_buf_release(&w->para);
    ls_buf_release(&w->cell);
    ls_buf_release(&w->row);
    ls_grid_free(&w->cur);
    return st;
}

int ls_docx_detect(const char *bytes, size_t len)
{
    return len >= 4 && memcmp(bytes, "PK\3\4", 4) == 0;
}

/* The text of the document, with bold marks when 'marks'. */
static ls_status text_of(const char *name, const char *bytes, size_t len, ls_buf *text,
                         int marks, ls_error *err)
{
    walk *w = ls_calloc(1, sizeof *w);
    ls_status st;

    ls_buf_init(text);
    if (!w)
        return ls_error_nomem(err);
    w->out = text;
    w->marks = marks;
    LS_CHECK(run(w, name, bytes, len, err));
    if (!text->data)
        ls_buf_puts(text, ""); /* an empty document is an empty string */
    if (text->failed)
        LS_CHECK(ls_error_nomem(err));
done:
    ls_free(w);
    if (st != LS_OK)
        ls_buf_release(text);
    return st;
}

ls_status ls_docx_text(const char *name, const char *bytes, size_t len, ls_buf *text, ls_error *err)
{
    return text_of(name, bytes, len, text, 0, err);
}

ls_status ls_docx_report_text(const char *name, const char *bytes, size_t len, ls_buf *text,
                              ls_error *err)
{
    return text_of(name, bytes, len, text, 1, err);
}

ls_status ls_docx_table(const char *name, const char *bytes, size_t len, ls_grid *grid,
                        ls_error *err)
{
    walk *w = ls_calloc(1, sizeof *w);
    ls_status st;

    memset(grid, 0, sizeof *grid);
    if (!w)
        return ls_error_nomem(err);
    w->want_grid = 1;
    LS_CHECK(run(w, name, bytes, len, err));
    if (w->best.ncells == 0)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: the Word document has no table",
                              name));
    *grid = w->best;
done:
    if (st != LS_OK)
        ls_grid_free(&w->best);
    ls_free(w);
    return st;
}
