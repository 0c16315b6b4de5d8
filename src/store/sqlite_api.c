/*
 * sqlite_api.c — loads libsqlite3 for sqlite_api.h (lazylib.h).
 * LS_SQLITE_SONAME, the library's file name on the build machine
 * (libsqlite3.so.0), is set by CMakeLists.txt.
 */
#include "sqlite_api.h"

#ifndef LS_SQLITE_SONAME
#define LS_SQLITE_SONAME "libsqlite3.so.0"
#endif

LS_LAZY_LIBRARY(LS_SQLITE_FUNCTIONS, ls_sqlite_api, ls_sqlite, ls_sqlite_load, LS_EDB,
                "a store needs SQLite (Debian: libsqlite3-0)", LS_SQLITE_SONAME, "libsqlite3.so",
                NULL)
