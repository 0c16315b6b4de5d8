/*
 * mhd_api.c — loads libmicrohttpd for mhd_api.h (lazylib.h).
 * LS_MHD_SONAME, the library's file name on the build machine
 * (libmicrohttpd.so.12), is set by CMakeLists.txt.
 */
#include "mhd_api.h"

#ifndef LS_MHD_SONAME
#define LS_MHD_SONAME "libmicrohttpd.so.12"
#endif

LS_LAZY_LIBRARY(LS_MHD_FUNCTIONS, ls_mhd_api, ls_mhd, ls_mhd_load, LS_EIO,
                "serving needs libmicrohttpd (Debian: libmicrohttpd12)", LS_MHD_SONAME,
                "libmicrohttpd.so", NULL)
