/*
 * sheet_read.c — reading a table an office sends back: the first sheet of
 * an XLSX workbook (libzip for the archive, libxml2 for its XML: shared
 * strings, inline strings, numbers, cells placed by their references so
 * empty cells stay empty) or a CSV file (RFC 4180: quoted fields, doubled
 * quotes, line breaks inside quotes; UTF-8 with or without BOM). Cells are
 * kept as strings; the caller decides what a column means.
 */
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

static ls_status read_csv(const char *s, size_t len, const char *name, ls_grid *g,
                          ls_error *err)
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

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Appends the text of every <t> under 'n' (rich text has several). */
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

/* The shared strings of the workbook, as a JSON array of strings. */
static json_t *shared_strings(zip_t *z)
{
    size_t len = 0;
    char *xml = zip_member(z, "xl/sharedStrings.xml", &len);
    json_t *out = json_array();
    xmlDoc *doc;
    xmlNode *n;

    if (!xml)
        return out;
    doc = xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    ls_free(xml);
    if (!doc)
        return out;
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        ls_buf b;
        if (!named(n, "si"))
            continue;
        ls_buf_init(&b);
        ls_buf_puts(&b, "");
        t_text(n->children, &b);
        json_array_append_new(out, json_string(b.data ? b.data : ""));
        ls_buf_release(&b);
    }
    xmlFreeDoc(doc);
    return out;
}

/* Column and row (0-based) of a reference such as "AB12"; 0 if malformed. */
static int cell_ref(const char *ref, size_t *row, size_t *col)
{
    size_t c = 0, r = 0;

    for (; *ref >= 'A' && *ref <= 'Z'; ref++)
        c = c * 26 + (size_t)(*ref - 'A' + 1);
    for (; *ref >= '0' && *ref <= '9'; ref++)
        r = r * 10 + (size_t)(*ref - '0');
    if (*ref || c == 0 || r == 0)
        return 0;
    *row = r - 1;
    *col = c - 1;
    return 1;
}

static void read_cell(const xmlNode *c, json_t *strings, ls_grid *g, size_t *cap)
{
    xmlChar *ref = xmlGetProp(c, (const xmlChar *)"r"), *t = xmlGetProp(c, (const xmlChar *)"t");
    size_t row, col;
    const xmlNode *k;
    ls_buf b;

    ls_buf_init(&b);
    ls_buf_puts(&b, "");
    if (ref && cell_ref((const char *)ref, &row, &col)) {
        for (k = c->children; k; k = k->next) {
            xmlChar *v = named(k, "v") ? xmlNodeGetContent(k) : NULL;
            if (named(k, "is"))
                t_text(k->children, &b);
            if (v && t && strcmp((const char *)t, "s") == 0) {
                const char *sv =
                    json_string_value(json_array_get(strings, (size_t)atol((const char *)v)));
                ls_buf_puts(&b, sv ? sv : "");
            } else if (v)
                ls_buf_puts(&b, (const char *)v);
            xmlFree(v);
        }
        if (b.len)
            grid_set(g, cap, row, col, b.data, b.len);
    }
    ls_buf_release(&b);
    xmlFree(ref);
    xmlFree(t);
}

static ls_status read_xlsx(const char *bytes, size_t len, const char *name, ls_grid *g,
                           ls_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;
    char *xml;
    size_t xlen = 0, cap = 0;
    xmlDoc *doc = NULL;
    xmlNode *n, *row, *c;
    json_t *strings;

    zip_error_init(&ze);
    src = zip_source_buffer_create(bytes, len, 0, &ze);
    z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: not an XLSX workbook", name);
    }
    strings = shared_strings(z);
    xml = zip_member(z, "xl/worksheets/sheet1.xml", &xlen);
    if (xml)
        doc = xmlReadMemory(xml, (int)xlen, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    ls_free(xml);
    zip_close(z);
    zip_error_fini(&ze);
    if (!doc) {
        json_decref(strings);
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: no readable first worksheet",
                            name);
    }
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next)
        if (named(n, "sheetData"))
            for (row = n->children; row; row = row->next)
                for (c = named(row, "row") ? row->children : NULL; c; c = c->next)
                    if (named(c, "c"))
                        read_cell(c, strings, g, &cap);
    xmlFreeDoc(doc);
    json_decref(strings);
    return LS_OK;
}

ls_status ls_grid_read(const char *bytes, size_t len, const char *name, ls_grid *out,
                       ls_error *err)
{
    size_t n = strlen(name);
    ls_status st;

    memset(out, 0, sizeof *out);
    if (n > 5 && strcmp(name + n - 5, ".xlsx") == 0)
        st = read_xlsx(bytes, len, name, out, err);
    else
        st = read_csv(bytes, len, name, out, err);
    if (st != LS_OK)
        ls_grid_free(out);
    return st;
}
