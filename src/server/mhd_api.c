/*
 * mhd_api.c — loads libmicrohttpd for mhd_api.h, once. LS_MHD_SONAME, the
 * library's file name on the build machine (libmicrohttpd.so.12), is set
 * by CMakeLists.txt; the unversioned name is tried after it.
 */
#include "mhd_api.h"

#include <pthread.h>
#include <stdio.h>

#include "error.h"

#ifndef LS_MHD_SONAME
#define LS_MHD_SONAME "libmicrohttpd.so.12"
#endif

LS_MHD_FUNCTIONS(LS_LAZY_CHECK)

ls_mhd_api ls_mhd;
static int loaded;
static char failure[LS_ERROR_MESSAGE_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    static const char *const sonames[] = {LS_MHD_SONAME, "libmicrohttpd.so"};
    ls_mhd_api *table = &ls_mhd;
    char why[200], missing[64] = "";
    void *handle = ls_lazylib_open(sonames, sizeof sonames / sizeof sonames[0], why, sizeof why);
    int ok = 1;

    if (!handle) {
        snprintf(failure, sizeof failure,
                 "serving needs libmicrohttpd (Debian: libmicrohttpd12): %.160s", why);
        return;
    }
    LS_MHD_FUNCTIONS(LS_LAZY_RESOLVE)
    if (!ok) {
        snprintf(failure, sizeof failure, "%s has no function %s: too old a libmicrohttpd",
                 LS_MHD_SONAME, missing);
        return;
    }
    loaded = 1;
}

ls_status ls_mhd_load(ls_error *err)
{
    pthread_once(&once, load);
    if (!loaded)
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "%s", failure);
    return LS_OK;
}
