/*
 * escape.c — text into HTML and into URLs. HTML: the five characters that
 * can end an element's text or a quoted attribute become entities; every
 * other byte (UTF-8 included) is copied as it is. URLs: RFC 3986
 * percent-encoding. Used by the server's pages and by every HTML file the
 * project writes (the bulletin); it does not decide what is markup:
 * callers write their own tags as literals and pass text here.
 */
#include "escape.h"

#include <string.h>

void ls_escape_html(ls_buf *b, const char *s, size_t n)
{
    size_t i, from = 0;

    for (i = 0; i < n; i++) {
        const char *entity;
        switch (s[i]) {
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '&': entity = "&amp;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        ls_buf_append(b, s + from, i - from);
        ls_buf_puts(b, entity);
        from = i + 1;
    }
    ls_buf_append(b, s + from, n - from);
}

void ls_escape_html_str(ls_buf *b, const char *s)
{
    if (s)
        ls_escape_html(b, s, strlen(s));
}

void ls_escape_url(ls_buf *b, const char *s, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    char enc[3] = {'%', 0, 0};
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            ls_buf_append(b, s + i, 1);
            continue;
        }
        enc[1] = digits[c >> 4];
        enc[2] = digits[c & 15];
        ls_buf_append(b, enc, 3);
    }
}
