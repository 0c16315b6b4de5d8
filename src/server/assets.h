/*
 * assets.h — the files of web/ (CSS, JavaScript), compiled in by
 * tools/embed_files.cmake and served under /static/.
 */
#ifndef LS_SERVER_ASSETS_H
#define LS_SERVER_ASSETS_H

#include <stddef.h>

typedef struct {
    const char *name;
    const char *type;
    const unsigned char *data;
    size_t len;
} ls_asset;

extern const ls_asset ls_assets[];

#endif
