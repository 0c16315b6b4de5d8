/*
 * zip_api.c — loads libzip for zip_api.h (lazylib.h). LS_ZIP_SONAME, the
 * library's file name on the build machine (libzip.so.4), is set by
 * CMakeLists.txt.
 */
#include "zip_api.h"

#ifndef LS_ZIP_SONAME
#define LS_ZIP_SONAME "libzip.so.4"
#endif

LS_LAZY_LIBRARY(LS_ZIP_FUNCTIONS, ls_zip_api, ls_zip, ls_zip_load, LS_EIO,
                "reading or writing DOCX and XLSX needs libzip (Debian: libzip4)", LS_ZIP_SONAME,
                "libzip.so", NULL)
