/*
 * mhd_api.c — loads libmicrohttpd for mhd_api.h (lazylib.h).
 * LS_MHD_SONAME, the library's file name on the build machine
 * (libmicrohttpd.so.12), is set by CMakeLists.txt.
 */
#include "mhd_api.h"

#ifndef LS_MHD_SONAME
#define LS_MHD_SONAME "libmicrohttpd.so.12"
#endif

LS_MHD_FUNCTIONS(LS_LAZY_CHECK)

ls_mhd_api ls_mhd;

static void resolve(void *handle, char *missing, size_t size)
{
    ls_mhd_api *table = &ls_mhd;

    LS_MHD_FUNCTIONS(LS_LAZY_RESOLVE)
}

static ls_lazylib libmicrohttpd = {"serving needs libmicrohttpd (Debian: libmicrohttpd12)",
                                   {LS_MHD_SONAME, "libmicrohttpd.so"}, resolve, NULL, 0, ""};

ls_status ls_mhd_load(ls_error *err)
{
    return ls_lazylib_load(&libmicrohttpd, LS_EIO, err);
}
