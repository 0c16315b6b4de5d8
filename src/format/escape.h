/*
 * escape.h — the one way text enters HTML (and the SVG inside it): every
 * name, title and field the project writes into a page or an HTML file
 * goes through ls_escape_html (escape.c); a value put into a URL goes
 * through ls_escape_url. Markup the project writes
 * itself is a literal string; text from a report, the store or a request
 * is never printed into HTML any other way.
 */
#ifndef LS_ESCAPE_H
#define LS_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Appends the 'n' bytes at 's' to 'b' with & < > " ' written as entities,
 * so the text is safe in element content and in a quoted attribute. */
void ls_escape_html(ls_buf *b, const char *s, size_t n);

/* ls_escape_html of the NUL-terminated 's' (NULL appends nothing). */
void ls_escape_html_str(ls_buf *b, const char *s);

/* Appends the 'n' bytes at 's' percent-encoded (RFC 3986: every byte but
 * A-Z a-z 0-9 - _ . ~ as %XX), for a query value in a link or a key made
 * of a query. */
void ls_escape_url(ls_buf *b, const char *s, size_t n);

#endif
