/*
 * remind_out.h — the 催办单 of each unit (ls_remind, from the ledger)
 * written as Markdown, HTML (print stylesheet, one page per unit) or DOCX
 * (remind_out.c), for `luoshi remind` and GET /api/v1/remind alike.
 */
#ifndef LS_FORMAT_REMIND_OUT_H
#define LS_FORMAT_REMIND_OUT_H

#include "doc_sink.h"
#include "luoshi.h"

/* Writes the reminders 'r' in 'format' ("md", "html" or "docx") into a new
 * buffer '*out' of '*len' bytes (ls_free): one 催办单 per unit, each on its
 * own page, headed by 'issuer' and signed by 'signature' (either NULL:
 * none) on the as-of date. LS_EINVAL for another format, LS_ENOMEM,
 * LS_EIO. */
ls_status ls_remind_text(const ls_remind *r, const char *format, const char *issuer,
                         const char *signature, char **out, size_t *len, ls_error *err);

#endif
