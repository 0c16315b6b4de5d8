/*
 * watch.c — learns of every committed write to a PostgreSQL store without
 * a round trip per request: one connection of its own LISTENs on the
 * channel that migration 009 NOTIFYs at every insert into the change log,
 * and a thread counts the notifications. The count is the watch's version
 * of the data; a reader (the server's caches) also drains the socket
 * itself before it reads the count (one non-blocking recv, no round
 * trip), so a write another process has committed is seen as soon as
 * PostgreSQL has sent its notification.
 *
 * It does not read the ledger, and SQLite has no watch (ls_store_watch_open
 * gives NULL: the caller asks ls_store_data_version). While the connection
 * is down the version is unknown (the caller asks the store); each new
 * connection counts one more, so nothing learned before a gap is trusted
 * after it. Only this file and pg.c call libpq (through pq_api.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include "pq_api.h"
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"
#include "luoshi.h"

#define CHANNEL "luoshi_changes"
/* A quiet connection is asked a question after IDLE_CHECK_MS and counted
 * lost when the answer has not come after as long again; after a failure
 * the thread connects again every RETRY_MS. */
#define IDLE_CHECK_MS 2000
#define RETRY_MS 500

struct ls_store_watch {
    char *url;
    pthread_t thread;
    pthread_mutex_t lock; /* guards everything below, and every use of 'conn' */
    PGconn *conn;         /* NULL while down */
    int lost;             /* 'conn' failed: the thread closes it */
    int pinging;          /* a SELECT 1 is on its way */
    long long count;      /* notifications and connections seen */
    int wake_pipe[2];     /* a byte on [1] wakes the thread */
    int started, stopping;
};

/* With the lock held: reads what the connection has received, counts its
 * notifications and takes the answer to a ping. Returns 0 when the
 * connection is down or lost (the thread is woken to close it). */
static int drain(ls_store_watch *w)
{
    PGnotify *n;
    PGresult *res;
    int seen = 0;

    if (!w->conn || w->lost)
        return 0;
    if (!ls_pq.PQconsumeInput(w->conn) || ls_pq.PQstatus(w->conn) != CONNECTION_OK) {
        w->lost = 1;
        (void)!write(w->wake_pipe[1], "l", 1);
        return 0;
    }
    while (w->pinging && !ls_pq.PQisBusy(w->conn) && (res = ls_pq.PQgetResult(w->conn)) != NULL)
        ls_pq.PQclear(res);
    if (w->pinging && !ls_pq.PQisBusy(w->conn))
        w->pinging = 0;
    while ((n = ls_pq.PQnotifies(w->conn)) != NULL) {
        seen = 1;
        ls_pq.PQfreemem(n);
    }
    if (seen)
        w->count++;
    return 1;
}

/* A new connection that LISTENs, or NULL. Called without the lock: a
 * server that is slow to answer holds up no request. */
static PGconn *connect_listen(const char *url)
{
    PGconn *c = ls_pq.PQconnectdb(url);
    PGresult *res;

    if (!c || ls_pq.PQstatus(c) != CONNECTION_OK) {
        ls_pq.PQfinish(c);
        return NULL;
    }
    res = ls_pq.PQexec(c, "LISTEN " CHANNEL);
    if (ls_pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
        ls_pq.PQclear(res);
        ls_pq.PQfinish(c);
        return NULL;
    }
    ls_pq.PQclear(res);
    ls_pq.PQsetnonblocking(c, 1);
    return c;
}

/* With the lock held: takes connection 'c' (may be NULL) into use. A new
 * connection counts as a change: notifications may have been missed. */
static void install(ls_store_watch *w, PGconn *c)
{
    if (!c)
        return;
    w->conn = c;
    w->lost = w->pinging = 0;
    w->count++;
}

/* With the lock held, after IDLE_CHECK_MS of quiet: a connection that did
 * not answer the last ping is lost; else it is pinged (without waiting:
 * drain takes the answer), so one that died without a word is noticed. */
static void check_alive(ls_store_watch *w)
{
    if (w->pinging || ls_pq.PQsendQuery(w->conn, "SELECT 1") != 1 || ls_pq.PQflush(w->conn) < 0)
        w->lost = 1;
    else
        w->pinging = 1;
}

/* The thread: waits on the connection's socket (or the wake pipe), counts
 * what arrives, and connects again after a loss. */
static void *run(void *arg)
{
    ls_store_watch *w = arg;
    char bytes[16];

    for (;;) {
        struct pollfd fds[2] = {{w->wake_pipe[0], POLLIN, 0}, {-1, POLLIN, 0}};
        int ready;

        pthread_mutex_lock(&w->lock);
        if (w->stopping) {
            pthread_mutex_unlock(&w->lock);
            break;
        }
        if (w->conn && w->lost) {
            ls_pq.PQfinish(w->conn);
            w->conn = NULL;
        }
        if (!w->conn) {
            PGconn *c;
            pthread_mutex_unlock(&w->lock);
            c = connect_listen(w->url);
            pthread_mutex_lock(&w->lock);
            install(w, c);
        }
        fds[1].fd = w->conn ? ls_pq.PQsocket(w->conn) : -1;
        pthread_mutex_unlock(&w->lock);
        ready = poll(fds, 2, fds[1].fd >= 0 ? IDLE_CHECK_MS : RETRY_MS);
        if (ready > 0 && fds[0].revents)
            (void)!read(w->wake_pipe[0], bytes, sizeof bytes);
        pthread_mutex_lock(&w->lock);
        if (ready > 0 && fds[1].revents)
            drain(w);
        else if (ready == 0 && w->conn && !w->lost)
            check_alive(w);
        pthread_mutex_unlock(&w->lock);
    }
    return NULL;
}

ls_status ls_store_watch_open(const char *where, ls_store_watch **out, ls_error *err)
{
    ls_store_watch *w;

    *out = NULL;
    if (!where || !ls_store_is_url(where))
        return LS_OK;
    if (ls_pq_load(err) != LS_OK)
        return LS_EDB;
    w = ls_calloc(1, sizeof *w);
    if (!w || !(w->url = ls_malloc(strlen(where) + 1))) {
        ls_free(w);
        return ls_error_nomem(err);
    }
    strcpy(w->url, where);
    pthread_mutex_init(&w->lock, NULL);
    if (pipe(w->wake_pipe) != 0) {
        w->wake_pipe[0] = w->wake_pipe[1] = -1;
        ls_store_watch_close(w);
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot make a pipe for the watch");
    }
    /* a full pipe already wakes the thread: a writer never waits on it */
    fcntl(w->wake_pipe[1], F_SETFL, O_NONBLOCK);
    /* connect once now, so that the first requests need not ask the store */
    install(w, connect_listen(w->url));
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        ls_store_watch_close(w);
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot start the watch's thread");
    }
    w->started = 1;
    *out = w;
    return LS_OK;
}

int ls_store_watch_version(ls_store_watch *w, long long *version)
{
    int live;

    if (!w)
        return 0;
    pthread_mutex_lock(&w->lock);
    live = drain(w);
    *version = w->count;
    pthread_mutex_unlock(&w->lock);
    return live;
}

void ls_store_watch_touch(ls_store_watch *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->count++;
    pthread_mutex_unlock(&w->lock);
}

void ls_store_watch_close(ls_store_watch *w)
{
    if (!w)
        return;
    if (w->started) {
        pthread_mutex_lock(&w->lock);
        w->stopping = 1;
        pthread_mutex_unlock(&w->lock);
        (void)!write(w->wake_pipe[1], "s", 1);
        pthread_join(w->thread, NULL);
    }
    ls_pq.PQfinish(w->conn);
    if (w->wake_pipe[0] >= 0) {
        close(w->wake_pipe[0]);
        close(w->wake_pipe[1]);
    }
    pthread_mutex_destroy(&w->lock);
    ls_free(w->url);
    ls_free(w);
}
