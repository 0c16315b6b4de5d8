/*
 * zip_api.h — the functions of libzip that the readers and writers of
 * DOCX and XLSX call, in a table filled on first use (lazylib.h): luoshi
 * loads libzip (and the compressors and crypto library it pulls in) only
 * when it reads or writes such a file. It says nothing of the formats.
 */
#ifndef LS_FORMAT_ZIP_API_H
#define LS_FORMAT_ZIP_API_H

#include <zip.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_ZIP_FUNCTIONS(X)                                                                   \
    X(void, zip_error_init, (zip_error_t *))                                                  \
    X(void, zip_error_fini, (zip_error_t *))                                                  \
    X(zip_source_t *, zip_source_buffer_create, (const void *, zip_uint64_t, int, zip_error_t *)) \
    X(zip_t *, zip_open_from_source, (zip_source_t *, int, zip_error_t *))                    \
    X(void, zip_source_free, (zip_source_t *))                                                \
    X(void, zip_discard, (zip_t *))                                                           \
    X(int, zip_close, (zip_t *))                                                              \
    X(zip_int64_t, zip_file_add, (zip_t *, const char *, zip_source_t *, zip_flags_t))        \
    X(zip_source_t *, zip_source_buffer, (zip_t *, const void *, zip_uint64_t, int))          \
    X(void, zip_source_keep, (zip_source_t *))                                                \
    X(int, zip_source_open, (zip_source_t *))                                                 \
    X(int, zip_source_close, (zip_source_t *))                                                \
    X(zip_int64_t, zip_source_read, (zip_source_t *, void *, zip_uint64_t))                   \
    X(int, zip_source_seek, (zip_source_t *, zip_int64_t, int))                               \
    X(zip_int64_t, zip_source_tell, (zip_source_t *))                                         \
    X(int, zip_stat, (zip_t *, const char *, zip_flags_t, zip_stat_t *))                      \
    X(zip_file_t *, zip_fopen, (zip_t *, const char *, zip_flags_t))                          \
    X(zip_int64_t, zip_fread, (zip_file_t *, void *, zip_uint64_t))                           \
    X(int, zip_fclose, (zip_file_t *))

typedef struct {
    LS_ZIP_FUNCTIONS(LS_LAZY_FIELD)
} ls_zip_api;

/* The table. Read it only after ls_zip_load succeeded (every archive is
 * opened after it). */
extern ls_zip_api ls_zip;

/* Loads libzip once; LS_OK, or LS_EIO with the reason in 'err'. */
ls_status ls_zip_load(ls_error *err);

#endif
