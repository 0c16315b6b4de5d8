/*
 * fengong_read.c — the lines of a 分工方案 in the forms offices send it:
 *
 *   a table (XLSX, CSV; a Word table enters the same way, as an ls_grid):
 *     the header row found by the meaning of its headings (重点工作任务,
 *     责任单位, 时间节点 …) among the first ten rows, one line per row below;
 *   a Word document: its largest table as above, or, with no header row
 *     there, its paragraphs as text; a PDF's text (docx_read.c, pdf_read.c);
 *   text (plain, or a web page's article through ls_doc_new), in the
 *     bracket form: …。〔省发展改革委牵头，省财政厅等按职责分工负责〕 or
 *     （…牵头…）, several brackets to a paragraph, or labelled lines under
 *     a task (牵头单位：…).
 *
 * It keeps each line as written (fg_raw): reading the owners and the
 * deadline is unit_names.c's and due.c's, finding the rows align.c's.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fengong.h"
#include "docx_read.h"
#include "input.h"
#include "pdf_read.h"

#define HEADER_ROWS 10

/* Copies the header 'text' into 'out' without blanks, '*', brackets and a
 * final colon: "牵头\n单位（*）" reads 牵头单位. */
static void header_text(const char *text, char *out, size_t size)
{
    static const char *const drop[] = {" ", "\t", "\r", "\n", "*", "　", "（", "）", "(", ")",
                                       "：", ":", NULL};
    size_t n = 0, k;

    while (*text && n + 1 < size) {
        size_t skip = 0;
        for (k = 0; drop[k] && !skip; k++)
            if (strncmp(text, drop[k], strlen(drop[k])) == 0)
                skip = strlen(drop[k]);
        if (skip) {
            text += skip;
            continue;
        }
        out[n++] = *text++;
    }
    out[n] = '\0';
}

static int has(const char *s, const char *w)
{
    return strstr(s, w) != NULL;
}

fg_column ls_fg_column_of(const char *text)
{
    char h[256];

    header_text(text, h, sizeof h);
    if (!*h || strlen(h) > 8 * 3 * 2)
        return FG_NONE; /* a heading is short: a sentence is a line of the table */
    if (has(h, "建议"))
        return FG_NONE; /* 建议牵头单位 of luoshi's own export: not the office's choice */
    if (has(h, "序号") || has(h, "编号") || strcmp(h, "序") == 0)
        return FG_NO;
    if (has(h, "配合") || has(h, "协办") || has(h, "协同") || has(h, "参与") || has(h, "协助"))
        return FG_CO;
    if ((has(h, "单位") || has(h, "部门") || has(h, "主体")) &&
        (has(h, "牵头") || has(h, "责任") || has(h, "主责") || has(h, "承办") || has(h, "负责") ||
         has(h, "落实")))
        return FG_LEAD;
    if (strcmp(h, "牵头") == 0 || strcmp(h, "责任单位") == 0)
        return FG_LEAD;
    if (has(h, "领导"))
        return FG_LEADER;
    if (has(h, "时限") || has(h, "时间") || has(h, "节点") || has(h, "期限") || has(h, "完成时"))
        return FG_DUE;
    if (has(h, "任务") || has(h, "内容") || has(h, "事项") || has(h, "工作") || has(h, "措施") ||
        has(h, "目标"))
        return FG_TASK;
    return FG_NONE;
}

/* ---- numbering ---- */

static int is_han_digit(const char *s)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八",
                                         "九", "十", "百", "〇", "零", NULL};
    size_t k;

    for (k = 0; digits[k]; k++)
        if (strncmp(s, digits[k], 3) == 0)
            return 1;
    return 0;
}

/* Bytes of the numerals at 's': Chinese (一 … 十, 百) when 'han', else
 * ASCII digits. */
static size_t numerals(const char *s, int han)
{
    size_t n = 0;

    while (han ? is_han_digit(s + n) : (s[n] >= '0' && s[n] <= '9'))
        n += han ? 3 : 1;
    return n;
}

size_t ls_fg_numbering(const char *s)
{
    size_t n, open = 0;
    int han;

    /* ① … ⑳ (U+2460–2473) */
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x91 &&
        (unsigned char)s[2] >= 0xA0 && (unsigned char)s[2] <= 0xB3)
        return 3;
    if (strncmp(s, "（", 3) == 0)
        open = 3;
    else if (s[0] == '(')
        open = 1;
    for (han = 0; han < 2; han++) {
        n = numerals(s + open, han);
        if (n == 0 || n > 12)
            continue;
        if (open) {
            if (strncmp(s + open + n, "）", 3) == 0)
                return open + n + 3;
            if (s[open + n] == ')')
                return open + n + 1;
            continue;
        }
        if (strncmp(s + n, "、", 3) == 0 || strncmp(s + n, "．", 3) == 0)
            return n + 3;
        /* 1. but not 1.5 */
        if (!han && s[n] == '.' && !(s[n + 1] >= '0' && s[n + 1] <= '9'))
            return n + 1;
        if (!han && s[n] == ')')
            return n + 1;
    }
    return 0;
}

/* ---- building the lines ---- */

static fg_raw *new_line(fg_raws *out, size_t line, ls_mem *m)
{
    fg_raw *r;

    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 64;
        fg_raw *grown = ls_mem_alloc(m, cap * sizeof *grown);
        if (!grown)
            return NULL;
        if (out->n)
            memcpy(grown, out->at, out->n * sizeof *grown);
        out->at = grown;
        out->cap = cap;
    }
    r = &out->at[out->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    return r;
}

/* A copy of [b, e) in 'm' with the blanks around it cut; NULL if empty. */
static const char *span_str(const char *b, const char *e, ls_mem *m)
{
    char *s;

    while (b < e && (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n'))
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    while (e - b >= 3 && strncmp(b, "　", 3) == 0)
        b += 3;
    while (e - b >= 3 && strncmp(e - 3, "　", 3) == 0)
        e -= 3;
    if (e <= b)
        return NULL;
    s = ls_mem_alloc(m, (size_t)(e - b) + 1);
    if (!s)
        return NULL;
    memcpy(s, b, (size_t)(e - b));
    s[e - b] = '\0';
    return s;
}

/* True when [b, e) holds more than blanks. */
static int span_str_len(const char *b, const char *e)
{
    for (; b < e; b++)
        if (*b != ' ' && *b != '\t' && *b != '\r' && *b != '\n')
            return e - b >= 3 && memcmp(b, "　", 3) == 0 ? span_str_len(b + 3, e) : 1;
    return 0;
}

/* ---- brackets ---- */

/* Openers and closers of a bracket that may hold an assignment. */
static const char *const openers[] = {"〔", "【", "（", "(", "[", NULL};
static const char *const closers[] = {"〕", "】", "）", ")", "]", NULL};

#define NKINDS 5 /* ORDER openers closers */

/* A line being searched for brackets, in time linear in its length
 * whatever it holds (a line of 300,000 （ and no ）): the places of the
 * words that say a role, found once, and for each kind of bracket the next
 * closer, found once and moved forward only. */
typedef struct {
    const char *b, *e;
    const char **kw_at; /* starts of the role words, in order */
    size_t *kw_len;
    size_t nkw;
    const char *close[NKINDS]; /* the next closer at or after close_from */
    const char *close_from[NKINDS];
    int failed;
} line_scan;

static const char *const role_words[] = {"牵头", "负责", "配合", "责任单位", "参与", NULL};

/* Finds the role words of [b, e) into 's' (ls_free_scan frees them). */
static void scan_init(line_scan *s, const char *b, const char *e)
{
    const char *p;
    size_t k, cap = (size_t)(e - b) / 6 + 1;

    memset(s, 0, sizeof *s);
    s->b = b;
    s->e = e;
    s->kw_at = ls_malloc(cap * sizeof *s->kw_at);
    s->kw_len = ls_malloc(cap * sizeof *s->kw_len);
    s->failed = !s->kw_at || !s->kw_len;
    for (p = b; !s->failed && p < e; p++)
        for (k = 0; role_words[k]; k++) {
            size_t n = strlen(role_words[k]);
            if ((size_t)(e - p) >= n && memcmp(p, role_words[k], n) == 0 && s->nkw < cap) {
                s->kw_at[s->nkw] = p;
                s->kw_len[s->nkw++] = n;
                break;
            }
        }
}

static void scan_free(line_scan *s)
{
    ls_free(s->kw_at);
    ls_free(s->kw_len);
}

/* True when bracket text [b, e) assigns work: a role word lies in it. */
static int is_assignment(const line_scan *s, const char *b, const char *e)
{
    size_t lo = 0, hi = s->nkw;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->kw_at[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->nkw && s->kw_at[lo] < e; lo++)
        if (s->kw_at[lo] + s->kw_len[lo] <= e)
            return 1;
    return 0;
}

/* The next closer of kind 'k' at or after 'p', or NULL. */
static const char *next_closer(line_scan *s, size_t k, const char *p)
{
    size_t cn = strlen(closers[k]);
    const char *q;

    if (s->close_from[k] && p >= s->close_from[k] && (!s->close[k] || p <= s->close[k]))
        return s->close[k];
    for (q = p; q < s->e && ((size_t)(s->e - q) < cn || memcmp(q, closers[k], cn) != 0); q++)
        ;
    s->close_from[k] = p;
    s->close[k] = q < s->e ? q : NULL;
    return s->close[k];
}

/* Finds the next bracket at or after 'p' that assigns work: its opener at
 * '*ob', its content [*cb, *ce), past its closer at '*after'. 0 when none. */
static int next_assignment(line_scan *s, const char *p, const char **ob, const char **cb,
                           const char **ce, const char **after)
{
    size_t k;

    for (; p < s->e; p++)
        for (k = 0; openers[k]; k++) {
            size_t on = strlen(openers[k]);
            const char *q;
            if ((size_t)(s->e - p) < on || memcmp(p, openers[k], on) != 0)
                continue;
            q = next_closer(s, k, p + on);
            if (q && is_assignment(s, p + on, q)) {
                *ob = p;
                *cb = p + on;
                *ce = q;
                *after = q + strlen(closers[k]);
                return 1;
            }
        }
    return 0;
}

/* Drops the last line kept when it is text that assigns nothing and is
 * no numbered heading (a title, a paragraph with no bracket, furniture of a
 * web page) and no label line came to it: it would only fill the preview,
 * and memory stays bounded by what the file assigns. */
static void drop_bare_line(fg_raws *out)
{
    const fg_raw *last = out->n ? &out->at[out->n - 1] : NULL;

    if (last && !last->cell[FG_NO] && !last->cell[FG_LEAD] && !last->cell[FG_CO] &&
        !last->cell[FG_LEADER] && !last->cell[FG_DUE])
        out->n--;
}

/* The text line [b, e) numbered 'line': one fg_raw per assignment bracket
 * (the task is the text since the last one); a labelled line (牵头单位：…)
 * adds to the line before it. */
static void text_line(fg_raws *out, const char *b, const char *e, size_t line, ls_mem *m)
{
    const char *ob, *cb, *ce, *after, *p = b, *colon = NULL, *q;
    fg_column col = FG_NONE;
    char label[64];
    size_t skip = 0;
    line_scan scan;

    if (!span_str_len(b, e))
        return; /* a blank line keeps the line before it open for a label */
    /* 牵头单位：省发展改革委 under a task (a label is short: look no further) */
    for (q = b; !colon && q + 3 <= e && q < b + sizeof label; q++)
        if (memcmp(q, "：", 3) == 0)
            colon = q;
    if (colon && (size_t)(colon - b) < sizeof label) {
        memcpy(label, b, (size_t)(colon - b));
        label[colon - b] = '\0';
        col = ls_fg_column_of(label);
    }
    if (col != FG_NONE && col != FG_TASK && col != FG_NO && out->n > 0 && out->at[out->n - 1].cell[FG_TASK]) {
        fg_raw *last = &out->at[out->n - 1];
        if (!last->cell[col])
            last->cell[col] = span_str(colon + 3, e, m);
        return;
    }
    drop_bare_line(out);
    scan_init(&scan, b, e);
    if (scan.failed || !next_assignment(&scan, p, &ob, &cb, &ce, &after)) {
        /* a heading or a task with no owners: kept, it may gain a label line */
        fg_raw *r = new_line(out, line, m);
        if (r && (skip = ls_fg_numbering(b)) != 0)
            r->cell[FG_NO] = span_str(b, b + skip, m);
        if (r)
            r->cell[FG_TASK] = span_str(b + skip, e, m);
        scan_free(&scan);
        return;
    }
    while (p < e && next_assignment(&scan, p, &ob, &cb, &ce, &after)) {
        fg_raw *r = new_line(out, line, m);
        if (!r)
            break;
        if ((skip = ls_fg_numbering(p)) != 0)
            r->cell[FG_NO] = span_str(p, p + skip, m);
        r->cell[FG_TASK] = span_str(p + skip, ob, m);
        r->cell[FG_LEAD] = span_str(cb, ce, m);
        p = after;
        /* the 。 or ； after a bracket closes its sentence */
        while (p < e && (strncmp(p, "。", 3) == 0 || strncmp(p, "；", 3) == 0))
            p += 3;
    }
    scan_free(&scan);
}

/* Puts the file's name before the message of 'err' (an encoding error of
 * ls_doc_new says where, not which file). */
static ls_status named(ls_status st, const char *name, ls_error *err)
{
    char msg[sizeof err->message];

    if (!err || st == LS_ENOMEM)
        return st;
    snprintf(msg, sizeof msg, "%s", err->message);
    return ls_error_set(err, st, err->offset, err->line, "%s: %s", name, msg);
}

ls_status ls_fg_read_text(const char *text, size_t tlen, const char *name, fg_raws *out,
                          ls_mem *m, ls_error *err)
{
    const char *p, *end;
    size_t line = 1, k, owned = 0;

    if (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        tlen -= 3;
    }
    for (p = text, end = text + tlen; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        text_line(out, p, le, line, m);
        p = nl ? nl + 1 : end;
    }
    drop_bare_line(out);
    out->from_text = 1;
    for (k = 0; k < out->n; k++)
        owned += out->at[k].cell[FG_LEAD] || out->at[k].cell[FG_CO];
    if (ls_mem_failed(m))
        return ls_error_nomem(err);
    if (owned == 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: no line names a lead unit (a table with 牵头单位, or text "
                            "with brackets such as 〔省发展改革委牵头〕)",
                            name);
    return LS_OK;
}

/* Text in any encoding reports come in (a web page: its article). */
static ls_status from_text(const char *bytes, size_t len, const char *name, fg_raws *out,
                           ls_mem *m, ls_error *err)
{
    ls_doc *doc = NULL;
    const char *text;
    size_t tlen;
    ls_status st = ls_doc_new(bytes, len, &doc, err);

    if (st != LS_OK)
        return named(st, name, err);
    text = ls_doc_text(doc, &tlen);
    st = ls_fg_read_text(text, tlen, name, out, m, err);
    ls_doc_free(doc);
    return st;
}

/* ---- a table ---- */

/* The header row among the first rows: the one with a task column and a
 * lead or co column. '*row' and 'col' (FG_COUNT places, -1 absent). */
static int find_header(const ls_grid *g, size_t *row, long col[FG_COUNT])
{
    size_t r, c, k;

    for (r = 0; r < g->nrows && r < HEADER_ROWS; r++) {
        for (k = 0; k < FG_COUNT; k++)
            col[k] = -1;
        for (c = 0; c < g->ncols; c++) {
            const char *cell = ls_grid_cell(g, r, c);
            fg_column kind = cell ? ls_fg_column_of(cell) : FG_NONE;
            if (kind != FG_NONE && col[kind] < 0)
                col[kind] = (long)c;
        }
        if (col[FG_TASK] >= 0 && (col[FG_LEAD] >= 0 || col[FG_CO] >= 0)) {
            *row = r;
            return 1;
        }
    }
    return 0;
}

/* Moves the last assignment bracket of the task cell of 'line' to its
 * lead cell: "推动…。〔省发展改革委牵头〕" in one column. */
static void bracket_in_cell(fg_raw *line, ls_mem *m)
{
    const char *t = line->cell[FG_TASK], *end = t + strlen(t), *p = t;
    const char *ob, *cb, *ce, *after, *last_ob = NULL, *last_cb = NULL, *last_ce = NULL;
    line_scan scan;

    scan_init(&scan, t, end);
    while (!scan.failed && next_assignment(&scan, p, &ob, &cb, &ce, &after)) {
        last_ob = ob;
        last_cb = cb;
        last_ce = ce;
        p = after;
    }
    scan_free(&scan);
    if (!last_ob)
        return;
    line->cell[FG_LEAD] = span_str(last_cb, last_ce, m);
    line->cell[FG_TASK] = span_str(t, last_ob, m);
}

ls_status ls_fg_read_grid(const ls_grid *g, const char *name, fg_raws *out, ls_mem *m,
                          ls_error *err)
{
    long col[FG_COUNT];
    size_t header = 0, r, k;

    if (!find_header(g, &header, col))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: no header row with a task column (任务, 重点工作任务, 工作内容 "
                            "…) and a unit column (牵头单位, 责任单位 …) in its first %d rows",
                            name, HEADER_ROWS);
    for (r = header + 1; r < g->nrows; r++) {
        fg_raw *line;
        int any = 0;
        for (k = 0; k < FG_COUNT; k++)
            any |= col[k] >= 0 && ls_grid_cell(g, r, (size_t)col[k]) != NULL;
        if (!any)
            continue;
        if (!(line = new_line(out, r + 1, m)))
            break;
        for (k = 0; k < FG_COUNT; k++)
            if (col[k] >= 0) {
                const char *c = ls_grid_cell(g, r, (size_t)col[k]);
                line->cell[k] = c ? span_str(c, c + strlen(c), m) : NULL;
            }
        /* the office's numbering written before the task */
        if (line->cell[FG_TASK] && !line->cell[FG_NO]) {
            size_t skip = ls_fg_numbering(line->cell[FG_TASK]);
            if (skip) {
                line->cell[FG_NO] = span_str(line->cell[FG_TASK], line->cell[FG_TASK] + skip, m);
                line->cell[FG_TASK] = span_str(line->cell[FG_TASK] + skip,
                                               line->cell[FG_TASK] + strlen(line->cell[FG_TASK]), m);
            }
        }
        /* a task cell in the bracket form, and no unit column filled in */
        if (line->cell[FG_TASK] && !line->cell[FG_LEAD] && !line->cell[FG_CO])
            bracket_in_cell(line, m);
    }
    return ls_mem_failed(m) ? ls_error_nomem(err) : LS_OK;
}

/* True when 'name' ends with 'ext' (ASCII, any case). */
static int ends_with(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext), i;

    if (n < e)
        return 0;
    for (i = 0; i < e; i++) {
        char c = name[n - e + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return 0;
    }
    return 1;
}

/* True when zip archive 'bytes' names the entry 'entry' (its local or
 * central header holds the name as plain bytes). */
static int zip_names(const char *bytes, size_t len, const char *entry)
{
    size_t n = strlen(entry), i;

    for (i = 0; i + n <= len; i++)
        if (bytes[i] == entry[0] && memcmp(bytes + i, entry, n) == 0)
            return 1;
    return 0;
}

/* A Word 分工方案: its largest table when that has a header row, else its
 * paragraphs in the bracket form. */
static ls_status from_docx(const char *bytes, size_t len, const char *name, fg_raws *out,
                           ls_mem *m, ls_error *err)
{
    ls_grid g;
    ls_buf text;
    ls_status st = ls_docx_table(name, bytes, len, &g, err);

    if (st == LS_OK) {
        st = ls_fg_read_grid(&g, name, out, m, err);
        ls_grid_free(&g);
        if (st != LS_EINVAL)
            return st;
        memset(out, 0, sizeof *out); /* no header row: a layout table */
    } else if (st == LS_ENOMEM)
        return st;
    st = ls_docx_text(name, bytes, len, &text, err);
    if (st != LS_OK)
        return st;
    st = ls_fg_read_text(text.data ? text.data : "", text.len, name, out, m, err);
    ls_buf_release(&text);
    return st;
}

/* A PDF (its text, in the bracket form), or an old Word file refused with
 * the reason (ls_doc_read says it). */
static ls_status from_document(const char *bytes, size_t len, const char *name, fg_raws *out,
                               ls_mem *m, ls_error *err)
{
    ls_doc *doc = NULL;
    const char *text;
    size_t tlen;
    ls_status st = ls_doc_read(name, bytes, len, &doc, err);

    if (st != LS_OK)
        return st;
    text = ls_doc_text(doc, &tlen);
    st = ls_fg_read_text(text, tlen, name, out, m, err);
    ls_doc_free(doc);
    return st;
}

ls_status ls_fg_read(const char *bytes, size_t len, const char *name, fg_raws *out, ls_mem *m,
                     ls_error *err)
{
    ls_grid g;
    ls_doc *doc = NULL;
    const char *text;
    size_t tlen;
    int is_zip = len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0;
    ls_status st;

    memset(out, 0, sizeof *out);
    if (ends_with(name, ".docx") ||
        (is_zip && !ends_with(name, ".xlsx") && zip_names(bytes, len, "word/document.xml")))
        return from_docx(bytes, len, name, out, m, err);
    if (ends_with(name, ".doc") || ends_with(name, ".pdf") || ls_pdf_detect(bytes, len) ||
        (len >= 4 && memcmp(bytes, "\xD0\xCF\x11\xE0", 4) == 0))
        return from_document(bytes, len, name, out, m, err);
    if (!ends_with(name, ".xlsx") && !ends_with(name, ".csv") && !is_zip)
        return from_text(bytes, len, name, out, m, err);
    if (!is_zip && ls_utf8_valid_prefix(bytes, len) < len) {
        /* a CSV saved by Excel in China is GB18030: decode it as reports are */
        st = ls_doc_new(bytes, len, &doc, err);
        if (st != LS_OK)
            return named(st, name, err);
        text = ls_doc_text(doc, &tlen);
        st = ls_grid_read(text, tlen, name, &g, err);
        ls_doc_free(doc);
    } else
        st = ls_grid_read(bytes, len, name, &g, err);
    if (st != LS_OK)
        return st;
    st = ls_fg_read_grid(&g, name, out, m, err);
    ls_grid_free(&g);
    return st;
}
