/*
 * ordered.c — items made on worker threads, taken in order (ordered.h).
 *
 * One lock and one condition: a worker takes the next item not yet made
 * while it is fewer than 'window' items ahead of the next to be taken; the
 * calling thread waits for that item, hands its bytes to 'take', frees its
 * buffer and wakes the workers. A failure stops the workers at their next
 * item. It does not know what an item is (report_doc.c cuts the tasks).
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "ordered.h"

#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "alloc.h"

#define WORKERS_MAX 16

typedef struct {
    ls_buf out;
    ls_status status;
    int done;
} slot;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    slot *slots;
    size_t count, window;
    size_t next;  /* the first item no worker has taken */
    size_t taken; /* items handed to 'take' */
    int stop;
    ls_ordered_make make;
    void *ctx;
} run;

static void *worker(void *arg)
{
    run *r = arg;
    size_t i;
    ls_status st;

    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (!r->stop && r->next < r->count && r->next >= r->taken + r->window)
            pthread_cond_wait(&r->changed, &r->lock);
        if (r->stop || r->next >= r->count)
            break;
        i = r->next++;
        pthread_mutex_unlock(&r->lock);
        st = r->make(r->ctx, i, &r->slots[i].out);
        if (st == LS_OK && r->slots[i].out.failed)
            st = LS_ENOMEM;
        pthread_mutex_lock(&r->lock);
        r->slots[i].status = st;
        r->slots[i].done = 1;
        if (st != LS_OK)
            r->stop = 1;
        pthread_cond_broadcast(&r->changed);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

/* Each item made and taken on the calling thread: no worker could start. */
static ls_status run_here(run *r, ls_ordered_take take)
{
    ls_status st = LS_OK;
    size_t i;

    for (i = 0; i < r->count && st == LS_OK; i++) {
        st = r->make(r->ctx, i, &r->slots[i].out);
        if (st == LS_OK && r->slots[i].out.failed)
            st = LS_ENOMEM;
        if (st == LS_OK && !take(r->ctx, i, r->slots[i].out.data ? r->slots[i].out.data : "",
                                 r->slots[i].out.len))
            st = LS_EIO;
        ls_buf_release(&r->slots[i].out);
    }
    return st;
}

ls_status ls_ordered_run(size_t count, size_t workers, size_t window, ls_ordered_make make,
                         ls_ordered_take take, void *ctx)
{
    pthread_t threads[WORKERS_MAX];
    size_t started = 0, i, bytes;
    ls_status st = LS_OK;
    run r;

    if (count == 0)
        return LS_OK;
    memset(&r, 0, sizeof r);
    if (!ls_mul_size(count, sizeof *r.slots, &bytes) || !(r.slots = ls_calloc(1, bytes)))
        return LS_ENOMEM;
    r.count = count;
    r.window = window ? window : 1;
    r.make = make;
    r.ctx = ctx;
    for (i = 0; i < count; i++)
        ls_buf_init(&r.slots[i].out);
    if (workers > WORKERS_MAX)
        workers = WORKERS_MAX;
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.changed, NULL);
    while (started < workers && pthread_create(&threads[started], NULL, worker, &r) == 0)
        started++;
    if (started == 0) {
        st = run_here(&r, take);
    } else {
        for (i = 0; i < count && st == LS_OK; i++) {
            pthread_mutex_lock(&r.lock);
            while (!r.slots[i].done)
                pthread_cond_wait(&r.changed, &r.lock);
            pthread_mutex_unlock(&r.lock);
            st = r.slots[i].status;
            if (st == LS_OK && !take(ctx, i, r.slots[i].out.data ? r.slots[i].out.data : "",
                                     r.slots[i].out.len))
                st = LS_EIO;
            ls_buf_release(&r.slots[i].out);
            pthread_mutex_lock(&r.lock);
            r.taken++;
            if (st != LS_OK)
                r.stop = 1;
            pthread_cond_broadcast(&r.changed);
            pthread_mutex_unlock(&r.lock);
        }
        pthread_mutex_lock(&r.lock);
        r.stop = 1;
        pthread_cond_broadcast(&r.changed);
        pthread_mutex_unlock(&r.lock);
        for (i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
    }
    for (i = 0; i < count; i++)
        ls_buf_release(&r.slots[i].out);
    pthread_cond_destroy(&r.changed);
    pthread_mutex_destroy(&r.lock);
    ls_free(r.slots);
    return st;
}

size_t ls_cores_allowed(void)
{
    cpu_set_t set;
    int n;

    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    n = CPU_COUNT(&set);
    return n > 0 ? (size_t)n : 1;
}

size_t ls_threads_for(size_t work, size_t least, size_t most)
{
    size_t n = least ? work / least : 1, cores;

    if (n < 2)
        return 1;
    cores = ls_cores_allowed();
    if (n > cores)
        n = cores;
    return n > most ? most : n;
}

void ls_run_each(void *items, size_t count, size_t size, void *(*each)(void *))
{
    pthread_t thread[WORKERS_MAX];
    int started[WORKERS_MAX] = {0};
    char *item = items;
    size_t i;

    for (i = 1; i < count && i < WORKERS_MAX; i++)
        started[i] = pthread_create(&thread[i], NULL, each, item + i * size) == 0;
    if (count)
        each(item);
    for (i = 1; i < count; i++) {
        if (i < WORKERS_MAX && started[i])
            pthread_join(thread[i], NULL);
        else
            each(item + i * size);
    }
}
