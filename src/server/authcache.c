/*
 * authcache.c — the user of a session cookie or an API token, answered
 * from memory instead of the store. A session ends (logout, a disabled
 * user) and a token is revoked only by a write, and every write appends
 * to the change log, so an entry is kept with the data version it was
 * read at (server.c: the watch's count on PostgreSQL, the newest change id
 * on SQLite) and used only while the version is the same: a logout,
 * disable or revoke in any process drops every entry at once. A session
 * entry also carries its expiry, checked against the clock on each use.
 *
 * It does not decide who may do what (routes.c) nor read the store. Keys
 * are BLAKE2b hashes of the credential (no token is kept in memory past
 * its request), in CACHE_SLOTS direct-mapped slots, each behind its own
 * lock; only users that exist are kept, so unknown tokens cannot evict
 * them.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "authcache.h"

#define CACHE_SLOTS 1024
#define KEY_BYTES 32

typedef struct {
    pthread_mutex_t lock;
    unsigned char key[KEY_BYTES];
    char version[64];
    ls_mem *mem; /* holds 'user' and its strings; NULL: the slot is empty */
    ls_user *user;
} slot;

static slot slots[CACHE_SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
    size_t i;

    for (i = 0; i < CACHE_SLOTS; i++)
        pthread_mutex_init(&slots[i].lock, NULL);
}

/* The key of 'token' of 'kind' into 'key'; its slot. */
static slot *slot_of(ls_cred kind, const char *token, unsigned char key[KEY_BYTES])
{
    unsigned char k = (unsigned char)kind;
    crypto_generichash_state h;
    size_t at;

    crypto_generichash_init(&h, NULL, 0, KEY_BYTES);
    crypto_generichash_update(&h, &k, 1);
    crypto_generichash_update(&h, (const unsigned char *)token, strlen(token));
    crypto_generichash_final(&h, key, KEY_BYTES);
    memcpy(&at, key, sizeof at);
    return &slots[at % CACHE_SLOTS];
}

/* A copy of 'u' in a new ls_mem, put in '*mem'; NULL when out of memory. */
static ls_user *copy_user(const ls_user *u, ls_mem **mem)
{
    ls_user *c;

    *mem = ls_mem_new();
    c = *mem ? ls_mem_alloc(*mem, sizeof *c) : NULL;
    if (!c)
        goto fail;
    c->id = u->id;
    c->name = ls_mem_str(*mem, u->name);
    c->role = ls_mem_str(*mem, u->role);
    c->unit = ls_mem_str(*mem, u->unit);
    c->disabled_at = ls_mem_str(*mem, u->disabled_at);
    c->csrf = ls_mem_str(*mem, u->csrf);
    c->expires_at = ls_mem_str(*mem, u->expires_at);
    if (!ls_mem_failed(*mem))
        return c;
fail:
    ls_mem_free(*mem);
    *mem = NULL;
    return NULL;
}

int ls_auth_cache_get(ls_cred kind, const char *token, const char *version, const char *now,
                      ls_user_list *out)
{
    unsigned char key[KEY_BYTES];
    slot *s;

    memset(out, 0, sizeof *out);
    pthread_once(&once, init_locks);
    s = slot_of(kind, token, key);
    pthread_mutex_lock(&s->lock);
    if (s->mem && sodium_memcmp(s->key, key, KEY_BYTES) == 0 && strcmp(s->version, version) == 0 &&
        (!s->user->expires_at || strcmp(s->user->expires_at, now) > 0))
        out->at = copy_user(s->user, &out->mem);
    pthread_mutex_unlock(&s->lock);
    out->n = out->at ? 1 : 0;
    return out->n == 1;
}

void ls_auth_cache_put(ls_cred kind, const char *token, const char *version, const ls_user *u)
{
    unsigned char key[KEY_BYTES];
    ls_mem *mem;
    ls_user *copy;
    slot *s;

    if (strlen(version) >= sizeof s->version || !(copy = copy_user(u, &mem)))
        return;
    pthread_once(&once, init_locks);
    s = slot_of(kind, token, key);
    pthread_mutex_lock(&s->lock);
    ls_mem_free(s->mem);
    memcpy(s->key, key, KEY_BYTES);
    snprintf(s->version, sizeof s->version, "%s", version);
    s->mem = mem;
    s->user = copy;
    pthread_mutex_unlock(&s->lock);
}

void ls_auth_cache_clear(void)
{
    size_t i;

    pthread_once(&once, init_locks);
    for (i = 0; i < CACHE_SLOTS; i++) {
        pthread_mutex_lock(&slots[i].lock);
        ls_mem_free(slots[i].mem);
        slots[i].mem = NULL;
        slots[i].user = NULL;
        pthread_mutex_unlock(&slots[i].lock);
    }
}
