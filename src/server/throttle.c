/*
 * throttle.c — the counts behind refusing password guessing: failures per
 * key (a name, an address, a name from an address; auth.c decides what
 * they mean), each in a window that opens at the key's first failure.
 *
 * A key is never stored: a keyed BLAKE2b hash of it (libsodium, with a key
 * drawn at random when the table is made) is its identity and places it in
 * an open-addressed table. A client cannot choose names that meet in the
 * table, and no count is ever pushed out by another: entries leave only
 * when their window has ended. The table grows to hold every live count,
 * up to MAX_ENTRIES; a count is made only after a password was hashed, so
 * failures come no faster than the hash allows (argon2id, 64 MB each) and
 * the largest table holds far more than a window can fill. Should it ever
 * be full, ls_throttle_full says so and sign-ins are refused (auth.c).
 */
#include "throttle.h"

#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "alloc.h"

#define FIRST_ENTRIES 256u
#define MAX_ENTRIES (1u << 20) /* 32 MB at most */

typedef struct {
    unsigned char id[16]; /* keyed hash of the key; all zero: a free entry */
    unsigned failures;
    time_t window_end;
} entry;

struct ls_throttle {
    pthread_mutex_t lock;
    unsigned char secret[crypto_generichash_KEYBYTES];
    long window;
    entry *table;
    size_t cap, used; /* cap is a power of two; used counts taken entries */
};

ls_throttle *ls_throttle_new(long window)
{
    ls_throttle *t;

    if (sodium_init() < 0)
        return NULL;
    t = ls_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->table = ls_calloc(FIRST_ENTRIES, sizeof *t->table);
    if (!t->table || pthread_mutex_init(&t->lock, NULL) != 0) {
        ls_free(t->table);
        ls_free(t);
        return NULL;
    }
    randombytes_buf(t->secret, sizeof t->secret);
    t->cap = FIRST_ENTRIES;
    t->window = window;
    return t;
}

void ls_throttle_free(ls_throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    sodium_memzero(t->secret, sizeof t->secret);
    ls_free(t->table);
    ls_free(t);
}

/* The identity of 'key': its keyed hash, never all zero (that marks a
 * free entry). */
static void identify(const ls_throttle *t, const char *key, unsigned char id[16])
{
    crypto_generichash(id, 16, (const unsigned char *)key, strlen(key), t->secret,
                       sizeof t->secret);
    id[0] |= 1;
}

static int is_free(const entry *e)
{
    return e->id[0] == 0;
}

/* The first entry of the probe sequence of 'id' in 'table' (of 'cap'). */
static size_t home(const unsigned char id[16], size_t cap)
{
    size_t h = 0;

    memcpy(&h, id + 8, sizeof h < 8 ? sizeof h : 8);
    return h & (cap - 1);
}

/* The entry of 'id', or the free entry where it would go. Called with the
 * lock held; the table always has a free entry (it is at most 3/4 full). */
static entry *slot(entry *table, size_t cap, const unsigned char id[16])
{
    size_t i = home(id, cap);

    while (!is_free(&table[i]) && memcmp(table[i].id, id, 16) != 0)
        i = (i + 1) & (cap - 1);
    return &table[i];
}

/* Rebuilds the table without the counts whose window has ended, twice as
 * large when the live ones fill more than half of it (up to MAX_ENTRIES).
 * Returns 0 when out of memory (the table is left as it was). */
static int rebuild(ls_throttle *t, time_t now)
{
    size_t i, live = 0, cap = t->cap;
    entry *fresh;

    for (i = 0; i < t->cap; i++)
        live += !is_free(&t->table[i]) && t->table[i].window_end > now;
    while (live * 2 > cap && cap < MAX_ENTRIES)
        cap *= 2;
    fresh = ls_calloc(cap, sizeof *fresh);
    if (!fresh)
        return 0;
    for (i = 0; i < t->cap; i++)
        if (!is_free(&t->table[i]) && t->table[i].window_end > now)
            *slot(fresh, cap, t->table[i].id) = t->table[i];
    ls_free(t->table);
    t->table = fresh;
    t->cap = cap;
    t->used = live;
    return 1;
}

/* True when one more entry would make the table more than 3/4 full even
 * after a rebuild. Called with the lock held. */
static int no_room(ls_throttle *t, time_t now)
{
    if ((t->used + 1) * 4 <= t->cap * 3)
        return 0;
    return !rebuild(t, now) || (t->used + 1) * 4 > t->cap * 3;
}

unsigned ls_throttle_count(ls_throttle *t, const char *key, time_t now, long *left)
{
    unsigned char id[16];
    unsigned failures = 0;
    entry *e;

    identify(t, key, id);
    pthread_mutex_lock(&t->lock);
    e = slot(t->table, t->cap, id);
    if (!is_free(e) && e->window_end > now)
        failures = e->failures;
    if (left)
        *left = failures ? (long)(e->window_end - now) : 0;
    pthread_mutex_unlock(&t->lock);
    return failures;
}

int ls_throttle_fail(ls_throttle *t, const char *key, time_t now)
{
    unsigned char id[16];
    entry *e;
    int counted = 0;

    identify(t, key, id);
    pthread_mutex_lock(&t->lock);
    e = slot(t->table, t->cap, id);
    if (is_free(e)) {
        if (no_room(t, now))
            goto done;
        e = slot(t->table, t->cap, id); /* the table may have been rebuilt */
        memcpy(e->id, id, 16);
        e->failures = 0;
        e->window_end = 0;
        t->used++;
    }
    /* an ended window starts again at this failure */
    if (e->window_end <= now) {
        e->failures = 0;
        e->window_end = now + t->window;
    }
    e->failures++;
    counted = 1;
done:
    pthread_mutex_unlock(&t->lock);
    return counted;
}

void ls_throttle_clear(ls_throttle *t, const char *key)
{
    unsigned char id[16];
    entry *e;

    identify(t, key, id);
    pthread_mutex_lock(&t->lock);
    e = slot(t->table, t->cap, id);
    /* kept as an ended window: probe sequences through it stay whole */
    if (!is_free(e)) {
        e->failures = 0;
        e->window_end = 0;
    }
    pthread_mutex_unlock(&t->lock);
}

int ls_throttle_full(ls_throttle *t, time_t now)
{
    int full;

    pthread_mutex_lock(&t->lock);
    full = no_room(t, now);
    pthread_mutex_unlock(&t->lock);
    return full;
}
