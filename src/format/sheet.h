/*
 * sheet.h — a table as offices exchange it (ls_sheet, luoshi.h): written as
 * XLSX, CSV or JSON (xlsx_write.c, sheet_out.c), and read back from XLSX
 * or CSV (sheet_read.c) as a grid of strings.
 */
#ifndef LS_STORE_SHEET_H
#define LS_STORE_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "luoshi.h"

/* Writes 'sh' (luoshi.h) as an XLSX workbook into a new buffer '*out'
 * (ls_free). */
ls_status ls_sheet_xlsx(const ls_sheet *sh, char **out, size_t *len, ls_error *err);

/* Writes 'sh' in 'format' ("xlsx", "csv" or "json") into a new buffer
 * '*out' (ls_free): CSV is UTF-8 with a byte-order mark (so that Excel
 * reads it as UTF-8), RFC 4180, formulas guarded (csv.c), numbers as
 * numbers; JSON is an array of records keyed by the columns, indented.
 * LS_EINVAL for another format. */
ls_status ls_sheet_write(const ls_sheet *sh, const char *format, char **out, size_t *len,
                         ls_error *err);

/* LS_OK when 'format' is one ls_sheet_write writes, else LS_EINVAL with
 * the message it would give. */
ls_status ls_sheet_format_ok(const char *format, ls_error *err);

/* The limits of a table read from a file (docs/ledger.md). A value past
 * them is an error naming the limit, never dropped; empty cells past them
 * (a styled but blank column) are ignored. */
#define LS_GRID_MAX_ROWS 200000
#define LS_GRID_MAX_COLS 64
#define LS_GRID_MAX_CELLS 1000000           /* cells holding a value */
#define LS_GRID_MAX_TEXT ((size_t)16 << 20) /* bytes of their text, shared strings included */

/* A cell that holds a value: where it is and its text. */
typedef struct {
    uint32_t at;   /* row * LS_GRID_MAX_COLS + column */
    uint32_t text; /* offset of its NUL-terminated text in the grid's arena */
} ls_grid_entry;

/* A table read from a file, kept compactly: one arena of text (an XLSX
 * file's shared strings once, then the cells' own text) and the cells that
 * hold a value, sorted by row and column. 'nrows' and 'ncols' are one past
 * the last row and column holding a value. Read it with ls_grid_cell. */
typedef struct {
    size_t nrows, ncols;
    char *text;
    size_t text_len, text_cap;
    ls_grid_entry *cells;
    size_t ncells, cells_cap;
    int unsorted; /* a cell came before one it follows: sort when done */
} ls_grid;

/* Reads the first sheet of an XLSX file, or a CSV file (UTF-8, with or
 * without BOM), from 'bytes'; 'name' (the file name) picks the format by
 * its extension and names the file in errors. XLSX cells in a date style
 * become YYYY-MM-DD; other numbers stay as written (45291, 40.5). Blanks
 * around a cell are cut; a cell left empty is no value. A file past one of
 * the limits above, or of those on an XLSX archive and its XML
 * (sheet_xlsx.c), is LS_EINVAL with a message naming the file and the
 * limit; memory stays within about twice the limits on text and cells. */
ls_status ls_grid_read(const char *bytes, size_t len, const char *name, ls_grid *out,
                       ls_error *err);
void ls_grid_free(ls_grid *g);
/* The text of the cell at 'row', 'col' (0-based), or NULL when it holds no
 * value; valid until ls_grid_free. */
const char *ls_grid_cell(const ls_grid *g, size_t row, size_t col);

/* ---- building a grid (sheet_read.c), for the readers of each format ---- */

/* Appends 'n' bytes of 's' to the text being gathered at the end of the
 * arena (a cell's text may come in pieces); LS_EINVAL past
 * LS_GRID_MAX_TEXT (naming 'name'), LS_ENOMEM. */
ls_status ls_grid_append(ls_grid *g, const char *s, size_t n, const char *name, ls_error *err);
/* Ends the text gathered since arena offset 'start': cuts the blanks around
 * it and keeps it, its offset in '*off'. 0 when nothing is left (the text is
 * dropped), else 1. */
int ls_grid_keep(ls_grid *g, size_t start, uint32_t *off);
/* Puts the text at arena offset 'off' in the cell at 'row', 'col'; a later
 * cell at the same place wins. LS_EINVAL past a limit, naming file 'name'
 * and the place: "line 12" of a CSV file if 'line' is not 0, else the
 * cell ("cell BM7"); LS_ENOMEM. */
ls_status ls_grid_put(ls_grid *g, size_t row, size_t col, uint32_t off, const char *name,
                      size_t line, ls_error *err);
/* Sorts the cells after the last put (stable, so the later cell wins). */
ls_status ls_grid_done(ls_grid *g, ls_error *err);

/* The first sheet of XLSX archive 'bytes' into 'g' (sheet_xlsx.c). */
ls_status ls_grid_read_xlsx(const char *bytes, size_t len, const char *name, ls_grid *g,
                            ls_error *err);

/* Excel date serial 'serial' (45291: 2023-12-31) as YYYY-MM-DD in 'out';
 * 0 when it is not a day Excel can show (before 1900, after 9999). */
int ls_grid_serial_date(double serial, char out[16]);

#endif
