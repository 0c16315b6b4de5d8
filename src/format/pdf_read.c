/*
 * pdf_read.c — the text layer of a PDF report, one paragraph a line.
 *
 * poppler lays a page's text out in lines, in reading order, and gives
 * the box of each character. A PDF has no paragraphs, only lines where
 * the page was full; a report's paragraph ends short of the right edge,
 * or is followed by an indented first line (two characters, as Chinese
 * documents are set). So a line continues into the next one, on this
 * page or the next, when it reaches the right edge of the page's text
 * (within two characters) and the next is not indented and does not
 * start a numbered heading (一、 （一） 1.):
 *
 *       一年来，我们坚持能源主导、数字先行，工业|   runs to the edge   → joined
 *   经济实现稳中向好。全年原煤产量完成1.6亿吨。  |   ends short         → a line
 *       一年来，我们坚持文旅融合……               |   indented: new paragraph
 *
 * Without character boxes (poppler gave a different count) a line ending
 * a sentence ends the paragraph. Page numbers alone on the first or last
 * line of a page are left out; the space a typesetter puts between
 * Chinese and Latin text (2022 年) too; text in a bold font or in 黑体 that
 * opens a paragraph or a sentence is written **like this**, the run-in
 * lead the outline reads. It does not read images (a scan is an error)
 * nor guess reading order beyond poppler's (two columns, tables).
 */
#include "pdf_read.h"

#include <pthread.h>
#include <string.h>


#include "alloc.h"
#include "error.h"
#include "pdf_api.h"

/* A line of a page: its text in the pages' text, and where it stands. */
typedef struct {
    size_t at, len;
    double left, right, height; /* of its characters that are not blank */
    int page, geo;              /* 'geo': the boxes are known */
    int furniture;              /* a page number */
} pline;

typedef struct {
    const ls_pdf_api *pdf; /* poppler, loaded */
    const char *name;
    ls_error *err;
    ls_buf text; /* the text of every line, one after another */
    ls_buf bold; /* for each byte of 'text': 1 when its font is bold */
    pline *lines;
    size_t nlines, cap;
    double *left, *right; /* the text's edges on each page */
} reader;

int ls_pdf_detect(const char *bytes, size_t len)
{
    size_t n = len < 1024 ? len : 1024, i;

    for (i = 0; i + 5 <= n; i++)
        if (memcmp(bytes + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

/* ---- the text of a line ---- */

/* The offset after the UTF-8 character at 's' + 'i': one byte, then its
 * continuation bytes (never past a NUL). */
static size_t next_char(const char *s, size_t i)
{
    i++;
    while (((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* True when 's' ('n' bytes) after blanks is a page number: 3, - 3 -,
 * — 3 —, 第3页, 第 3 页 共 20 页. */
static int is_page_number(const char *s, size_t n)
{
    static const char *const dashes[] = {"-", "—", "–", "－", " ", "第", "页", "共", "/"};
    size_t i = 0, k, digits = 0;

    while (i < n) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
            i++;
            continue;
        }
        for (k = 0; k < sizeof dashes / sizeof dashes[0]; k++)
            if (strlen(dashes[k]) <= n - i && memcmp(s + i, dashes[k], strlen(dashes[k])) == 0)
                break;
        if (k == sizeof dashes / sizeof dashes[0])
            return 0;
        i += strlen(dashes[k]);
    }
    return digits > 0 && digits <= 8;
}

/* The length of the run of Chinese numerals (一 … 十) at 's' ('n' bytes). */
static size_t numerals(const char *s, size_t n)
{
    static const char cn[] = "一二三四五六七八九十";
    size_t i = 0, k;

    for (;;) {
        for (k = 0; k + 3 <= sizeof cn - 1; k += 3)
            if (i + 3 <= n && memcmp(s + i, cn + k, 3) == 0)
                break;
        if (k + 3 > sizeof cn - 1)
            return i;
        i += 3;
    }
}

/* True when 's' ('n' bytes) begins with 'w'. */
static int begins(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);

    return n >= k && memcmp(s, w, k) == 0;
}

/* True when the line at 's' starts a numbered heading: 一、 （一） (一)
 * 第一 1. 1、 1．. */
static int starts_heading(const char *s, size_t n)
{
    size_t i = 0, k;

    if (begins(s, n, "（") || begins(s, n, "(")) {
        i = s[0] == '(' ? 1 : 3;
        k = numerals(s + i, n - i);
        return k > 0 && (begins(s + i + k, n - i - k, "）") || begins(s + i + k, n - i - k, ")"));
    }
    if (begins(s, n, "第"))
        return numerals(s + 3, n - 3) > 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    /* 1. and 1、 number a heading; 14.9% and 3.46万亩 are figures */
    if (i > 0)
        return i < n && ((s[i] == '.' && !(i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')) ||
                         begins(s + i, n - i, "、") || begins(s + i, n - i, "．"));
    k = numerals(s, n);
    return k > 0 && begins(s + k, n - k, "、");
}

/* True when the line at 's' ends a sentence (blanks aside). */
static int ends_sentence(const char *s, size_t n)
{
    static const char *const ends[] = {"。", "！", "？", "；", "：", "”"};
    size_t i;

    while (n > 0 && s[n - 1] == ' ')
        n--;
    for (i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (n >= 3 && memcmp(s + n - 3, ends[i], 3) == 0)
            return 1;
    return 0;
}

/* ---- a page ---- */

/* Adds the line 'len' bytes at 's' of page 'page', its characters'
 * boxes at 'box' ('geo' 0 when unknown). */
static ls_status add_line(reader *r, const char *s, size_t len, const PopplerRectangle *box,
                          int geo, const unsigned char *bold, int page)
{
    pline *l;
    size_t i, c;

    if (r->nlines == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        pline *p = ls_realloc(r->lines, cap * sizeof *p);
        if (!p)
            return ls_error_nomem(r->err);
        r->lines = p;
        r->cap = cap;
    }
    l = &r->lines[r->nlines];
    memset(l, 0, sizeof *l);
    l->at = r->text.len;
    l->len = len;
    l->page = page;
    l->geo = geo;
    l->left = 1e9;
    l->right = -1e9;
    for (i = 0, c = 0; geo && i < len; i = next_char(s, i), c++) {
        if (s[i] == ' ' || s[i] == '\t')
            continue;
        if (box[c].x1 < l->left)
            l->left = box[c].x1;
        if (box[c].x2 > l->right)
            l->right = box[c].x2;
        if (box[c].y2 - box[c].y1 > l->height)
            l->height = box[c].y2 - box[c].y1;
    }
    if (l->right < l->left)
        l->geo = 0; /* nothing but blanks */
    ls_buf_append(&r->text, s, len);
    for (i = 0, c = 0; i < len; i = next_char(s, i), c++)
        ls_buf_append(&r->bold, bold && bold[c] ? "\1\1\1\1" : "\0\0\0\0",
                      next_char(s, i) - i <= 4 ? next_char(s, i) - i : 4);
    if (r->text.failed || r->bold.failed || r->bold.len != r->text.len)
        return ls_error_nomem(r->err);
    if (r->text.len > LS_PDF_MAX_TEXT)
        return ls_error_set(r->err, LS_ELIMIT, LS_NO_OFFSET, 0,
                            "%s: the PDF gives more than %zu MB of text (the limit)", r->name,
                            LS_PDF_MAX_TEXT >> 20);
    r->nlines++;
    return LS_OK;
}

/* True when font 'name' is bold: NotoSerifCJKsc-Bold, SimHei and 黑体
 * (named in UTF-8 or GBK), Arial-BoldMT, … (a report's run-in leads and
 * headings: offices set them bold or in 黑体). */
static int is_bold_font(const char *name)
{
    static const char *const marks[] = {"Bold", "bold", "BOLD", "Black", "Heavy", "Hei", "hei",
                                        "黑体", "\xBA\xDA\xCC\xE5" /* 黑体 in GBK */};
    size_t k;

    for (k = 0; name && k < sizeof marks / sizeof marks[0]; k++)
        if (strstr(name, marks[k]))
            return 1;
    return 0;
}

/* For each of the 'n' characters of the text of 'page', 1 when it is set
 * in a bold font (all 0 when poppler tells nothing); a new array
 * (ls_free), or NULL when out of memory. */
static unsigned char *bold_chars(const ls_pdf_api *pdf, PopplerPage *page, size_t n)
{
    GList *attrs = pdf->poppler_page_get_text_attributes(page), *it;
    unsigned char *bold = ls_calloc(n + 1, 1);
    long k;

    for (it = attrs; bold && it; it = it->next) {
        const PopplerTextAttributes *a = it->data;
        if (!a || !is_bold_font(a->font_name))
            continue;
        /* 'end_index' is the last character it applies to */
        for (k = a->start_index < 0 ? 0 : a->start_index; k <= a->end_index && (size_t)k < n; k++)
            bold[k] = 1;
    }
    pdf->poppler_page_free_text_attributes(attrs);
    return bold;
}

/* The lines of page 'index' of 'doc', with the page's text edges. */
static ls_status read_page(reader *r, PopplerDocument *doc, int index)
{
    const ls_pdf_api *pdf = r->pdf;
    PopplerPage *page = pdf->poppler_document_get_page(doc, index);
    PopplerRectangle *boxes = NULL;
    guint nboxes = 0;
    char *text = page ? pdf->poppler_page_get_text(page) : NULL;
    size_t i, start = 0, c, cstart = 0, nchars = 0, first = r->nlines, k;
    ls_status st = LS_OK;
    unsigned char *bold = NULL;
    int geo;

    r->left[index] = 1e9;
    r->right[index] = -1e9;
    if (!text)
        goto done;
    if (!pdf->poppler_page_get_text_layout(page, &boxes, &nboxes))
        nboxes = 0;
    for (i = 0; text[i]; i = next_char(text, i))
        nchars++;
    bold = bold_chars(r->pdf, page, nchars);
    if (!bold) {
        st = ls_error_nomem(r->err);
        goto done;
    }
    /* one box a character ('\n' included), or none is trusted */
    geo = nboxes == nchars;
    for (i = 0, c = 0;; i = next_char(text, i), c++) {
        if (text[i] != '\n' && text[i] != '\0')
            continue;
        st = add_line(r, text + start, i - start, geo ? boxes + cstart : NULL, geo,
                      bold ? bold + cstart : NULL, index);
        if (text[i] == '\0' || st != LS_OK)
            break;
        start = i + 1;
        cstart = c + 1;
    }
    /* page numbers, first or last on the page, are no part of the text */
    for (k = first; k < r->nlines; k++) {
        pline *l = &r->lines[k];
        if ((k == first || k + 1 == r->nlines) && is_page_number(r->text.data + l->at, l->len))
            l->furniture = 1;
        else if (l->geo && l->left < r->left[index])
            r->left[index] = l->left;
        if (!l->furniture && l->geo && l->right > r->right[index])
            r->right[index] = l->right;
    }
done:
    ls_free(bold);
    pdf->g_free(boxes);
    pdf->g_free(text);
    if (page)
        pdf->g_object_unref(page);
    return st;
}

/* ---- the paragraphs ---- */

/* True when line 'a' continues into line 'b', the next one. */
static int continues(const reader *r, const pline *a, const pline *b)
{
    const char *sa = r->text.data + a->at, *sb = r->text.data + b->at;

    if (starts_heading(sb, b->len))
        return 0;
    if (!a->geo || !b->geo)
        return !ends_sentence(sa, a->len);
    /* a full line, and a next one that is not indented */
    return a->right >= r->right[a->page] - 2 * a->height &&
           b->left <= r->left[b->page] + 0.8 * b->height;
}

static int is_word_byte(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when the UTF-8 character at 's' (or the last one before 'end' when
 * 'back') is wide: U+2E80 and above (ideographs, CJK punctuation,
 * full-width forms). */
static int is_wide(const char *s, size_t n, int back)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    if (n == 0)
        return 0;
    if (back) {
        i = n - 1;
        while (i > 0 && (u[i] & 0xC0) == 0x80)
            i--;
    }
    if (u[i] >= 0xF0)
        return 1;
    if (u[i] < 0xE0 || i + 2 >= n)
        return 0;
    return (((u[i] & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F)) >= 0x2E80;
}

/* True when the text of 'out' ends a sentence or a paragraph (blanks
 * aside): where a bold run-in lead may begin. */
static int at_sentence_start(const ls_buf *out)
{
    static const char *const ends[] = {"。", "！", "？", "；", "：", "…"};
    size_t n = out->len, k;

    while (n > 0 && out->data[n - 1] == ' ')
        n--;
    if (n == 0 || out->data[n - 1] == '\n')
        return 1;
    for (k = 0; k < sizeof ends / sizeof ends[0]; k++)
        if (n >= 3 && memcmp(out->data + n - 3, ends[k], 3) == 0)
            return 1;
    return 0;
}

/* Before a character that is 'bold' or not: the ** that opens a bold
 * lead (at a paragraph's or a sentence's start) or closes it, as
 * docx_read.c writes a bold run and html.c a <strong>. */
static void mark_bold(ls_buf *out, int bold, int *open, int *last_bold)
{
    if (bold && !*last_bold && at_sentence_start(out)) {
        ls_buf_append(out, "**", 2);
        *open = 1;
    } else if (!bold && *open) {
        ls_buf_append(out, "**", 2);
        *open = 0;
    }
    *last_bold = bold;
}

/* Ends the paragraph written: its bold lead closed, then the line. */
static void end_paragraph(ls_buf *out, int *open, int *last_bold)
{
    if (*open)
        ls_buf_append(out, "**", 2);
    ls_buf_append(out, "\n", 1);
    *open = *last_bold = 0;
}

/* Writes the lines into 'out', joined into paragraphs, without their
 * blanks around and with control characters as spaces. A space next to
 * a Chinese character is left out: it is the gap a typesetter puts
 * between Chinese and Latin text (2022 年, 1.6 亿吨), not one the author
 * typed. */
static void write_paragraphs(const reader *r, ls_buf *out)
{
    const pline *prev = NULL;
    size_t k, i, a, b;
    int open = 0, last_bold = 0;

    for (k = 0; k < r->nlines; k++) {
        const pline *l = &r->lines[k];
        const char *s, *bold;
        if (l->furniture || l->len == 0)
            continue;
        s = r->text.data + l->at;
        bold = r->bold.data + l->at;
        for (a = 0; a < l->len && (s[a] == ' ' || s[a] == '\t'); a++)
            ;
        for (b = l->len; b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'); b--)
            ;
        if (a == b)
            continue;
        if (prev && continues(r, prev, l)) {
            /* English words keep their space; Chinese runs on */
            if (out->len > 0 && is_word_byte(out->data[out->len - 1]) && is_word_byte(s[a]))
                ls_buf_append(out, " ", 1);
        } else if (prev) {
            end_paragraph(out, &open, &last_bold);
        }
        for (i = a; i < b; i++) {
            size_t j = i;
            while (j < b && s[j] == ' ')
                j++;
            if (j > i && (is_wide(out->data, out->len, 1) || is_wide(s + j, b - j, 0))) {
                i = j - 1;
                continue;
            }
            if (s[i] != ' ' && ((unsigned char)s[i] & 0xC0) != 0x80)
                mark_bold(out, bold[i], &open, &last_bold);
            ls_buf_append(out, (unsigned char)s[i] < 0x20 ? " " : s + i, 1);
        }
        prev = l;
    }
    if (prev)
        end_paragraph(out, &open, &last_bold);
}

/* The error of a PDF poppler could not open. */
static ls_status open_error(const ls_pdf_api *pdf, const char *name, const GError *ge,
                            ls_error *err)
{
    if (ge && ge->domain == pdf->poppler_error_quark() && ge->code == POPPLER_ERROR_ENCRYPTED)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: the PDF is encrypted: a password is needed to read it (save "
                            "it without one)",
                            name);
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: not a readable PDF (%s)", name,
                        ge && ge->message ? ge->message : "damaged");
}

/* The pages of 'doc' read and written into 'text'. */
static ls_status read_pages(reader *r, PopplerDocument *doc, ls_buf *text)
{
    int n = r->pdf->poppler_document_get_n_pages(doc), i;
    ls_status st = LS_OK;

    if (n > LS_PDF_MAX_PAGES)
        LS_CHECK(ls_error_set(r->err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: the PDF has %d pages, more than %d (the limit)", r->name, n,
                              LS_PDF_MAX_PAGES));
    r->left = ls_calloc(n > 0 ? (size_t)n : 1, sizeof *r->left);
    r->right = ls_calloc(n > 0 ? (size_t)n : 1, sizeof *r->right);
    if (!r->left || !r->right)
        LS_CHECK(ls_error_nomem(r->err));
    for (i = 0; i < n; i++)
        LS_CHECK(read_page(r, doc, i));
    write_paragraphs(r, text);
    if (text->failed)
        LS_CHECK(ls_error_nomem(r->err));
    if (text->len == 0)
        LS_CHECK(ls_error_set(r->err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: the PDF has no text layer (%d page%s of images, a scan?): "
                              "expected a PDF with text; a scanned report needs OCR first",
                              r->name, n, n == 1 ? "" : "s"));
done:
    return st;
}

ls_status ls_pdf_text(const char *name, const char *bytes, size_t len, ls_buf *text,
                      ls_error *err)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* poppler's global state */
    const ls_pdf_api *pdf;
    reader r;
    GBytes *gb;
    GError *ge = NULL;
    PopplerDocument *doc;
    ls_status st;

    ls_buf_init(text);
    if (len > LS_PDF_MAX_BYTES)
        return ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, 0,
                            "%s: a PDF larger than %zu MB (the limit)", name,
                            LS_PDF_MAX_BYTES >> 20);
    st = ls_pdf_check_streams(name, bytes, len, err);
    if (st != LS_OK)
        return st;
    if (ls_pdf_load(err) != LS_OK)
        return LS_EIO;
    pdf = &ls_pdf;
    memset(&r, 0, sizeof r);
    r.pdf = pdf;
    r.name = name;
    r.err = err;
    ls_buf_init(&r.text);
    ls_buf_init(&r.bold);
    pthread_mutex_lock(&lock);
    gb = pdf->g_bytes_new_static(bytes, len);
    doc = pdf->poppler_document_new_from_bytes(gb, NULL, &ge);
    st = doc ? read_pages(&r, doc, text) : open_error(pdf, name, ge, err);
    if (doc)
        pdf->g_object_unref(doc);
    pdf->g_bytes_unref(gb);
    pthread_mutex_unlock(&lock);
    if (ge)
        pdf->g_error_free(ge);
    ls_buf_release(&r.text);
    ls_buf_release(&r.bold);
    ls_free(r.lines);
    ls_free(r.left);
    ls_free(r.right);
    if (st != LS_OK)
        ls_buf_release(text);
    return st;
}
