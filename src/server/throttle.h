/*
 * throttle.h — counts of failed sign-ins, per key, to refuse password
 * guessing (throttle.c). Thread-safe; times are seconds (time(NULL)).
 */
#ifndef LS_SERVER_THROTTLE_H
#define LS_SERVER_THROTTLE_H

#include <time.h>

typedef struct ls_throttle ls_throttle;

/* A new, empty table (NULL when out of memory); ls_throttle_free frees it. */
ls_throttle *ls_throttle_new(void);
void ls_throttle_free(ls_throttle *t);

/* Seconds until 'key' may try again: 0 unless it failed 'limit' times or
 * more in its current window. */
long ls_throttle_wait(ls_throttle *t, const char *key, unsigned limit, time_t now);

/* Counts a failure of 'key'; the first failure opens a window of 'window'
 * seconds, at whose end the count starts again. */
void ls_throttle_fail(ls_throttle *t, const char *key, long window, time_t now);

/* Forgets the failures of 'key' (after a good password). */
void ls_throttle_clear(ls_throttle *t, const char *key);

#endif
