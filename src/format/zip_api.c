/*
 * zip_api.c — loads libzip for zip_api.h (lazylib.h). LS_ZIP_SONAME, the
 * library's file name on the build machine (libzip.so.4), is set by
 * CMakeLists.txt.
 */
#include "zip_api.h"

#ifndef LS_ZIP_SONAME
#define LS_ZIP_SONAME "libzip.so.4"
#endif

LS_ZIP_FUNCTIONS(LS_LAZY_CHECK)

ls_zip_api ls_zip;

static void resolve(void *handle, char *missing, size_t size)
{
    ls_zip_api *table = &ls_zip;

    LS_ZIP_FUNCTIONS(LS_LAZY_RESOLVE)
}

static ls_lazylib libzip = {"reading or writing DOCX and XLSX needs libzip (Debian: libzip4)",
                            {LS_ZIP_SONAME, "libzip.so"}, resolve, NULL, 0, ""};

ls_status ls_zip_load(ls_error *err)
{
    return ls_lazylib_load(&libzip, LS_EIO, err);
}
