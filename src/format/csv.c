/*
 * csv.c — one CSV field, quoted as RFC 4180 says and guarded against
 * formulas (csv.h). It does not write numbers (their writers do, so that
 * -3.5 stays a number) nor read CSV (store/sheet_read.c, which takes the
 * apostrophe off again).
 */
#include "csv.h"

#include <string.h>

int ls_csv_is_formula(const char *s, size_t n)
{
    /* one character alone is no formula: the 比较 column's "=", a "-" for
     * nothing stay as they are */
    return n > 1 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void ls_csv_field(ls_buf *b, const char *s, size_t n)
{
    size_t i, from = 0;
    int quote = memchr(s, ',', n) || memchr(s, '"', n) || memchr(s, '\n', n) || memchr(s, '\r', n);

    if (quote)
        ls_buf_puts(b, "\"");
    if (ls_csv_is_formula(s, n))
        ls_buf_puts(b, "'");
    /* runs up to each quote, which is written twice */
    for (i = 0; i < n; i++)
        if (s[i] == '"') {
            ls_buf_append(b, s + from, i + 1 - from);
            from = i;
        }
    ls_buf_append(b, s + from, n - from);
    if (quote)
        ls_buf_puts(b, "\"");
}
