/*
 * sheet.h — a table as offices exchange it: a title, named columns (text,
 * number or date) and rows of cells; written as XLSX, CSV or JSON
 * (export.c, xlsx_write.c) and read back from XLSX or CSV (sheet_read.c).
 */
#ifndef LS_STORE_SHEET_H
#define LS_STORE_SHEET_H

#include <jansson.h>
#include <stddef.h>

#include "luoshi.h"

typedef enum { COL_TEXT = 0, COL_NUMBER, COL_DATE } ls_col_type;

typedef struct {
    const char *key;    /* the field of the JSON records */
    const char *header; /* the heading in the sheet: 牵头单位 */
    ls_col_type type;
    int wide; /* long text: wrapped, wider */
} ls_column;

typedef struct {
    char title[256];
    const ls_column *cols;
    size_t ncols;
    json_t *rows; /* array of objects keyed by the columns' keys */
} ls_sheet;

/* Writes 'sh' as an XLSX workbook into a new buffer '*out' (ls_free). */
ls_status ls_sheet_xlsx(const ls_sheet *sh, char **out, size_t *len, ls_error *err);

/* A table read from a file: rows of cells as strings (NULL: empty). */
typedef struct {
    size_t nrows, ncols;
    char **cells; /* nrows * ncols */
} ls_grid;

/* Reads the first sheet of an XLSX file, or a CSV file (UTF-8, with or
 * without BOM), from 'bytes'; 'name' (the file name) picks the format by
 * its extension and names the file in errors. XLSX cells in a date style
 * become YYYY-MM-DD; other numbers stay as written (45291, 40.5). */
ls_status ls_grid_read(const char *bytes, size_t len, const char *name, ls_grid *out,
                       ls_error *err);
void ls_grid_free(ls_grid *g);
const char *ls_grid_cell(const ls_grid *g, size_t row, size_t col);

/* Excel date serial 'serial' (45291: 2023-12-31) as YYYY-MM-DD in 'out';
 * 0 when it is not a day Excel can show (before 1900, after 9999). */
int ls_grid_serial_date(double serial, char out[16]);

#endif
