/*
 * assets.c — GET /static/NAME: a file of web/ from the compiled-in table,
 * cached by the browser for an hour. Unknown names are 404.
 */
#include <string.h>

#include "assets.h"
#include "handlers.h"

void h_asset(ls_req *r)
{
    const ls_asset *a;

    for (a = ls_assets; a->name; a++)
        if (strcmp(a->name, r->params[0]) == 0) {
            r->status = 200;
            r->type = a->type;
            ls_buf_append(&r->out, (const char *)a->data, a->len);
            ls_res_header(r, "Cache-Control", "public, max-age=3600");
            return;
        }
    r->status = 404;
    r->type = "text/plain; charset=utf-8";
    ls_buf_puts(&r->out, "not found\n");
}
