/*
 * pdf_api.c — loads poppler-glib for pdf_api.h, once. LS_POPPLER_SONAME,
 * the library's file name on the build machine (libpoppler-glib.so.8), is
 * set by CMakeLists.txt; the unversioned name is tried after it.
 */
#include "pdf_api.h"

#include <pthread.h>
#include <stdio.h>

#include "error.h"

#ifndef LS_POPPLER_SONAME
#define LS_POPPLER_SONAME "libpoppler-glib.so.8"
#endif

LS_PDF_FUNCTIONS(LS_LAZY_CHECK)

static ls_pdf_api api;
static int loaded;
static char failure[LS_ERROR_MESSAGE_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* poppler's complaints about a damaged file: not printed (the library
 * never prints); what matters comes back as an error. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain;
    (void)level;
    (void)msg;
    (void)data;
}

static void load(void)
{
    static const char *const sonames[] = {LS_POPPLER_SONAME, "libpoppler-glib.so"};
    ls_pdf_api *table = &api;
    char why[200], missing[64] = "";
    void *handle = ls_lazylib_open(sonames, sizeof sonames / sizeof sonames[0], why, sizeof why);
    int ok = 1;

    if (!handle) {
        snprintf(failure, sizeof failure,
                 "reading a PDF needs the poppler library (Debian: libpoppler-glib8): %.160s",
                 why);
        return;
    }
    LS_PDF_FUNCTIONS(LS_LAZY_RESOLVE)
    if (!ok) {
        snprintf(failure, sizeof failure, "%s has no function %s: too old a poppler",
                 LS_POPPLER_SONAME, missing);
        return;
    }
    api.g_log_set_handler("Poppler",
                          (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
                                           G_LOG_FLAG_RECURSION),
                          quiet_log, NULL);
    loaded = 1;
}

const ls_pdf_api *ls_pdf_api_get(ls_error *err)
{
    pthread_once(&once, load);
    if (!loaded) {
        ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "%s", failure);
        return NULL;
    }
    return &api;
}
