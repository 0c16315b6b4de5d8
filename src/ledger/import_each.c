/*
 * import_each.c — ls_store_import_each: many reports imported one after
 * another, the next one read (checks, SHA-256, parse, tasks, links: about
 * a third of an import's time) on a thread of its own while the calling
 * thread stores the last one, so that the reading and the store's writing
 * overlap. The two meet at a mailbox of one report: the reader waits when
 * it holds a report the writer has not taken. Reports are stored and
 * reported ('done') in the order given. Storing, the store's connection
 * and 'done' stay on the calling thread; 'next' runs on the reader.
 * It does not decide what an import stores (draft.c does).
 */
#include <pthread.h>
#include <string.h>

#include "error.h"
#include "store.h"

/* One report as the reader hands it over. */
typedef struct {
    size_t index;
    ls_status st; /* of reading it: LS_OK, or the failure in 'err' */
    ls_error err;
    ls_import_prepared prepared;
} read_report;

typedef struct {
    ls_import_next_fn next;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    read_report mailbox;
    int full;     /* the mailbox holds a report */
    int finished; /* the reader gave its last report */
    int stop;     /* the writer wants no more */
} pipeline;

/* Reads report 'i' into 'r'; 0 at the end (nothing to hand over). */
static int read_one(pipeline *p, size_t i, read_report *r)
{
    ls_import_input in;

    memset(r, 0, sizeof *r);
    memset(&in, 0, sizeof in);
    r->index = i;
    r->st = p->next(p->ctx, i, &in, &r->err);
    if (r->st != LS_OK)
        return 1;
    if (!in.bytes)
        return 0;
    r->st = ls_import_prepare(in.bytes, in.len, in.source, in.gov, in.year, &r->prepared, &r->err);
    return 1;
}

static void *reader(void *arg)
{
    pipeline *p = arg;
    read_report r;
    size_t i;
    int more = 1;

    for (i = 0; more; i++) {
        more = read_one(p, i, &r);
        pthread_mutex_lock(&p->lock);
        while (p->full && !p->stop)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop)
            more = 0;
        if (more) {
            p->mailbox = r;
            p->full = 1;
        } else {
            ls_import_prepared_free(&r.prepared);
            p->finished = 1;
        }
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

/* Stores what was read of one report and tells 'done'; 0 to stop. */
static int store_one(ls_store *store, read_report *r, ls_import_done_fn done, void *ctx)
{
    ls_import_result res;
    ls_status st = r->st;
    int go_on;

    memset(&res, 0, sizeof res);
    if (st == LS_OK)
        st = ls_import_store(store, &r->prepared, &res, &r->err);
    go_on = done(ctx, r->index, st, st == LS_OK ? &res : NULL, &r->err);
    ls_import_prepared_free(&r->prepared);
    return go_on;
}

/* Without a second thread: each report read, then stored. */
static void import_in_turn(ls_store *store, pipeline *p, ls_import_done_fn done)
{
    read_report r;
    size_t i;

    for (i = 0; read_one(p, i, &r); i++)
        if (!store_one(store, &r, done, p->ctx))
            break;
    ls_import_prepared_free(&r.prepared);
}

ls_status ls_store_import_each(ls_store *store, ls_import_next_fn next, ls_import_done_fn done,
                               void *ctx, ls_error *err)
{
    pipeline p;
    pthread_t thread;
    read_report r;
    int go_on = 1;

    (void)err;
    memset(&p, 0, sizeof p);
    p.next = next;
    p.ctx = ctx;
    if (pthread_mutex_init(&p.lock, NULL) != 0) {
        import_in_turn(store, &p, done);
        return LS_OK;
    }
    if (pthread_cond_init(&p.changed, NULL) != 0) {
        pthread_mutex_destroy(&p.lock);
        import_in_turn(store, &p, done);
        return LS_OK;
    }
    if (pthread_create(&thread, NULL, reader, &p) != 0) {
        import_in_turn(store, &p, done);
    } else {
        for (;;) {
            pthread_mutex_lock(&p.lock);
            while (!p.full && !p.finished)
                pthread_cond_wait(&p.changed, &p.lock);
            if (!p.full) {
                pthread_mutex_unlock(&p.lock);
                break;
            }
            r = p.mailbox;
            p.full = 0;
            pthread_cond_broadcast(&p.changed);
            pthread_mutex_unlock(&p.lock);
            if (go_on)
                go_on = store_one(store, &r, done, ctx);
            else
                ls_import_prepared_free(&r.prepared);
            if (!go_on) {
                pthread_mutex_lock(&p.lock);
                p.stop = 1;
                pthread_cond_broadcast(&p.changed);
                pthread_mutex_unlock(&p.lock);
            }
        }
        pthread_join(thread, NULL);
    }
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    return LS_OK;
}
