/*
 * xlsx_api.c — loads libxlsxwriter for xlsx_api.h (lazylib.h).
 * LS_XLSX_SONAME, the library's file name on the build machine
 * (libxlsxwriter.so.4), is set by CMakeLists.txt.
 */
#include "xlsx_api.h"

#ifndef LS_XLSX_SONAME
#define LS_XLSX_SONAME "libxlsxwriter.so.4"
#endif

LS_LAZY_LIBRARY(LS_XLSX_FUNCTIONS, ls_xlsx_api, ls_xlsx, ls_xlsx_load, LS_EIO,
                "writing XLSX needs libxlsxwriter (Debian: libxlsxwriter4)", LS_XLSX_SONAME,
                "libxlsxwriter.so", NULL)
