/*
 * pq_api.c — loads libpq for pq_api.h (lazylib.h). LS_PQ_SONAME, the
 * library's file name on the build machine (libpq.so.5), is set by
 * CMakeLists.txt.
 */
#include "pq_api.h"

#ifndef LS_PQ_SONAME
#define LS_PQ_SONAME "libpq.so.5"
#endif

LS_PQ_FUNCTIONS(LS_LAZY_CHECK)

ls_pq_api ls_pq;

static void resolve(void *handle, char *missing, size_t size)
{
    ls_pq_api *table = &ls_pq;

    LS_PQ_FUNCTIONS(LS_LAZY_RESOLVE)
}

static ls_lazylib libpq = {"a PostgreSQL store needs libpq (Debian: libpq5)",
                           {LS_PQ_SONAME, "libpq.so"}, resolve, NULL, 0, ""};

ls_status ls_pq_load(ls_error *err)
{
    return ls_lazylib_load(&libpq, LS_EDB, err);
}
