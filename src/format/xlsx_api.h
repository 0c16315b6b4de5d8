/*
 * xlsx_api.h — the functions of libxlsxwriter that xlsx_write.c calls, in
 * a table filled on first use (lazylib.h): luoshi loads the library only
 * when it writes a workbook. It says nothing of what a sheet holds.
 */
#ifndef LS_FORMAT_XLSX_API_H
#define LS_FORMAT_XLSX_API_H

#include <xlsxwriter.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_XLSX_FUNCTIONS(X)                                                                  \
    X(lxw_workbook *, workbook_new_opt, (const char *, lxw_workbook_options *))               \
    X(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *, const char *))                \
    X(lxw_format *, workbook_add_format, (lxw_workbook *))                                    \
    X(lxw_error, workbook_close, (lxw_workbook *))                                            \
    X(void, lxw_workbook_free, (lxw_workbook *))                                              \
    X(void, format_set_align, (lxw_format *, uint8_t))                                        \
    X(void, format_set_bg_color, (lxw_format *, lxw_color_t))                                 \
    X(void, format_set_bold, (lxw_format *))                                                  \
    X(void, format_set_border, (lxw_format *, uint8_t))                                       \
    X(void, format_set_font_size, (lxw_format *, double))                                     \
    X(void, format_set_num_format, (lxw_format *, const char *))                              \
    X(void, format_set_text_wrap, (lxw_format *))                                             \
    X(void, worksheet_freeze_panes, (lxw_worksheet *, lxw_row_t, lxw_col_t))                  \
    X(lxw_error, worksheet_merge_range,                                                       \
      (lxw_worksheet *, lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t, const char *, lxw_format *)) \
    X(lxw_error, worksheet_set_column,                                                        \
      (lxw_worksheet *, lxw_col_t, lxw_col_t, double, lxw_format *))                          \
    X(lxw_error, worksheet_set_row, (lxw_worksheet *, lxw_row_t, double, lxw_format *))       \
    X(lxw_error, worksheet_write_blank, (lxw_worksheet *, lxw_row_t, lxw_col_t, lxw_format *)) \
    X(lxw_error, worksheet_write_datetime,                                                    \
      (lxw_worksheet *, lxw_row_t, lxw_col_t, lxw_datetime *, lxw_format *))                  \
    X(lxw_error, worksheet_write_number,                                                      \
      (lxw_worksheet *, lxw_row_t, lxw_col_t, double, lxw_format *))                          \
    X(lxw_error, worksheet_write_string,                                                      \
      (lxw_worksheet *, lxw_row_t, lxw_col_t, const char *, lxw_format *))

typedef struct {
    LS_XLSX_FUNCTIONS(LS_LAZY_FIELD)
} ls_xlsx_api;

/* The table. Read it only after ls_xlsx_load succeeded. */
extern ls_xlsx_api ls_xlsx;

/* Loads libxlsxwriter once; LS_OK, or LS_EIO with the reason in 'err'. */
ls_status ls_xlsx_load(ls_error *err);

#endif
