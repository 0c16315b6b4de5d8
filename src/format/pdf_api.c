/*
 * pdf_api.c — loads poppler-glib for pdf_api.h (lazylib.h) and quiets its
 * log. LS_POPPLER_SONAME, the library's file name on the build machine
 * (libpoppler-glib.so.8), is set by CMakeLists.txt.
 */
#include "pdf_api.h"

#ifndef LS_POPPLER_SONAME
#define LS_POPPLER_SONAME "libpoppler-glib.so.8"
#endif

/* poppler's complaints about a damaged file: not printed (the library
 * never prints); what matters comes back as an error. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain;
    (void)level;
    (void)msg;
    (void)data;
}

static void quiet(void);

LS_LAZY_LIBRARY(LS_PDF_FUNCTIONS, ls_pdf_api, ls_pdf, ls_pdf_load, LS_EIO,
                "reading a PDF needs the poppler library (Debian: libpoppler-glib8)",
                LS_POPPLER_SONAME, "libpoppler-glib.so", quiet)

static void quiet(void)
{
    ls_pdf.g_log_set_handler(
        "Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
        quiet_log, NULL);
}
