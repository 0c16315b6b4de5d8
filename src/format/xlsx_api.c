/*
 * xlsx_api.c — loads libxlsxwriter for xlsx_api.h (lazylib.h).
 * LS_XLSX_SONAME, the library's file name on the build machine
 * (libxlsxwriter.so.4), is set by CMakeLists.txt.
 */
#include "xlsx_api.h"

#ifndef LS_XLSX_SONAME
#define LS_XLSX_SONAME "libxlsxwriter.so.4"
#endif

LS_XLSX_FUNCTIONS(LS_LAZY_CHECK)

ls_xlsx_api ls_xlsx;

static void resolve(void *handle, char *missing, size_t size)
{
    ls_xlsx_api *table = &ls_xlsx;

    LS_XLSX_FUNCTIONS(LS_LAZY_RESOLVE)
}

static ls_lazylib libxlsxwriter = {"writing XLSX needs libxlsxwriter (Debian: libxlsxwriter4)",
                                   {LS_XLSX_SONAME, "libxlsxwriter.so"}, resolve, NULL, 0, ""};

ls_status ls_xlsx_load(ls_error *err)
{
    return ls_lazylib_load(&libxlsxwriter, LS_EIO, err);
}
