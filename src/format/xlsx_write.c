/*
 * xlsx_write.c — a sheet (ls_sheet) as an XLSX workbook, with
 * libxlsxwriter: a title row across the columns, a header row, panes
 * frozen below it, widths that fit Chinese text (a CJK character counts
 * two), long text wrapped, numbers as numbers and dates as real dates.
 * libxlsxwriter 1.1.4 writes files only: the workbook goes to a temporary
 * file in $TMPDIR that is read back and removed.
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xlsx_api.h"

#include "alloc.h"
#include "error.h"
#include "sheet.h"
#include "pace.h"

#define WIDTH_MAX 60
#define WIDE_MIN 40

/* Display width of UTF-8 's': characters from U+1100 on count two. */
static double text_width(const char *s)
{
    double w = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    for (; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0xE1 ? 2 : 1;
    return w;
}

/* The width of column 'c': its widest cell (header included), capped. */
static double column_width(const ls_sheet *sh, size_t c)
{
    double w = text_width(sh->cols[c].header) + 2;
    size_t i;

    for (i = 0; i < sh->nrows; i++) {
        const ls_cell *v = &sh->cells[i * sh->ncols + c];
        double x = v->kind == LS_CELL_TEXT ? text_width(v->text) + 2 : 12;
        if (x > w)
            w = x;
    }
    if (sh->cols[c].type == LS_COL_DATE)
        w = 12;
    if (sh->cols[c].wide && w < WIDE_MIN)
        w = WIDE_MIN;
    return w > WIDTH_MAX ? WIDTH_MAX : w;
}

typedef struct {
    lxw_format *title, *header, *text, *wrap, *number, *date;
} formats;

static void add_formats(lxw_workbook *wb, formats *f)
{
    f->title = ls_xlsx.workbook_add_format(wb);
    ls_xlsx.format_set_bold(f->title);
    ls_xlsx.format_set_font_size(f->title, 14);
    ls_xlsx.format_set_align(f->title, LXW_ALIGN_CENTER);
    f->header = ls_xlsx.workbook_add_format(wb);
    ls_xlsx.format_set_bold(f->header);
    ls_xlsx.format_set_bg_color(f->header, 0xDDE3EC);
    ls_xlsx.format_set_border(f->header, LXW_BORDER_THIN);
    ls_xlsx.format_set_text_wrap(f->header);
    f->text = ls_xlsx.workbook_add_format(wb);
    ls_xlsx.format_set_border(f->text, LXW_BORDER_THIN);
    ls_xlsx.format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    f->wrap = ls_xlsx.workbook_add_format(wb);
    ls_xlsx.format_set_border(f->wrap, LXW_BORDER_THIN);
    ls_xlsx.format_set_text_wrap(f->wrap);
    ls_xlsx.format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    f->number = ls_xlsx.workbook_add_format(wb);
    ls_xlsx.format_set_border(f->number, LXW_BORDER_THIN);
    ls_xlsx.format_set_align(f->number, LXW_ALIGN_VERTICAL_TOP);
    f->date = ls_xlsx.workbook_add_format(wb);
    ls_xlsx.format_set_border(f->date, LXW_BORDER_THIN);
    ls_xlsx.format_set_num_format(f->date, "yyyy-mm-dd");
    ls_xlsx.format_set_align(f->date, LXW_ALIGN_VERTICAL_TOP);
}

/* Writes one cell of the sheet at (r, c). */
static void write_cell(lxw_worksheet *ws, const formats *f, const ls_column *col, double width,
                       lxw_row_t r, lxw_col_t c, const ls_cell *v)
{
    int number = v->kind == LS_CELL_INT || v->kind == LS_CELL_REAL;
    ls_date d;

    if (col->type == LS_COL_NUMBER && number) {
        ls_xlsx.worksheet_write_number(ws, r, c, v->number, f->number);
    } else if (col->type == LS_COL_DATE && v->kind == LS_CELL_TEXT &&
               ls_date_parse(v->text, &d)) {
        lxw_datetime dt = {d.year, d.month, d.day, 0, 0, 0};
        ls_xlsx.worksheet_write_datetime(ws, r, c, &dt, f->date);
    } else if (v->kind == LS_CELL_TEXT) {
        /* text wider than its column (capped) wraps rather than hides */
        ls_xlsx.worksheet_write_string(ws, r, c, v->text,
                               col->wide || text_width(v->text) + 2 > width ? f->wrap : f->text);
    } else if (number) {
        ls_xlsx.worksheet_write_number(ws, r, c, v->number, f->number);
    } else {
        ls_xlsx.worksheet_write_blank(ws, r, c, col->type == LS_COL_DATE ? f->date : f->text);
    }
}

static ls_status read_back(const char *path, char **out, size_t *len, ls_error *err)
{
    FILE *fp = fopen(path, "rb");
    long n;

    if (!fp)
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot read the workbook written");
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *out = n >= 0 ? ls_malloc((size_t)n + 1) : NULL;
    if (!*out) {
        fclose(fp);
        return ls_error_nomem(err);
    }
    *len = fread(*out, 1, (size_t)n, fp);
    fclose(fp);
    return *len == (size_t)n ? LS_OK : ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "short read");
}

ls_status ls_sheet_xlsx(const ls_sheet *sh, char **out, size_t *len, ls_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char dir[400], path[sizeof dir + 32];
    lxw_workbook_options opt = {0, dir, 0};
    double widths[64];
    int fd;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    formats f;
    size_t i, c;
    ls_status st;

    *out = NULL;
    *len = 0;
    st = ls_xlsx_load(err);
    if (st != LS_OK)
        return st;
    assert(sh->ncols > 1 && sh->ncols <= sizeof widths / sizeof widths[0]);
    /* libxlsxwriter 1.1.4 writes files only (no output_buffer yet): the
     * workbook goes to a temporary file in $TMPDIR, read back and removed */
    snprintf(dir, sizeof dir, "%s", tmp && *tmp && strlen(tmp) < sizeof dir ? tmp : "/tmp");
    snprintf(path, sizeof path, "%s/luoshi-xlsx-XXXXXX", dir);
    fd = mkstemp(path);
    if (fd < 0)
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot create a temporary file");
    close(fd);
    wb = ls_xlsx.workbook_new_opt(path, &opt);
    ws = wb ? ls_xlsx.workbook_add_worksheet(wb, NULL) : NULL;
    if (!ws) {
        ls_xlsx.lxw_workbook_free(wb);
        unlink(path);
        return ls_error_nomem(err);
    }
    add_formats(wb, &f);
    ls_xlsx.worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(sh->ncols - 1), sh->title, f.title);
    ls_xlsx.worksheet_set_row(ws, 0, 28, NULL);
    for (c = 0; c < sh->ncols; c++) {
        ls_xlsx.worksheet_write_string(ws, 1, (lxw_col_t)c, sh->cols[c].header, f.header);
        widths[c] = column_width(sh, c);
        ls_xlsx.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    ls_xlsx.worksheet_freeze_panes(ws, 2, 0);
    for (i = 0; i < sh->nrows; i++)
        for (c = 0; c < sh->ncols; c++)
            write_cell(ws, &f, &sh->cols[c], widths[c], (lxw_row_t)(i + 2), (lxw_col_t)c,
                       &sh->cells[i * sh->ncols + c]);
    if (ls_xlsx.workbook_close(wb) != LXW_NO_ERROR) {
        unlink(path);
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot write the workbook");
    }
    st = read_back(path, out, len, err);
    unlink(path);
    return st;
}
