/*
 * pdf_api.h — the functions of poppler-glib (and of the GLib it is built
 * on) that pdf_read.c calls, in a table filled on first use (lazylib.h):
 * luoshi loads poppler only when it reads a PDF. It says nothing of how a
 * PDF is read.
 */
#ifndef LS_FORMAT_PDF_API_H
#define LS_FORMAT_PDF_API_H

#include <poppler.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_PDF_FUNCTIONS(X)                                                                   \
    X(PopplerDocument *, poppler_document_new_from_bytes, (GBytes *, const char *, GError **)) \
    X(int, poppler_document_get_n_pages, (PopplerDocument *))                                 \
    X(PopplerPage *, poppler_document_get_page, (PopplerDocument *, int))                     \
    X(char *, poppler_page_get_text, (PopplerPage *))                                         \
    X(gboolean, poppler_page_get_text_layout, (PopplerPage *, PopplerRectangle **, guint *))  \
    X(GList *, poppler_page_get_text_attributes, (PopplerPage *))                             \
    X(void, poppler_page_free_text_attributes, (GList *))                                     \
    X(GQuark, poppler_error_quark, (void))                                                    \
    X(GBytes *, g_bytes_new_static, (gconstpointer, gsize))                                   \
    X(void, g_bytes_unref, (GBytes *))                                                        \
    X(void, g_error_free, (GError *))                                                         \
    X(void, g_free, (gpointer))                                                               \
    X(void, g_object_unref, (gpointer))                                                       \
    X(guint, g_log_set_handler, (const gchar *, GLogLevelFlags, GLogFunc, gpointer))

typedef struct {
    LS_PDF_FUNCTIONS(LS_LAZY_FIELD)
} ls_pdf_api;

/* The table. Read it only after ls_pdf_load succeeded. */
extern ls_pdf_api ls_pdf;

/* Loads poppler once and quiets its log; LS_OK, or LS_EIO with the reason
 * in 'err'. */
ls_status ls_pdf_load(ls_error *err);

#endif
