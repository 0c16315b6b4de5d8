/*
 * error.h — filling a caller's ls_error.
 *
 * ls_error_set is the one helper every failing function uses: the error
 * pointer may be NULL, the message is formatted with vsnprintf, and the
 * status is returned so that `return ls_error_set(err, ...)` reads well.
 */
#ifndef LS_ERROR_H
#define LS_ERROR_H

#include "luoshi.h"

#if defined(__GNUC__)
#define LS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LS_PRINTF(a, b)
#endif

/* Fills 'err' (if not NULL) with 'code', 'offset', 'line' and a message
 * from 'fmt'; returns 'code'. */
ls_status ls_error_set(ls_error *err, ls_status code, size_t offset, size_t line,
                       const char *fmt, ...) LS_PRINTF(5, 6);

/* Shorthand for an allocation failure. */
ls_status ls_error_nomem(ls_error *err);

#endif
