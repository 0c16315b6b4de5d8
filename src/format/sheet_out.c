/*
 * sheet_out.c — a table (ls_sheet) written as CSV or JSON, or handed to
 * xlsx_write.c for XLSX: the one writer of the ledger's tables for `luoshi
 * export` and GET /api/v1/export. What the columns are is the ledger's
 * (src/ledger/export.c).
 */
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "error.h"
#include "jsonw.h"
#include "sheet.h"

ls_status ls_sheet_format_ok(const char *format, ls_error *err)
{
    if (strcmp(format, "xlsx") == 0 || strcmp(format, "csv") == 0 || strcmp(format, "json") == 0)
        return LS_OK;
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                        "export format '%s' is not xlsx, csv or json", format);
}

static void csv(const ls_sheet *sh, ls_buf *b)
{
    size_t i, c;

    ls_buf_puts(b, "\xEF\xBB\xBF");
    for (c = 0; c < sh->ncols; c++) {
        if (c)
            ls_buf_puts(b, ",");
        ls_csv_field(b, sh->cols[c].header, strlen(sh->cols[c].header));
    }
    ls_buf_puts(b, "\r\n");
    for (i = 0; i < sh->nrows; i++) {
        for (c = 0; c < sh->ncols; c++) {
            const ls_cell *v = &sh->cells[i * sh->ncols + c];
            if (c)
                ls_buf_puts(b, ",");
            if (v->kind == LS_CELL_TEXT)
                ls_csv_field(b, v->text, strlen(v->text));
            else if (v->kind == LS_CELL_INT)
                ls_buf_printf(b, "%lld", (long long)v->number);
            else if (v->kind == LS_CELL_REAL)
                ls_buf_printf(b, "%.12g", v->number);
        }
        ls_buf_puts(b, "\r\n");
    }
}

static void json(const ls_sheet *sh, ls_jw *w)
{
    size_t i, c;

    ls_jw_array(w);
    for (i = 0; i < sh->nrows; i++) {
        ls_jw_object(w);
        for (c = 0; c < sh->ncols; c++) {
            const ls_cell *v = &sh->cells[i * sh->ncols + c];
            ls_jw_key(w, sh->cols[c].key);
            if (v->kind == LS_CELL_TEXT)
                ls_jw_str(w, v->text);
            else if (v->kind == LS_CELL_INT)
                ls_jw_int(w, (long long)v->number);
            else if (v->kind == LS_CELL_REAL)
                ls_jw_real(w, v->number);
            else
                ls_jw_null(w);
        }
        ls_jw_end(w);
    }
    ls_jw_end(w);
}

ls_status ls_sheet_write(const ls_sheet *sh, const char *format, char **out, size_t *len,
                         ls_error *err)
{
    ls_status st = ls_sheet_format_ok(format, err);
    ls_buf b;
    ls_jw w;
    int ok;

    *out = NULL;
    *len = 0;
    if (st != LS_OK)
        return st;
    if (strcmp(format, "xlsx") == 0)
        return ls_sheet_xlsx(sh, out, len, err);
    if (strcmp(format, "csv") == 0) {
        ls_buf_init(&b);
        csv(sh, &b);
    } else {
        ls_jw_init(&w, NULL, NULL, 0);
        ls_jw_set_indent(&w, 2);
        json(sh, &w);
        ok = ls_jw_finish(&w);
        b = w.out;
        ls_buf_puts(&b, "\n");
        b.failed |= !ok;
    }
    if (b.failed) {
        ls_buf_release(&b);
        return ls_error_nomem(err);
    }
    *out = ls_buf_detach(&b, len);
    return LS_OK;
}
