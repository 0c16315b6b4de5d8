/*
 * csv.h — one field of CSV, as every CSV the project writes has it
 * (mentions in report.c, the ledger's tables in src/ledger/export.c, records
 * in cli/print.c): RFC 4180 quoting, and no formulas. Numbers are written
 * by their writers as numbers, never through here.
 */
#ifndef LS_CSV_H
#define LS_CSV_H

#include <stddef.h>

#include "buf.h"

/* True when the 'n' bytes at 's' begin as a spreadsheet formula would:
 * =, +, -, @, a tab or a carriage return, followed by anything
 * ("=HYPERLINK(…)", "-1+2"); one such character alone is no formula. */
int ls_csv_is_formula(const char *s, size_t n);

/* Appends the 'n' bytes at 's' to 'b' as one CSV field: text that
 * ls_csv_is_formula gets a leading apostrophe ('=SUM(A1) stays text in
 * a spreadsheet: the usual defence against CSV injection), and a field
 * holding a comma, a quote or a line break is quoted, quotes doubled. */
void ls_csv_field(ls_buf *b, const char *s, size_t n);

#endif
