/*
 * bulletin_out.h — the supervision bulletin (ls_bulletin, from the
 * ledger) written as an official document in Markdown, HTML (print
 * stylesheet, inline SVG charts) or DOCX (bulletin_out.c), for `luoshi
 * bulletin`, GET /api/v1/bulletin and the bulletin page alike.
 */
#ifndef LS_FORMAT_BULLETIN_OUT_H
#define LS_FORMAT_BULLETIN_OUT_H

#include "doc_sink.h"
#include "luoshi.h"

/* Writes bulletin 'bl' into sink 's'. Every text from the ledger is
 * escaped by the sink. */
void ls_bulletin_write(ls_sink *s, const ls_bulletin *bl);

/* Writes 'bl' in 'format' ("md", "html" or "docx") into a new buffer
 * '*out' of '*len' bytes (ls_free; NUL-terminated except DOCX). LS_EINVAL
 * for another format, LS_ENOMEM, LS_EIO. */
ls_status ls_bulletin_text(const ls_bulletin *bl, const char *format, char **out, size_t *len,
                           ls_error *err);

#endif
