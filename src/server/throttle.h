/*
 * throttle.h — counts of failed sign-ins, per key, to refuse password
 * guessing (throttle.c). Thread-safe; times are seconds (time(NULL)).
 */
#ifndef LS_SERVER_THROTTLE_H
#define LS_SERVER_THROTTLE_H

#include <time.h>

typedef struct ls_throttle ls_throttle;

/* A new, empty table whose counts last 'window' seconds from a key's first
 * failure, under a random hash key of its own (NULL when out of memory or
 * when no random key can be had); ls_throttle_free frees it. */
ls_throttle *ls_throttle_new(long window);
void ls_throttle_free(ls_throttle *t);

/* The failures of 'key' in its current window, and in '*left' (if not
 * NULL) the seconds until that window ends (0 when it has no failures). */
unsigned ls_throttle_count(ls_throttle *t, const char *key, time_t now, long *left);

/* Counts a failure of 'key'; its first failure opens its window. Returns
 * 0 when the table is full of live counts and nothing could be counted. */
int ls_throttle_fail(ls_throttle *t, const char *key, time_t now);

/* Forgets the failures of 'key' (after a good password). */
void ls_throttle_clear(ls_throttle *t, const char *key);

/* True when the table is full of live counts: a new key cannot be
 * counted until a window ends (the caller refuses sign-ins meanwhile). */
int ls_throttle_full(ls_throttle *t, time_t now);

#endif
