/*
 * cache.h — answers of the read API kept while the ledger is unchanged
 * (cache.c says when that is).
 */
#ifndef LS_SERVER_CACHE_H
#define LS_SERVER_CACHE_H

#include "server.h"

/* True when 'r' (already authenticated) is a read the cache may answer. */
int ls_cache_applies(const ls_req *r);
/* Fills the response of 'r' from the answer kept for 'key' at 'version';
 * returns 0 when there is none. */
int ls_cache_get(ls_req *r, const char *key, const char *version);
/* Keeps the response of 'r' (a 200 only) for 'key' at 'version', with its
 * X-Total-Count header value 'total' (may be NULL). */
void ls_cache_put(ls_req *r, const char *key, const char *version, const char *total);
/* Forgets every answer (the server stops). */
void ls_cache_clear(void);

#endif
