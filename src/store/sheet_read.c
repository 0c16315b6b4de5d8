/*
 * sheet_read.c — reading a table an office sends back: the first sheet of
 * an XLSX workbook (libzip for the archive, libxml2 for its XML: shared
 * strings, inline strings, numbers, cells placed by their references so
 * empty cells stay empty) or a CSV file (RFC 4180: quoted fields, doubled
 * quotes, line breaks inside quotes; UTF-8 with or without BOM). Cells are
 * kept as strings; the caller decides what a column means.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "sheet.h"

#define MAX_COLS 64
#define MAX_ROWS 200000

const char *ls_grid_cell(const ls_grid *g, size_t row, size_t col)
{
    if (row >= g->nrows || col >= g->ncols)
        return NULL;
    return g->cells[row * g->ncols + col];
}

void ls_grid_free(ls_grid *g)
{
    size_t i;

    if (!g->cells)
        return;
    for (i = 0; i < g->nrows * g->ncols; i++)
        ls_free(g->cells[i]);
    ls_free(g->cells);
    memset(g, 0, sizeof *g);
}

/* Grows 'g' to hold row 'r' and column 'c' (both 0-based). */
static int grid_reserve(ls_grid *g, size_t *cap_rows, size_t r, size_t c)
{
    if (c >= MAX_COLS || r >= MAX_ROWS)
        return 0;
    if (!g->cells) {
        g->ncols = MAX_COLS;
        *cap_rows = 64;
        g->cells = ls_calloc(*cap_rows * MAX_COLS, sizeof *g->cells);
        if (!g->cells)
            return 0;
    }
    while (r >= *cap_rows) {
        size_t cap = *cap_rows * 2;
        char **p = ls_realloc(g->cells, cap * MAX_COLS * sizeof *p);
        if (!p)
            return 0;
        memset(p + *cap_rows * MAX_COLS, 0, (cap - *cap_rows) * MAX_COLS * sizeof *p);
        g->cells = p;
        *cap_rows = cap;
    }
    if (r + 1 > g->nrows)
        g->nrows = r + 1;
    return 1;
}

static int grid_set(ls_grid *g, size_t *cap_rows, size_t r, size_t c, const char *s, size_t n)
{
    char *copy;

    if (!grid_reserve(g, cap_rows, r, c))
        return 0;
    copy = ls_malloc(n + 1);
    if (!copy)
        return 0;
    memcpy(copy, s, n);
    copy[n] = '\0';
    ls_free(g->cells[r * MAX_COLS + c]);
    g->cells[r * MAX_COLS + c] = copy;
    return 1;
}

/* ---- CSV ---- */

static ls_status read_csv(const char *s, size_t len, const char *name, ls_grid *g, ls_error *err)
{
    size_t i = 0, r = 0, c = 0, cap = 0, line = 1;
    ls_buf field;

    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    ls_buf_init(&field);
    while (i <= len) {
        int quoted = i < len && s[i] == '"';
        ls_buf_release(&field);
        ls_buf_init(&field);
        ls_buf_puts(&field, "");
        if (quoted) {
            for (i++; i < len && !(s[i] == '"' && (i + 1 >= len || s[i + 1] != '"')); i++) {
                if (s[i] == '"')
                    i++;
                if (s[i] == '\n')
                    line++;
                ls_buf_append(&field, s + i, 1);
            }
            if (i >= len) {
                ls_buf_release(&field);
                return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, line,
                                    "%s: line %zu: a quoted field is not closed", name, line);
            }
            i++; /* the closing quote */
        }
        while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
            ls_buf_append(&field, s + i++, 1);
        if (field.failed || (field.len && !grid_set(g, &cap, r, c, field.data, field.len))) {
            ls_buf_release(&field);
            return ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, line,
                                "%s: line %zu: more than %d columns or %d rows", name, line,
                                MAX_COLS, MAX_ROWS);
        }
        if (i >= len)
            break;
        if (s[i] == ',') {
            c++;
            i++;
            continue;
        }
        /* a line end: CRLF, LF or CR */
        if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
        i++;
        line++;
        r++;
        c = 0;
    }
    ls_buf_release(&field);
    return LS_OK;
}

/* ---- XLSX ---- */

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

int ls_grid_serial_date(double serial, char out[16])
{
    long z, era, doe, yoe, y, doy, mp, d, m;

    /* Excel counts days from 1899-12-30, except that it believes 1900 was a
     * leap year: serials before 60 (1900-02-29, which never was) are a day
     * early. 2958465 is 9999-12-31, Excel's last day. */
    if (!(serial >= 1 && serial < 2958466))
        return 0;
    z = (long)serial + (serial < 60) - 25569 + 719468; /* days from 0000-03-01 */
    /* civil_from_days (H. Hinnant): 400-year eras, years starting in March */
    era = z / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u); /* the bounds above keep each within its width */
    return 1;
}

/* The bytes of archive member 'member' into a new buffer, or NULL. */
static char *zip_member(zip_t *z, const char *member, size_t *len)
{
    zip_stat_t st;
    zip_file_t *f;
    char *buf;
    zip_int64_t got;

    if (zip_stat(z, member, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > (zip_uint64_t)256 << 20)
        return NULL;
    f = zip_fopen(z, member, 0);
    if (!f)
        return NULL;
    buf = ls_malloc((size_t)st.size + 1);
    got = buf ? zip_fread(f, buf, st.size) : -1;
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        ls_free(buf);
        return NULL;
    }
    buf[st.size] = '\0';
    *len = (size_t)st.size;
    return buf;
}

/* Archive member 'member' parsed as XML (no network, no entities, no
 * messages on stderr), or NULL; '*damaged' (if not NULL) is set when the
 * member is there but cannot be read. */
static xmlDoc *zip_xml(zip_t *z, const char *member, int *damaged)
{
    size_t len = 0;
    char *xml = zip_member(z, member, &len);
    xmlDoc *doc = xml && len <= (size_t)INT_MAX
                      ? xmlReadMemory(xml, (int)len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                      : NULL;

    ls_free(xml);
    if (doc && !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (damaged && !doc && zip_name_locate(z, member, 0) >= 0)
        *damaged = 1;
    return doc;
}

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The first child element of 'n' named 'name', or NULL. */
static xmlNode *child(const xmlNode *n, const char *name)
{
    xmlNode *k;

    for (k = n ? n->children : NULL; k; k = k->next)
        if (named(k, name))
            return k;
    return NULL;
}

/* Appends the text of every <t> under 'n' (rich text has several; <rPh>,
 * the phonetic guide, is not the cell's text). */
static void t_text(const xmlNode *n, ls_buf *b)
{
    for (; n; n = n->next) {
        if (named(n, "t")) {
            xmlChar *s = xmlNodeGetContent(n);
            if (s)
                ls_buf_puts(b, (const char *)s);
            xmlFree(s);
        } else if (n->type == XML_ELEMENT_NODE && !named(n, "rPh")) {
            t_text(n->children, b);
        }
    }
}

/* The shared strings of the workbook, as a JSON array of strings ('*damaged'
 * set when they are there but unreadable). */
static json_t *shared_strings(zip_t *z, int *damaged)
{
    xmlDoc *doc = zip_xml(z, "xl/sharedStrings.xml", damaged);
    json_t *out = json_array();
    xmlNode *n;

    if (!doc)
        return out;
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        ls_buf b;
        if (!named(n, "si"))
            continue;
        ls_buf_init(&b);
        t_text(n->children, &b);
        json_array_append_new(out, json_string(b.data ? b.data : ""));
        ls_buf_release(&b);
    }
    xmlFreeDoc(doc);
    return out;
}

/* The member holding the first worksheet in the workbook's order: the
 * first <sheet> of xl/workbook.xml, its r:id looked up in
 * xl/_rels/workbook.xml.rels ("worksheets/sheet1.xml" is relative to xl/,
 * "/xl/worksheets/sheet1.xml" to the archive). Falls back to sheet1.xml. */
static void first_sheet(zip_t *z, char *member, size_t size)
{
    xmlDoc *wb = zip_xml(z, "xl/workbook.xml", NULL), *rels = NULL;
    xmlNode *sheet = wb ? child(child(xmlDocGetRootElement(wb), "sheets"), "sheet") : NULL;
    xmlChar *id =
        sheet ? xmlGetNsProp(sheet, (const xmlChar *)"id", (const xmlChar *)REL_NS) : NULL;
    xmlNode *r;

    snprintf(member, size, "xl/worksheets/sheet1.xml");
    rels = id ? zip_xml(z, "xl/_rels/workbook.xml.rels", NULL) : NULL;
    for (r = rels ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
        xmlChar *rid = named(r, "Relationship") ? xmlGetProp(r, (const xmlChar *)"Id") : NULL;
        xmlChar *target = rid ? xmlGetProp(r, (const xmlChar *)"Target") : NULL;
        if (target && strcmp((const char *)rid, (const char *)id) == 0) {
            if (target[0] == '/')
                snprintf(member, size, "%s", (const char *)target + 1);
            else
                snprintf(member, size, "xl/%s", (const char *)target);
        }
        xmlFree(rid);
        xmlFree(target);
    }
    xmlFree(id);
    xmlFreeDoc(rels);
    xmlFreeDoc(wb);
}

/* True when number format 'id' (with its code 'code' if custom) shows a
 * date. Built in: 14-17 and 22 (m/d/yy …), 27-31, 36 and 50-58 (the
 * Chinese yyyy"年"m"月"d"日" family, less their times 32-35 and 55-56).
 * Custom: y or d outside quotes and brackets (yyyy-mm-dd, m月d日). */
static int is_date_format(long id, const char *code)
{
    int quoted = 0, bracket = 0;

    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
        (id >= 50 && id <= 58 && id != 55 && id != 56))
        return 1;
    for (; code && *code; code++) {
        if (*code == '\\' && code[1])
            code++;
        else if (*code == '"')
            quoted = !quoted;
        else if (*code == '[' || *code == ']')
            bracket = *code == '[';
        else if (!quoted && !bracket && strchr("yYdD", *code))
            return 1;
    }
    return 0;
}

/* Which cell styles (<xf> of <cellXfs>, by index) show dates: a new array
 * of '*n' flags ('*n' 0 when there are no styles). */
static unsigned char *date_styles(zip_t *z, size_t *n)
{
    xmlDoc *doc = zip_xml(z, "xl/styles.xml", NULL);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *xf, *f;
    unsigned char *flags = NULL;
    size_t count = 0, i = 0;

    *n = 0;
    for (xf = child(child(root, "cellXfs"), "xf"); xf; xf = xf->next)
        count += named(xf, "xf");
    flags = count ? ls_calloc(count, 1) : NULL;
    for (xf = flags ? child(child(root, "cellXfs"), "xf") : NULL; xf; xf = xf->next) {
        xmlChar *id = named(xf, "xf") ? xmlGetProp(xf, (const xmlChar *)"numFmtId") : NULL;
        long fmt = id ? atol((const char *)id) : -1;
        xmlChar *code = NULL;
        /* a custom format (id 164 on) is defined in <numFmts> */
        for (f = fmt >= 164 ? child(child(root, "numFmts"), "numFmt") : NULL; f && !code;
             f = f->next) {
            xmlChar *fid = named(f, "numFmt") ? xmlGetProp(f, (const xmlChar *)"numFmtId") : NULL;
            if (fid && atol((const char *)fid) == fmt)
                code = xmlGetProp(f, (const xmlChar *)"formatCode");
            xmlFree(fid);
        }
        if (named(xf, "xf"))
            flags[i++] = (unsigned char)is_date_format(fmt, (const char *)code);
        xmlFree(id);
        xmlFree(code);
    }
    xmlFreeDoc(doc);
    *n = flags ? count : 0;
    return flags;
}

/* Column and row (0-based) of a reference such as "AB12"; 0 if malformed. */
static int cell_ref(const char *ref, size_t *row, size_t *col)
{
    size_t c = 0, r = 0;

    for (; *ref >= 'A' && *ref <= 'Z' && c <= MAX_COLS; ref++)
        c = c * 26 + (size_t)(*ref - 'A' + 1);
    for (; *ref >= '0' && *ref <= '9' && r <= MAX_ROWS; ref++)
        r = r * 10 + (size_t)(*ref - '0');
    if (*ref || c == 0 || r == 0)
        return 0;
    *row = r - 1;
    *col = c - 1;
    return 1;
}

/* What a workbook's cells need: its shared strings and date styles. */
typedef struct {
    json_t *strings;
    unsigned char *date_xf;
    size_t ndate_xf;
    ls_grid *g;
    size_t cap;
} book;

/* The text of cell <c> into 'b': a shared string (t="s"), an inline one
 * (t="inlineStr"), a date (t="d", or a number in a date style, as
 * YYYY-MM-DD), or the value as written (numbers, booleans, formulas' last
 * results). */
static void cell_text(const xmlNode *c, const book *bk, ls_buf *b)
{
    xmlChar *t = xmlGetProp(c, (const xmlChar *)"t"), *s = xmlGetProp(c, (const xmlChar *)"s");
    xmlNode *v = child(c, "v");
    xmlChar *text = v ? xmlNodeGetContent(v) : NULL;
    const char *type = t ? (const char *)t : "n";
    size_t style = s ? (size_t)atol((const char *)s) : 0;
    char day[16], *end;
    double serial;

    if (strcmp(type, "inlineStr") == 0) {
        t_text(c->children, b);
    } else if (text && strcmp(type, "s") == 0) {
        const char *sv =
            json_string_value(json_array_get(bk->strings, (size_t)atol((const char *)text)));
        ls_buf_puts(b, sv ? sv : "");
    } else if (text && strcmp(type, "d") == 0) {
        ls_buf_append(b, (const char *)text, strcspn((const char *)text, "T")); /* ISO 8601 */
    } else if (text && strcmp(type, "n") == 0 && style < bk->ndate_xf && bk->date_xf[style] &&
               (serial = strtod((const char *)text, &end), *end == '\0') &&
               ls_grid_serial_date(serial, day)) {
        ls_buf_puts(b, day);
    } else if (text) {
        ls_buf_puts(b, (const char *)text);
    }
    xmlFree(text);
    xmlFree(t);
    xmlFree(s);
}

/* Places cell <c> in the grid by its reference (r="B7"); a cell with no
 * reference follows the one before it, as the format allows. */
static int read_cell(const xmlNode *c, book *bk, size_t row, size_t *col)
{
    xmlChar *ref = xmlGetProp(c, (const xmlChar *)"r");
    size_t r = row;
    int ok = 1;
    ls_buf b;

    if (ref && !cell_ref((const char *)ref, &r, col))
        *col = MAX_COLS; /* malformed or too far right: dropped */
    xmlFree(ref);
    ls_buf_init(&b);
    cell_text(c, bk, &b);
    if (b.failed)
        ok = 0;
    else if (b.len && *col < MAX_COLS && r < MAX_ROWS)
        ok = grid_set(bk->g, &bk->cap, r, *col, b.data, b.len);
    ls_buf_release(&b);
    (*col)++;
    return ok;
}

static ls_status read_xlsx(const char *bytes, size_t len, const char *name, ls_grid *g,
                           ls_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;
    xmlDoc *doc;
    xmlNode *data, *row, *c;
    book bk;
    char member[256];
    size_t r, next = 0, col;
    int ok = 1, damaged = 0;

    zip_error_init(&ze);
    src = zip_source_buffer_create(bytes, len, 0, &ze);
    z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        zip_source_free(src);
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: not an XLSX workbook", name);
    }
    memset(&bk, 0, sizeof bk);
    bk.g = g;
    bk.strings = shared_strings(z, &damaged);
    bk.date_xf = date_styles(z, &bk.ndate_xf);
    first_sheet(z, member, sizeof member);
    doc = damaged ? NULL : zip_xml(z, member, &damaged);
    zip_close(z);
    data = doc ? child(xmlDocGetRootElement(doc), "sheetData") : NULL;
    /* rows and cells by their references (r="7", r="B7"): empty ones are
     * often left out, and a row without a reference follows the last */
    for (row = data ? data->children : NULL; ok && row; row = row->next) {
        xmlChar *rr = named(row, "row") ? xmlGetProp(row, (const xmlChar *)"r") : NULL;
        if (!named(row, "row"))
            continue;
        r = rr ? (size_t)atol((const char *)rr) - 1 : next;
        next = r + 1;
        xmlFree(rr);
        for (col = 0, c = row->children; ok && c && r < MAX_ROWS; c = c->next)
            if (named(c, "c"))
                ok = read_cell(c, &bk, r, &col);
    }
    xmlFreeDoc(doc);
    json_decref(bk.strings);
    ls_free(bk.date_xf);
    if (damaged)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: the workbook is damaged", name);
    if (!doc)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: no readable first worksheet",
                            name);
    return ok ? LS_OK : ls_error_nomem(err);
}

/* Length of the blank (ASCII white space or U+3000) at the start of 's'. */
static size_t blank_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n')
        return 1;
    return u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0; /* stops at the NUL */
}

/* Cuts the blanks around each cell, in place: " 能源局　" is 能源局. */
static void trim_cells(ls_grid *g)
{
    size_t i, k, n;
    char *s;

    for (i = 0; g->cells && i < g->nrows * g->ncols; i++) {
        if (!(s = g->cells[i]))
            continue;
        for (k = 0; s[k] && (n = blank_len(s + k)) > 0;)
            k += n;
        memmove(s, s + k, strlen(s + k) + 1);
        for (n = strlen(s); n > 0; n -= k) {
            k = blank_len(s + n - 1) == 1 ? 1 : n >= 3 && blank_len(s + n - 3) == 3 ? 3 : 0;
            if (!k)
                break;
        }
        s[n] = '\0';
    }
}

ls_status ls_grid_read(const char *bytes, size_t len, const char *name, ls_grid *out, ls_error *err)
{
    size_t n = strlen(name);
    ls_status st;

    memset(out, 0, sizeof *out);
    if (n > 5 && (strcmp(name + n - 5, ".xlsx") == 0 || strcmp(name + n - 5, ".XLSX") == 0))
        st = read_xlsx(bytes, len, name, out, err);
    else if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0)
        st = read_xlsx(bytes, len, name, out, err); /* a workbook by another name */
    else
        st = read_csv(bytes, len, name, out, err);
    if (st != LS_OK)
        ls_grid_free(out);
    else
        trim_cells(out);
    return st;
}
