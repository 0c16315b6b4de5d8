/*
 * bulletin_out.h — the supervision bulletin (ls_bulletin, from the
 * ledger) written as Markdown or as an HTML document with charts
 * (bulletin_out.c), for `luoshi bulletin`, GET /api/v1/bulletin and the
 * bulletin page alike.
 */
#ifndef LS_FORMAT_BULLETIN_OUT_H
#define LS_FORMAT_BULLETIN_OUT_H

#include "buf.h"
#include "luoshi.h"

/* Appends bulletin 'bl' to 'b': an HTML document (with inline SVG charts)
 * when 'html', else Markdown. Every text from the ledger is escaped in
 * HTML. */
void ls_bulletin_write(ls_buf *b, const ls_bulletin *bl, int html);

/* Writes 'bl' in 'format' ("md" or "html") into a new string '*out' of
 * '*len' bytes (ls_free). LS_EINVAL for another format, LS_ENOMEM. */
ls_status ls_bulletin_text(const ls_bulletin *bl, const char *format, char **out, size_t *len,
                           ls_error *err);

#endif
