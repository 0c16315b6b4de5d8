/*
 * ordered.h — items made on several threads, taken in order on one.
 *
 * ls_ordered_run calls make(ctx, i, out) for every item i on worker
 * threads, each into a buffer of its own, and take(ctx, i, bytes, n) on the
 * calling thread in the order of i, so a writer can print in text order
 * what threads produced out of order. No worker runs more than 'window'
 * items ahead of the item taken last, so at most 'window' buffers are held
 * whatever the number of items. It knows nothing of what the items are.
 */
#ifndef LS_ORDERED_H
#define LS_ORDERED_H

#include <stddef.h>

#include "buf.h"
#include "luoshi.h"

/* Writes item 'i' into 'out' (empty); LS_OK or a failure that stops the run. */
typedef ls_status (*ls_ordered_make)(void *ctx, size_t i, ls_buf *out);
/* Takes item 'i' ('n' bytes at 'bytes'); 0 stops the run. */
typedef int (*ls_ordered_take)(void *ctx, size_t i, const char *bytes, size_t n);

/* Runs 'count' items on up to 'workers' threads (one at least: with no
 * thread started, the calling thread makes each item before taking it).
 * Returns LS_OK, the first failure of make, or LS_EIO when take stopped the
 * run; the items after a failure are neither made nor taken. */
ls_status ls_ordered_run(size_t count, size_t workers, size_t window, ls_ordered_make make,
                         ls_ordered_take take, void *ctx);

/* The cores this process may run on (its affinity: `taskset -c 0` gives 1). */
size_t ls_cores_allowed(void);

/* How many threads a job of 'work' units (bytes, mentions) is cut into:
 * one per 'least' units, at most one per core allowed and 'most'; 1 (no
 * thread, no system call) under twice 'least'. */
size_t ls_threads_for(size_t work, size_t least, size_t most);

/* Calls 'each' on each of the 'count' items of 'size' bytes at 'items' at
 * once: the first on the calling thread, each other on a thread of its
 * own (up to 16; one that cannot start, or past 16, on the calling
 * thread after); returns when all are done. */
void ls_run_each(void *items, size_t count, size_t size, void *(*each)(void *));

/* Records written as items of a run in blocks of 'per': how many blocks
 * 'count' records make, and block 'b' as records [*from, *to). */
static inline size_t ls_blocks_of(size_t count, size_t per)
{
    return (count + per - 1) / per;
}

static inline void ls_block_range(size_t b, size_t per, size_t count, size_t *from, size_t *to)
{
    *from = b * per;
    *to = *from + per < count ? *from + per : count;
}

#endif
