/*
 * error.h — filling a caller's ls_error.
 *
 * ls_error_set is the one helper every failing function uses: the error
 * pointer may be NULL, the message is formatted with vsnprintf, and the
 * status is returned so that `return ls_error_set(err, ...)` reads well.
 * LS_CHECK is the way out of a function at its first failure.
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

/* The one error idiom of a function that can fail (the project's style; md4c's
 * MD_CHECK): it holds its status in 'st', runs each call that can fail
 * through LS_CHECK, which jumps to its single 'done:' label at the first
 * failure, and releases there what it holds. */
#define LS_CHECK(call)                                                                       \
    do {                                                                                     \
        st = (call);                                                                         \
        if (st != LS_OK)                                                                     \
            goto done;                                                                       \
    } while (0)

#endif
