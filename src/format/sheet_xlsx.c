/*
 * sheet_xlsx.c — the first worksheet of an XLSX workbook into a grid
 * (sheet_read.c), read as a stream (sheet_zip.c: no member whole in
 * memory, no tree): which member is the first sheet (xl/workbook.xml and
 * its relationships), which cell styles show dates (xl/styles.xml), the
 * shared strings (kept once in the grid's arena; cells point at them),
 * then the cells, placed by their references so that left-out empty
 * cells stay empty. What a column means is src/ledger/sheets.c's.
 *
 *   xl/workbook.xml   <sheets><sheet r:id="rId1"/>   the first in order
 *   xl/_rels/workbook.xml.rels   rId1 → worksheets/sheet1.xml
 *   xl/styles.xml     <numFmts>, <cellXfs><xf numFmtId=…/>   dates
 *   xl/sharedStrings.xml   <si><t>…</t></si>, rich text <r><t>, not <rPh>
 *   xl/worksheets/sheet1.xml   <sheetData><row r="7"><c r="B7" t="s" s="3"><v>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "sheet.h"
#include "sheet_zip.h"

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_STRINGS 1000000 /* shared strings */
#define MAX_XFS 65536       /* cell styles (Excel allows 64,000) */
#define MAX_NUMFMTS 4096    /* custom number formats (Excel allows about 250) */
#define EXCEL_ROWS 1048576
#define EXCEL_COLS 16384
#define NO_TEXT UINT32_MAX   /* a shared string that is empty */
#define UNKNOWN ((size_t)-1) /* a place given by a malformed reference */

/* What a workbook's cells need: its shared strings and date styles. */
typedef struct {
    ls_archive ar;
    ls_grid *g;
    uint32_t *strings; /* arena offsets of the shared strings, NO_TEXT if empty */
    size_t nstrings, strings_cap;
    unsigned char *date_xf; /* by cell style: 1 when it shows a date */
    size_t ndate_xf;
    ls_error *err;
} book;

/* Grows '*arr' (of 'size'-byte items, '*cap' of them) to hold one more
 * than 'n', at most 'max'; 0 when out of memory. */
static int grow(void **arr, size_t *cap, size_t n, size_t size, size_t max)
{
    size_t c = *cap ? *cap * 2 : 256;
    void *p;

    if (n < *cap)
        return 1;
    if (c > max)
        c = max;
    p = ls_realloc(*arr, c * size);
    if (!p)
        return 0;
    *arr = p;
    *cap = c;
    return 1;
}

/* Attribute 'name' (in namespace 'ns' if not NULL) of the element 'p' is
 * on into 'out' of 'size' bytes (cut to fit); 0 when absent. */
static int attr(const ls_member *p, const char *ns, const char *name, char *out, size_t size)
{
    const char *names[2];

    names[0] = name;
    names[1] = NULL;
    return ls_member_attrs(p, ns, names, out, size) != 0;
}

/* Closes 'p' if it was 'found'; the first failure of 'st' and of the
 * reading wins. */
static ls_status close_member(ls_member *p, int found, ls_status st, int *damaged)
{
    ls_status closed = found ? ls_member_close(p, damaged) : LS_OK;

    return st != LS_OK ? st : closed;
}

/* ---- which member is the first sheet ---- */

/* The r:id of the first <sheet> in the workbook's first <sheets>, in 'id'
 * ("" when there is none or the workbook is unreadable). */
static ls_status first_sheet_id(book *bk, char *id, size_t size)
{
    ls_member p;
    int found = 0, in_sheets = 0;
    ls_status st;

    id[0] = '\0';
    LS_CHECK(ls_member_open(&bk->ar, "xl/workbook.xml", "xl/workbook.xml", &p, &found, bk->err));
    while (found && ls_member_next(&p)) {
        if (p.depth == 1 && ls_member_start(&p, "sheets"))
            in_sheets = 1;
        else if (p.depth == 1 && ls_member_end(&p, "sheets"))
            break;
        else if (in_sheets && p.depth == 2 && ls_member_start(&p, "sheet")) {
            attr(&p, REL_NS, "id", id, size);
            break;
        }
    }
done:
    return close_member(&p, found, st, NULL);
}

/* The member holding the first worksheet in the workbook's order: the
 * first <sheet> of xl/workbook.xml, its r:id looked up in
 * xl/_rels/workbook.xml.rels ("worksheets/sheet1.xml" is relative to xl/,
 * "/xl/worksheets/sheet1.xml" to the archive). Falls back to sheet1.xml. */
static ls_status first_sheet(book *bk, char *member, size_t size)
{
    char id[256], rid[256], target[200];
    ls_member p;
    int found = 0;
    ls_status st;

    snprintf(member, size, "xl/worksheets/sheet1.xml");
    LS_CHECK(first_sheet_id(bk, id, sizeof id));
    if (id[0] != '\0')
        LS_CHECK(ls_member_open(&bk->ar, "xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels",
                                &p, &found, bk->err));
    while (found && ls_member_next(&p)) {
        if (p.depth != 1 || !ls_member_start(&p, "Relationship") ||
            !attr(&p, NULL, "Id", rid, sizeof rid) || strcmp(rid, id) != 0 ||
            !attr(&p, NULL, "Target", target, sizeof target))
            continue;
        if (target[0] == '/')
            snprintf(member, size, "%s", target + 1);
        else
            snprintf(member, size, "xl/%s", target);
    }
done:
    return close_member(&p, found, st, NULL);
}

/* ---- which styles show dates ---- */

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

/* What styles.xml says, before it is turned into date flags: the custom
 * formats (id, shows a date) and each cell style's format. */
typedef struct {
    long *fmt_id;
    unsigned char *fmt_date;
    size_t nfmt, fmt_cap, date_cap;
    long *xf_fmt;
    size_t nxf, xf_cap;
} styles;

/* One <numFmt> (custom, id 164 on) or <xf> of <cellXfs> into 's'. */
static ls_status style_node(book *bk, ls_member *p, int section, styles *s)
{
    char id[32], code[256];

    attr(p, NULL, "numFmtId", id, sizeof id);
    if (section == 1) {
        if (s->nfmt >= MAX_NUMFMTS)
            return ls_error_set(bk->err, LS_EINVAL, LS_NO_OFFSET, 0,
                                "%s: xl/styles.xml has more than %d number formats (the limit)",
                                bk->ar.name, MAX_NUMFMTS);
        if (!grow((void **)&s->fmt_id, &s->fmt_cap, s->nfmt, sizeof *s->fmt_id, MAX_NUMFMTS) ||
            !grow((void **)&s->fmt_date, &s->date_cap, s->nfmt, 1, MAX_NUMFMTS))
            return ls_error_nomem(bk->err);
        attr(p, NULL, "formatCode", code, sizeof code);
        s->fmt_id[s->nfmt] = atol(id);
        s->fmt_date[s->nfmt++] = (unsigned char)is_date_format(atol(id), code);
        return LS_OK;
    }
    if (s->nxf >= MAX_XFS)
        return ls_error_set(bk->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: xl/styles.xml has more than %d cell styles (the limit)",
                            bk->ar.name, MAX_XFS);
    if (!grow((void **)&s->xf_fmt, &s->xf_cap, s->nxf, sizeof *s->xf_fmt, MAX_XFS))
        return ls_error_nomem(bk->err);
    s->xf_fmt[s->nxf++] = id[0] ? atol(id) : -1;
    return LS_OK;
}

/* The date flags of 'bk' from 's': a built-in date format, or a custom one
 * (id 164 on) whose first definition shows a date. */
static ls_status style_flags(book *bk, const styles *s)
{
    size_t i, k;

    if (s->nxf == 0)
        return LS_OK;
    bk->date_xf = ls_calloc(s->nxf, 1);
    if (!bk->date_xf)
        return ls_error_nomem(bk->err);
    for (i = 0; i < s->nxf; i++) {
        long fmt = s->xf_fmt[i];
        bk->date_xf[i] = (unsigned char)is_date_format(fmt, NULL);
        for (k = 0; fmt >= 164 && k < s->nfmt; k++)
            if (s->fmt_id[k] == fmt) {
                bk->date_xf[i] = s->fmt_date[k];
                break;
            }
    }
    bk->ndate_xf = s->nxf;
    return LS_OK;
}

/* Which cell styles (<xf> of the first <cellXfs>, by index) show dates,
 * into 'bk'; none when styles.xml is missing or unreadable. */
static ls_status date_styles(book *bk)
{
    styles s;
    ls_member p;
    int found = 0, section = 0, ended[3] = {0, 0, 0}, damaged = 0;
    ls_status st;

    memset(&s, 0, sizeof s);
    LS_CHECK(ls_member_open(&bk->ar, "xl/styles.xml", "xl/styles.xml", &p, &found, bk->err));
    while (found && ls_member_next(&p)) {
        int depth = p.depth;
        if (depth == 1 && section == 0 && !ended[1] && ls_member_start(&p, "numFmts"))
            section = 1;
        else if (depth == 1 && section == 0 && !ended[2] && ls_member_start(&p, "cellXfs"))
            section = 2;
        if (depth == 1 && section &&
            (ls_member_end(&p, "numFmts") || ls_member_end(&p, "cellXfs"))) {
            ended[section] = 1;
            section = 0;
        } else if (depth == 2 && section && ls_member_start(&p, section == 1 ? "numFmt" : "xf"))
            LS_CHECK(style_node(bk, &p, section, &s));
    }
    if (found) {
        found = 0; /* closed here: nothing left for done: to close */
        LS_CHECK(ls_member_close(&p, &damaged));
    }
    if (!damaged)
        LS_CHECK(style_flags(bk, &s));
done:
    st = close_member(&p, found, st, NULL);
    ls_free(s.fmt_id);
    ls_free(s.fmt_date);
    ls_free(s.xf_fmt);
    return st;
}

/* ---- shared strings ---- */

/* Where the text of a string or cell is, among the nodes: inside <t>,
 * not inside the phonetic guide <rPh> (-1: not inside). */
typedef struct {
    int t, rph;
} text_place;

/* Follows 'p' in and out of <t> and <rPh>; true when its node is text to
 * keep. */
static int in_text(const ls_member *p, text_place *tp)
{
    int depth = p->depth;

    if (tp->rph < 0 && ls_member_start(p, "rPh") && !ls_member_end(p, "rPh"))
        tp->rph = depth;
    else if (tp->rph == depth && ls_member_end(p, "rPh"))
        tp->rph = -1;
    else if (tp->t < 0 && ls_member_start(p, "t") && !ls_member_end(p, "t"))
        tp->t = depth;
    else if (tp->t == depth && ls_member_end(p, "t"))
        tp->t = -1;
    return tp->t >= 0 && tp->rph < 0 && ls_member_text(p) != NULL;
}

/* Ends <si>: its text (blanks cut) is the next shared string. */
static ls_status end_string(book *bk, size_t mark)
{
    uint32_t off;

    if (bk->nstrings >= MAX_STRINGS)
        return ls_error_set(bk->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: more than %d shared strings (the limit)", bk->ar.name,
                            MAX_STRINGS);
    if (!grow((void **)&bk->strings, &bk->strings_cap, bk->nstrings, sizeof *bk->strings,
              MAX_STRINGS))
        return ls_error_nomem(bk->err);
    bk->strings[bk->nstrings++] = ls_grid_keep(bk->g, mark, &off) ? off : NO_TEXT;
    return LS_OK;
}

/* The shared strings of the workbook into the grid's arena ('*damaged' set
 * when they are there but unreadable). */
static ls_status shared_strings(book *bk, int *damaged)
{
    ls_member p;
    text_place tp = {-1, -1};
    size_t mark = 0;
    int found = 0, in_si = 0;
    ls_status st;

    LS_CHECK(ls_member_open(&bk->ar, "xl/sharedStrings.xml", "xl/sharedStrings.xml", &p, &found,
                            bk->err));
    while (found && ls_member_next(&p)) {
        if (p.depth == 1 && ls_member_start(&p, "si")) {
            in_si = 1;
            mark = bk->g->text_len;
            tp.t = tp.rph = -1;
        }
        if (in_si && in_text(&p, &tp))
            LS_CHECK(ls_grid_append(bk->g, ls_member_text(&p), strlen(ls_member_text(&p)),
                                    bk->ar.name, bk->err));
        if (in_si && p.depth == 1 && ls_member_end(&p, "si")) {
            in_si = 0;
            LS_CHECK(end_string(bk, mark));
        }
    }
done:
    return close_member(&p, found, st, damaged);
}

/* ---- the cells ---- */

/* Excel date serial 'serial' (45291: 2023-12-31) as YYYY-MM-DD. */
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

/* The number of 1 to 'digits' decimal digits at 's' into '*n', '*s' moved
 * past them; 0 when there are none, more, or the number passes 'max'. */
static int read_digits(const char **s, size_t digits, size_t max, size_t *n)
{
    size_t k = 0;

    for (*n = 0; **s >= '0' && **s <= '9'; (*s)++)
        if (++k > digits || (*n = *n * 10 + (size_t)(**s - '0')) > max)
            return 0;
    return k > 0;
}

/* Column and row (0-based) of a reference such as "AB12" (up to Excel's
 * XFD1048576); 0 if malformed. */
static int cell_ref(const char *ref, size_t *row, size_t *col)
{
    size_t c = 0, r = 0, k = 0;

    for (; *ref >= 'A' && *ref <= 'Z'; ref++)
        if (++k > 3 || (c = c * 26 + (size_t)(*ref - 'A' + 1)) > EXCEL_COLS)
            return 0;
    if (k == 0 || !read_digits(&ref, 7, EXCEL_ROWS, &r) || *ref || r == 0)
        return 0;
    *row = r - 1;
    *col = c - 1;
    return 1;
}

/* Where the sheet's reading is, and the cell being read. */
typedef struct {
    size_t row, next; /* the row's place, and the next row's if it has no r */
    size_t col;       /* the place of a cell with no r: after the last */
    size_t cell_row, cell_col;
    char type[24], bad[24];
    long style;
    size_t mark; /* where the cell's text begins in the arena */
    int in_data, in_cell, has_v, v, inline_text;
    text_place tp;
} sheet;

/* <row r="7">: the row's place, or the one after the last row. */
static void start_row(const ls_member *p, sheet *s)
{
    char r[24];
    const char *at = r;
    size_t n;

    if (!attr(p, NULL, "r", r, sizeof r))
        s->row = s->next;
    else if (read_digits(&at, 7, EXCEL_ROWS, &n) && *at == '\0' && n > 0)
        s->row = n - 1;
    else {
        s->row = UNKNOWN;
        snprintf(s->bad, sizeof s->bad, "%s", r);
    }
    s->next = s->row == UNKNOWN ? UNKNOWN : s->row + 1;
    s->col = 0;
}

/* <c r="B7" t="s" s="3">: its place (by its reference, else after the cell
 * before it), type and style. */
static void start_cell(const ls_member *p, sheet *s, size_t mark)
{
    static const char *const names[] = {"r", "t", "s", NULL};
    char v[3][24];
    unsigned found = ls_member_attrs(p, NULL, names, v[0], sizeof v[0]);

    s->in_cell = 1;
    s->has_v = s->v = 0;
    s->tp.t = s->tp.rph = -1;
    s->mark = mark;
    s->cell_row = s->row;
    s->cell_col = s->col;
    if ((found & 1) && !cell_ref(v[0], &s->cell_row, &s->cell_col)) {
        s->cell_row = s->cell_col = UNKNOWN; /* and the cells after it in the row */
        snprintf(s->bad, sizeof s->bad, "%s", v[0]);
    }
    if (s->cell_row == UNKNOWN || s->cell_col == UNKNOWN)
        s->cell_row = s->cell_col = UNKNOWN;
    s->col = s->cell_col == UNKNOWN ? UNKNOWN : s->cell_col + 1;
    if (found & 2)
        memcpy(s->type, v[1], sizeof s->type); /* the same size, NUL included */
    else
        memcpy(s->type, "n", 2);
    s->style = (found & 4) ? atol(v[2]) : 0;
    s->inline_text = strcmp(s->type, "inlineStr") == 0;
}

/* The cell's raw text (of <v>) as a C string in the arena, not kept. */
static ls_status raw_text(book *bk, const sheet *s, char **text)
{
    ls_status st = ls_grid_append(bk->g, "", 1, bk->ar.name, bk->err);

    if (st == LS_OK) {
        bk->g->text_len--; /* the NUL stays after the text */
        *text = bk->g->text + s->mark;
    }
    return st;
}

/* Turns the raw text of a cell into its value, in place in the arena: a
 * shared string (t="s": its offset in '*shared'), a date (t="d", or a
 * number in a date style) as YYYY-MM-DD, or the value as written. */
static ls_status cell_value(book *bk, const sheet *s, uint32_t *shared)
{
    ls_grid *g = bk->g;
    char *text, *end, day[16];
    double serial;
    size_t i;
    ls_status st = raw_text(bk, s, &text);

    if (st != LS_OK)
        return st;
    if (strcmp(s->type, "s") == 0) {
        i = (size_t)atol(text);
        g->text_len = s->mark;
        *shared = i < bk->nstrings ? bk->strings[i] : NO_TEXT;
    } else if (strcmp(s->type, "d") == 0) {
        g->text_len = s->mark + strcspn(text, "T"); /* ISO 8601: the day */
    } else if (strcmp(s->type, "n") == 0 && s->style >= 0 && (size_t)s->style < bk->ndate_xf &&
               bk->date_xf[s->style] && (serial = strtod(text, &end), *end == '\0') &&
               ls_grid_serial_date(serial, day)) {
        g->text_len = s->mark;
        st = ls_grid_append(g, day, strlen(day), bk->ar.name, bk->err);
    }
    return st;
}

/* </c>: the cell's value, if it has one, into the grid at its place. */
static ls_status end_cell(book *bk, sheet *s)
{
    uint32_t off = NO_TEXT;
    ls_status st = LS_OK;

    s->in_cell = 0;
    if (!s->inline_text && !s->has_v) {
        bk->g->text_len = s->mark;
        return LS_OK;
    }
    if (!s->inline_text)
        LS_CHECK(cell_value(bk, s, &off));
    /* a shared string is kept already; other text is kept unless blank */
    if (off == NO_TEXT && strcmp(s->type, "s") != 0)
        ls_grid_keep(bk->g, s->mark, &off);
    if (off == NO_TEXT)
        goto done; /* no value to place */
    if (s->cell_row == UNKNOWN)
        LS_CHECK(ls_error_set(bk->err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "%s: the worksheet places a value by a malformed reference '%s'",
                              bk->ar.name, s->bad));
    LS_CHECK(ls_grid_put(bk->g, s->cell_row, s->cell_col, off, bk->ar.name, 0, bk->err));
done:
    return st;
}

/* One node of <sheetData>: rows, cells, and the text of <v> or of an
 * inline string's <t>. */
static ls_status sheet_node(book *bk, const ls_member *p, sheet *s)
{
    int depth = p->depth;
    const char *text;

    if (depth == 2 && ls_member_start(p, "row"))
        start_row(p, s);
    else if (depth == 3 && ls_member_start(p, "c"))
        start_cell(p, s, bk->g->text_len);
    else if (s->in_cell && depth == 4 && ls_member_start(p, "v") && !s->has_v) {
        s->has_v = 1;
        s->v = !ls_member_end(p, "v"); /* <v/> has no text */
    } else if (s->in_cell && depth == 4 && s->v && ls_member_end(p, "v"))
        s->v = 0;
    if (s->in_cell && (s->inline_text ? in_text(p, &s->tp) : s->v && depth == 5)) {
        text = ls_member_text(p);
        if (text)
            return ls_grid_append(bk->g, text, strlen(text), bk->ar.name, bk->err);
    }
    if (s->in_cell && depth == 3 && ls_member_end(p, "c"))
        return end_cell(bk, s);
    return LS_OK;
}

/* The cells of worksheet 'member' into the grid ('*found' 0 when there is
 * no such member, '*damaged' set when it is unreadable). */
static ls_status read_sheet(book *bk, const char *member, int *found, int *damaged)
{
    ls_member p;
    sheet s;
    ls_status st;

    memset(&s, 0, sizeof s);
    snprintf(s.bad, sizeof s.bad, "?");
    LS_CHECK(ls_member_open(&bk->ar, member, "the worksheet", &p, found, bk->err));
    while (*found && ls_member_next(&p)) {
        if (p.depth == 1 && ls_member_start(&p, "sheetData"))
            s.in_data = 1;
        if (s.in_data && p.depth == 1 && ls_member_end(&p, "sheetData"))
            break; /* the rest (merged cells, print settings) says nothing of the cells */
        if (s.in_data)
            LS_CHECK(sheet_node(bk, &p, &s));
    }
done:
    return close_member(&p, *found, st, damaged);
}

/* The workbook's parts in the order they are needed, into 'bk'; '*found'
 * says whether there is a first worksheet, '*damaged' whether a part that
 * must be read could not be. */
static ls_status read_book(book *bk, int *found, int *damaged)
{
    char member[256];
    ls_status st;

    LS_CHECK(first_sheet(bk, member, sizeof member));
    LS_CHECK(date_styles(bk));
    LS_CHECK(shared_strings(bk, damaged));
    if (!*damaged)
        LS_CHECK(read_sheet(bk, member, found, damaged));
done:
    return st;
}

ls_status ls_grid_read_xlsx(const char *bytes, size_t len, const char *name, ls_grid *g,
                            ls_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    book bk;
    int damaged = 0, found = 0;
    ls_xml_handlers saved; /* this thread's libxml2 handlers */
    ls_status st;

    st = ls_zip_load(err);
    if (st != LS_OK)
        return st;
    if ((st = ls_xml_load(err)) != LS_OK)
        return st;
    memset(&bk, 0, sizeof bk);
    ls_zip.zip_error_init(&ze);
    src = ls_zip.zip_source_buffer_create(bytes, len, 0, &ze);
    bk.ar.z = src ? ls_zip.zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    ls_zip.zip_error_fini(&ze);
    if (!bk.ar.z) {
        ls_zip.zip_source_free(src);
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: not an XLSX workbook", name);
    }
    bk.ar.name = name;
    bk.ar.size = len;
    bk.g = g;
    bk.err = err;
    ls_xml_quiet(&saved);
    LS_CHECK(read_book(&bk, &found, &damaged));
    if (damaged)
        LS_CHECK(
            ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: the workbook is damaged", name));
    if (!found)
        LS_CHECK(
            ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: no readable first worksheet", name));
done:
    ls_xml_restore(&saved);
    ls_zip.zip_discard(bk.ar.z);
    ls_free(bk.strings);
    ls_free(bk.date_xf);
    return st;
}
