/*
 * error.c — status strings and the ls_error helper.
 *
 * Messages are lower case with no final period and say what and where.
 * Nothing here allocates, so reporting an LS_ENOMEM cannot itself fail.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *ls_status_str(ls_status status)
{
    switch (status) {
    case LS_OK: return "ok";
    case LS_ENOMEM: return "out of memory";
    case LS_EINVAL: return "invalid input";
    case LS_EUTF8: return "invalid text encoding";
    case LS_EBINARY: return "binary data";
    case LS_EIO: return "input/output error";
    case LS_EDB: return "store error";
    case LS_ELIMIT: return "input too large";
    case LS_EBUSY: return "store busy, retry";
    case LS_ENOTFOUND: return "not found";
    case LS_EEXIST: return "already exists";
    case LS_ECONFIRM: return "needs confirmation";
    }
    return "unknown status";
}

ls_status ls_error_set(ls_error *err, ls_status code, size_t offset, size_t line,
                       const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    err->offset = offset;
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

ls_status ls_error_nomem(ls_error *err)
{
    return ls_error_set(err, LS_ENOMEM, LS_NO_OFFSET, 0, "out of memory");
}
