/*
 * throttle.c — slows down password guessing. Failed sign-ins are counted
 * per key (the user name tried, and the client's address) in a small
 * table in memory; a key with too many failures inside its window is
 * refused, without the password being hashed, until the window ends. A
 * good password clears the name's count (not the address's).
 *
 * The table has a fixed size: a key hashes to a run of slots, and a new
 * key takes the first free or expired one, else the one whose window ends
 * first. So memory stays bounded whatever a client sends; an attacker who
 * floods it with names can only make the server forget some counts early.
 */
#include "throttle.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024
#define PROBE 8
#define KEY_MAX 128

typedef struct {
    char key[KEY_MAX];
    unsigned failures;
    time_t window_end;
} slot;

struct ls_throttle {
    pthread_mutex_t lock;
    slot slots[SLOTS];
};

ls_throttle *ls_throttle_new(void)
{
    ls_throttle *t = calloc(1, sizeof *t);

    if (t && pthread_mutex_init(&t->lock, NULL) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

void ls_throttle_free(ls_throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

/* FNV-1a of the key, cut as it is stored. */
static size_t slot_of(const char *key)
{
    unsigned long long h = 14695981039346656037ULL;
    size_t i;

    for (i = 0; key[i] && i < KEY_MAX - 1; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
    return (size_t)(h % SLOTS);
}

static int same_key(const slot *s, const char *key)
{
    return s->key[0] && strncmp(s->key, key, KEY_MAX - 1) == 0;
}

/* The slot of 'key', or NULL; with 'make', a slot for it (a free one, else
 * the one whose window ends first). Called with the lock held. */
static slot *find(ls_throttle *t, const char *key, int make)
{
    size_t first = slot_of(key), i;
    slot *spare = NULL;

    for (i = 0; i < PROBE; i++) {
        slot *s = &t->slots[(first + i) % SLOTS];
        if (same_key(s, key))
            return s;
        if (!spare || (spare->key[0] && (!s->key[0] || s->window_end < spare->window_end)))
            spare = s;
    }
    if (!make)
        return NULL;
    memset(spare, 0, sizeof *spare);
    strncpy(spare->key, key, KEY_MAX - 1);
    return spare;
}

long ls_throttle_wait(ls_throttle *t, const char *key, unsigned limit, time_t now)
{
    long wait = 0;
    slot *s;

    pthread_mutex_lock(&t->lock);
    s = find(t, key, 0);
    if (s && s->window_end > now && s->failures >= limit)
        wait = (long)(s->window_end - now);
    pthread_mutex_unlock(&t->lock);
    return wait;
}

void ls_throttle_fail(ls_throttle *t, const char *key, long window, time_t now)
{
    slot *s;

    pthread_mutex_lock(&t->lock);
    s = find(t, key, 1);
    if (s->window_end <= now) {
        s->failures = 0;
        s->window_end = now + window;
    }
    s->failures++;
    pthread_mutex_unlock(&t->lock);
}

void ls_throttle_clear(ls_throttle *t, const char *key)
{
    slot *s;

    pthread_mutex_lock(&t->lock);
    s = find(t, key, 0);
    if (s)
        memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&t->lock);
}
