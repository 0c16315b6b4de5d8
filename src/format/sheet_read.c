/*
 * sheet_read.c — a table an office sends back, as a grid of cells: the
 * compact store every reader fills (one arena of text, the cells holding a
 * value as (place, offset) pairs sorted by place), the CSV reader (RFC
 * 4180: quoted fields, doubled quotes, line breaks inside quotes; UTF-8
 * with or without BOM; '=x, a formula guarded as csv.c writes it, is =x),
 * and the choice between CSV and XLSX. The XLSX reader is sheet_xlsx.c;
 * what a column means is src/ledger/sheets.c's.
 *
 * Invariant: the grid never holds more than LS_GRID_MAX_TEXT bytes of text
 * and LS_GRID_MAX_CELLS cells, each within LS_GRID_MAX_ROWS and
 * LS_GRID_MAX_COLS; a value past them is an error, never dropped.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "error.h"
#include "sheet.h"

/* ---- the grid ---- */

const char *ls_grid_cell(const ls_grid *g, size_t row, size_t col)
{
    size_t lo = 0, hi = g->ncells, mid;
    uint32_t at;

    if (row >= g->nrows || col >= g->ncols)
        return NULL;
    at = (uint32_t)(row * LS_GRID_MAX_COLS + col);
    /* binary search: the cells are sorted by place */
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (g->cells[mid].at < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->ncells && g->cells[lo].at == at ? g->text + g->cells[lo].text : NULL;
}

void ls_grid_free(ls_grid *g)
{
    ls_free(g->text);
    ls_free(g->cells);
    memset(g, 0, sizeof *g);
}

/* Grows the arena of 'g' to hold 'need' bytes (geometrically, never past
 * the limit and its NUL); 0 when out of memory. */
static int text_reserve(ls_grid *g, size_t need)
{
    size_t cap = g->text_cap ? g->text_cap : 4096;
    char *p;

    if (need <= g->text_cap)
        return 1;
    while (cap < need)
        cap *= 2;
    if (cap > LS_GRID_MAX_TEXT + 1)
        cap = LS_GRID_MAX_TEXT + 1;
    p = ls_realloc(g->text, cap);
    if (!p)
        return 0;
    g->text = p;
    g->text_cap = cap;
    return 1;
}

ls_status ls_grid_append(ls_grid *g, const char *s, size_t n, const char *name, ls_error *err)
{
    if (n > LS_GRID_MAX_TEXT - g->text_len)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: more than %zu MB of text in its cells (the limit)", name,
                            LS_GRID_MAX_TEXT >> 20);
    /* room for the text and the NUL that ls_grid_keep puts after it */
    if (!text_reserve(g, g->text_len + n + 1))
        return ls_error_nomem(err);
    memcpy(g->text + g->text_len, s, n);
    g->text_len += n;
    return LS_OK;
}

/* Length of the blank (ASCII white space or U+3000) at the start of the
 * 'n' bytes at 's', 0 if none. */
static size_t blank_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    if (n >= 1 && (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n'))
        return 1;
    return n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
}

/* Length of the blank at the end of the 'n' bytes at 's', 0 if none. */
static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && blank_at(s + n - 1, 1))
        return 1;
    return n >= 3 && blank_at(s + n - 3, 3) == 3 ? 3 : 0;
}

int ls_grid_keep(ls_grid *g, size_t start, uint32_t *off)
{
    size_t n = g->text_len - start, k = 0, b;
    char *s;

    if (n == 0)
        return 0;
    s = g->text + start;
    /* cut the blanks around it: " 能源局　" is 能源局 */
    while (k < n && (b = blank_at(s + k, n - k)) > 0)
        k += b;
    memmove(s, s + k, n - k);
    n -= k;
    while (n > 0 && (b = blank_before(s, n)) > 0)
        n -= b;
    if (n == 0) {
        g->text_len = start;
        return 0;
    }
    s[n] = '\0'; /* ls_grid_append reserved the byte */
    g->text_len = start + n + 1;
    *off = (uint32_t)start;
    return 1;
}

/* "A", "Z", "AA", "BM": the letters of column 'col' (0-based). */
static void column_name(size_t col, char out[8])
{
    char rev[8];
    size_t n = 0, i;

    for (col++; col > 0 && n < sizeof rev - 1; col = (col - 1) / 26)
        rev[n++] = (char)('A' + (col - 1) % 26);
    for (i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

/* "BM7": the name of the cell at 'row', 'col' (0-based) in 'out'. */
static void cell_name(size_t row, size_t col, char out[24])
{
    char letters[8];

    column_name(col, letters);
    snprintf(out, 24, "%s%zu", letters, row + 1);
}

/* The error for a value at 'row', 'col' (line 'line' of a CSV file if not
 * 0) past the last row or column. */
static ls_status past_limit(size_t row, size_t col, const char *name, size_t line, ls_error *err)
{
    char where[40], cell[24], last[8];

    cell_name(row, col, cell);
    if (line)
        snprintf(where, sizeof where, "line %zu", line);
    else
        snprintf(where, sizeof where, "cell %s", cell);
    column_name(LS_GRID_MAX_COLS - 1, last);
    if (col >= LS_GRID_MAX_COLS)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, line,
                            "%s: %s: a value past column %d (%s), the limit", name, where,
                            LS_GRID_MAX_COLS, last);
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, line,
                        "%s: %s: a value past row %d, the limit", name, where, LS_GRID_MAX_ROWS);
}

ls_status ls_grid_put(ls_grid *g, size_t row, size_t col, uint32_t off, const char *name,
                      size_t line, ls_error *err)
{
    ls_grid_entry *p;
    uint32_t at;

    if (col >= LS_GRID_MAX_COLS || row >= LS_GRID_MAX_ROWS)
        return past_limit(row, col, name, line, err);
    if (g->ncells >= LS_GRID_MAX_CELLS)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: more than %d cells with a value (the limit)", name,
                            LS_GRID_MAX_CELLS);
    if (g->ncells == g->cells_cap) {
        size_t cap = g->cells_cap ? g->cells_cap * 2 : 1024;
        if (cap > LS_GRID_MAX_CELLS)
            cap = LS_GRID_MAX_CELLS;
        p = ls_realloc(g->cells, cap * sizeof *p);
        if (!p)
            return ls_error_nomem(err);
        g->cells = p;
        g->cells_cap = cap;
    }
    at = (uint32_t)(row * LS_GRID_MAX_COLS + col);
    if (g->ncells > 0 && g->cells[g->ncells - 1].at >= at)
        g->unsorted = 1;
    g->cells[g->ncells].at = at;
    g->cells[g->ncells].text = off;
    g->ncells++;
    if (row + 1 > g->nrows)
        g->nrows = row + 1;
    if (col + 1 > g->ncols)
        g->ncols = col + 1;
    return LS_OK;
}

/* Merges the sorted runs a[lo, mid) and a[mid, hi) through 'tmp', the
 * left one first where places are equal (so the merge is stable). */
static void merge(ls_grid_entry *a, ls_grid_entry *tmp, size_t lo, size_t mid, size_t hi)
{
    size_t i = lo, j = mid, k = lo;

    while (i < mid && j < hi)
        tmp[k++] = a[j].at < a[i].at ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
}

ls_status ls_grid_done(ls_grid *g, ls_error *err)
{
    ls_grid_entry *tmp;
    size_t width, lo, i, n = 0;

    if (!g->unsorted)
        return LS_OK;
    /* bottom-up merge sort: stable, n log n, one extra array */
    tmp = ls_malloc(g->ncells * sizeof *tmp);
    if (!tmp)
        return ls_error_nomem(err);
    for (width = 1; width < g->ncells; width *= 2)
        for (lo = 0; lo + width < g->ncells; lo += 2 * width)
            merge(g->cells, tmp, lo, lo + width,
                  lo + 2 * width < g->ncells ? lo + 2 * width : g->ncells);
    ls_free(tmp);
    /* of the cells at one place, the last one written wins */
    for (i = 0; i < g->ncells; i++) {
        if (n > 0 && g->cells[n - 1].at == g->cells[i].at)
            n--;
        g->cells[n++] = g->cells[i];
    }
    g->ncells = n;
    g->unsorted = 0;
    return LS_OK;
}

/* ---- CSV ---- */

/* The field at 's'[*i] (quoted or not) appended to the arena, '*i' moved
 * past it and '*line' past the line breaks inside it. */
static ls_status csv_field(ls_grid *g, const char *s, size_t len, size_t *i, size_t *line,
                           const char *name, ls_error *err)
{
    size_t from;
    ls_status st;

    if (*i < len && s[*i] == '"') {
        /* quoted: runs of text between quotes, a doubled quote is one */
        for (from = ++*i;; from = *i) {
            while (*i < len && s[*i] != '"')
                *line += s[(*i)++] == '\n';
            if (*i >= len)
                LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, *line,
                                      "%s: line %zu: a quoted field is not closed", name, *line));
            LS_CHECK(ls_grid_append(g, s + from, *i - from + (*i + 1 < len && s[*i + 1] == '"'),
                                    name, err));
            if (!(*i + 1 < len && s[*i + 1] == '"'))
                break;
            *i += 2;
        }
        ++*i; /* the closing quote */
    }
    /* unquoted text, or what follows the closing quote, up to the end */
    for (from = *i; *i < len && s[*i] != ',' && s[*i] != '\n' && s[*i] != '\r';)
        ++*i;
    LS_CHECK(ls_grid_append(g, s + from, *i - from, name, err));
done:
    return st;
}

/* Takes off the apostrophe that CSV writers put before text that would
 * begin a formula (csv.c: '=x is the text =x), and the blanks it kept;
 * 0 when nothing is left. */
static int unguard(const ls_grid *g, uint32_t *off)
{
    const char *s = g->text + *off;
    size_t n = strlen(s), k = 1, b;

    if (s[0] != '\'' || !ls_csv_is_formula(s + 1, n - 1))
        return 1;
    while (k < n && (b = blank_at(s + k, n - k)) > 0)
        k += b;
    *off += (uint32_t)k;
    return k < n;
}

static ls_status read_csv(const char *s, size_t len, const char *name, ls_grid *g, ls_error *err)
{
    size_t i = 0, r = 0, c = 0, line = 1, start, at_line;
    const char *nul = len ? memchr(s, '\0', len) : NULL;
    uint32_t off;
    ls_status st = LS_OK;

    /* UTF-8 text has no NUL byte (UTF-16 has many); a cell would end at one */
    if (nul) {
        for (i = 0; s + i < nul; i++)
            line += s[i] == '\n';
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, line,
                            "%s: line %zu: a NUL byte, so not UTF-8 text (save it as CSV UTF-8)",
                            name, line);
    }
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i <= len) {
        start = g->text_len;
        at_line = line;
        LS_CHECK(csv_field(g, s, len, &i, &line, name, err));
        if (ls_grid_keep(g, start, &off) && unguard(g, &off))
            LS_CHECK(ls_grid_put(g, r, c, off, name, at_line, err));
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
done:
    return st;
}

/* ---- either ---- */

ls_status ls_grid_read(const char *bytes, size_t len, const char *name, ls_grid *out, ls_error *err)
{
    size_t n = strlen(name);
    ls_status st;

    memset(out, 0, sizeof *out);
    if (n > 5 && (strcmp(name + n - 5, ".xlsx") == 0 || strcmp(name + n - 5, ".XLSX") == 0))
        LS_CHECK(ls_grid_read_xlsx(bytes, len, name, out, err));
    else if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0)
        LS_CHECK(ls_grid_read_xlsx(bytes, len, name, out, err)); /* a workbook by another name */
    else
        LS_CHECK(read_csv(bytes, len, name, out, err));
    LS_CHECK(ls_grid_done(out, err));
done:
    if (st != LS_OK)
        ls_grid_free(out);
    return st;
}
