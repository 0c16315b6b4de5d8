/*
 * error.c — status strings and the ls_error helper.
 *
 * Messages are lower case with no final period and say what and where.
 * Nothing here allocates, so reporting an LS_ENOMEM cannot itself fail.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* A message cut by the size of its buffer ends on a whole UTF-8
 * character: the bytes of a character cut in two are dropped, and "…"
 * says that the message goes on (when it has room). */
static void cut_on_character(char *msg)
{
    size_t n = strlen(msg), start = n;

    /* back to the lead byte of the last character */
    while (start > 0 && ((unsigned char)msg[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0) {
        unsigned char lead = (unsigned char)msg[start - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (n - (start - 1) < want)
            n = start - 1;
    }
    msg[n] = '\0';
    /* room for "…" (3 bytes): cut whole characters until it fits */
    while (n > 0 && n + 3 >= LS_ERROR_MESSAGE_SIZE) {
        n--;
        while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(msg + n, "\xE2\x80\xA6", 4);
}

ls_status ls_error_set(ls_error *err, ls_status code, size_t offset, size_t line,
                       const char *fmt, ...)
{
    va_list ap;
    int n;

    if (!err)
        return code;
    err->code = code;
    err->offset = offset;
    err->line = line;
    va_start(ap, fmt);
    n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->message)
        cut_on_character(err->message);
    return code;
}

ls_status ls_error_nomem(ls_error *err)
{
    return ls_error_set(err, LS_ENOMEM, LS_NO_OFFSET, 0, "out of memory");
}
