/*
 * pq_api.c — loads libpq for pq_api.h (lazylib.h). LS_PQ_SONAME, the
 * library's file name on the build machine (libpq.so.5), is set by
 * CMakeLists.txt.
 */
#include "pq_api.h"

#ifndef LS_PQ_SONAME
#define LS_PQ_SONAME "libpq.so.5"
#endif

LS_LAZY_LIBRARY(LS_PQ_FUNCTIONS, ls_pq_api, ls_pq, ls_pq_load, LS_EDB,
                "a PostgreSQL store needs libpq (Debian: libpq5)", LS_PQ_SONAME, "libpq.so", NULL)
