/*
 * cache.c — answers repeated reads of the JSON API from memory. Every
 * role sees the same ledger data, so a GET of a list or a record under
 * /api/v1 (not /me, /users, /tokens, /export) has one answer until the
 * ledger changes. Every write appends to the change log, so the newest
 * change id (plus today's date, which the status depends on) is the
 * version of the data: a cached answer is used only while it matches.
 *
 * The cache is direct-mapped (CACHE_SLOTS slots by hash of the URL with
 * its query), each slot behind its own lock; an answer larger than
 * CACHE_MAX_BODY is not kept. Authentication and role checks run before
 * the cache is consulted (routes.c), never after.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "cache.h"

#define CACHE_SLOTS 512
#define CACHE_MAX_BODY (512u << 10)
#define KEY_SIZE 1024

typedef struct {
    pthread_mutex_t lock;
    char key[KEY_SIZE];
    char version[64];
    int status;
    const char *type;
    char total[32];
    char *body;
    size_t len;
} slot;

static slot slots[CACHE_SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
    size_t i;

    for (i = 0; i < CACHE_SLOTS; i++)
        pthread_mutex_init(&slots[i].lock, NULL);
}

static const char *const cached_prefixes[] = {
    "/api/v1/tasks", "/api/v1/targets", "/api/v1/status", "/api/v1/reports",
    "/api/v1/units", "/api/v1/bulletin", "/api/v1/links", "/api/v1/compare",
    "/api/v1/commitments", "/api/v1/aliases", NULL};

int ls_cache_applies(const ls_req *r)
{
    size_t i;

    if (strcmp(r->method, "GET") != 0 || r->role == ROLE_NONE)
        return 0;
    for (i = 0; cached_prefixes[i]; i++)
        if (strncmp(r->path, cached_prefixes[i], strlen(cached_prefixes[i])) == 0)
            return 1;
    return 0;
}

/* FNV-1a of the key. */
static size_t slot_of(const char *key)
{
    unsigned long long h = 1469598103934665603ULL;

    for (; *key; key++) {
        h ^= (unsigned char)*key;
        h *= 1099511628211ULL;
    }
    return (size_t)(h % CACHE_SLOTS);
}

int ls_cache_get(ls_req *r, const char *key, const char *version)
{
    slot *s;
    int hit = 0;

    pthread_once(&once, init_locks);
    if (strlen(key) >= KEY_SIZE)
        return 0;
    s = &slots[slot_of(key)];
    pthread_mutex_lock(&s->lock);
    if (s->body && strcmp(s->key, key) == 0 && strcmp(s->version, version) == 0) {
        r->status = s->status;
        r->type = s->type;
        ls_buf_append(&r->out, s->body, s->len);
        if (s->total[0])
            ls_res_header(r, "X-Total-Count", s->total);
        hit = 1;
    }
    pthread_mutex_unlock(&s->lock);
    return hit;
}

void ls_cache_put(ls_req *r, const char *key, const char *version, const char *total)
{
    slot *s;
    char *copy;

    pthread_once(&once, init_locks);
    if (r->status != 200 || r->out.failed || r->out.len > CACHE_MAX_BODY ||
        strlen(key) >= KEY_SIZE || strlen(version) >= sizeof s->version)
        return;
    copy = ls_malloc(r->out.len + 1);
    if (!copy)
        return;
    memcpy(copy, r->out.data ? r->out.data : "", r->out.len);
    s = &slots[slot_of(key)];
    pthread_mutex_lock(&s->lock);
    ls_free(s->body);
    snprintf(s->key, sizeof s->key, "%s", key);
    snprintf(s->version, sizeof s->version, "%s", version);
    snprintf(s->total, sizeof s->total, "%s", total ? total : "");
    s->status = r->status;
    s->type = r->type;
    s->body = copy;
    s->len = r->out.len;
    pthread_mutex_unlock(&s->lock);
}

void ls_cache_clear(void)
{
    size_t i;

    pthread_once(&once, init_locks);
    for (i = 0; i < CACHE_SLOTS; i++) {
        pthread_mutex_lock(&slots[i].lock);
        ls_free(slots[i].body);
        slots[i].body = NULL;
        slots[i].key[0] = '\0';
        pthread_mutex_unlock(&slots[i].lock);
    }
}
