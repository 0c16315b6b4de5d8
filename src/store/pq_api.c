/*
 * pq_api.c — loads libpq for pq_api.h, once. LS_PQ_SONAME, the library's
 * file name on the build machine (libpq.so.5), is set by CMakeLists.txt;
 * the unversioned name is tried after it.
 */
#include "pq_api.h"

#include <pthread.h>
#include <stdio.h>

#include "error.h"

#ifndef LS_PQ_SONAME
#define LS_PQ_SONAME "libpq.so.5"
#endif

LS_PQ_FUNCTIONS(LS_LAZY_CHECK)

ls_pq_api ls_pq;
static int loaded;
static char failure[LS_ERROR_MESSAGE_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    static const char *const sonames[] = {LS_PQ_SONAME, "libpq.so"};
    ls_pq_api *table = &ls_pq;
    char why[200], missing[64] = "";
    void *handle = ls_lazylib_open(sonames, sizeof sonames / sizeof sonames[0], why, sizeof why);
    int ok = 1;

    if (!handle) {
        snprintf(failure, sizeof failure,
                 "a PostgreSQL store needs libpq (Debian: libpq5): %.160s", why);
        return;
    }
    LS_PQ_FUNCTIONS(LS_LAZY_RESOLVE)
    if (!ok) {
        snprintf(failure, sizeof failure, "%s has no function %s: too old a libpq",
                 LS_PQ_SONAME, missing);
        return;
    }
    loaded = 1;
}

ls_status ls_pq_load(ls_error *err)
{
    pthread_once(&once, load);
    if (!loaded)
        return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "%s", failure);
    return LS_OK;
}
