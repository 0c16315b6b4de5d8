/*
 * authcache.h — who a session cookie or an API token signs in, kept in
 * memory while the ledger is unchanged (authcache.c says when that is).
 */
#ifndef LS_SERVER_AUTHCACHE_H
#define LS_SERVER_AUTHCACHE_H

#include "luoshi.h"

/* What a credential is: a session cookie or an API token. */
typedef enum { LS_CRED_SESSION = 's', LS_CRED_TOKEN = 't' } ls_cred;

/* Fills 'out' (a list of one, the caller frees out->mem) with the user
 * that 'token' of 'kind' signed in at data 'version', if it is kept and
 * its session has not expired at 'now' (YYYY-MM-DDTHH:MM:SSZ); returns 0
 * (and leaves 'out' empty) when it is not. */
int ls_auth_cache_get(ls_cred kind, const char *token, const char *version, const char *now,
                      ls_user_list *out);
/* Keeps user 'u' (copied) as the one 'token' of 'kind' signs in at
 * 'version'. Nothing when out of memory. */
void ls_auth_cache_put(ls_cred kind, const char *token, const char *version, const ls_user *u);
/* Forgets every user kept (the server stops). */
void ls_auth_cache_clear(void);

#endif
