/*
 * server.c — `luoshi serve`: libmicrohttpd glue (loaded when it starts, mhd_api.h). A pool of threads (one
 * per core) polls with epoll, so a slow client holds a connection, never a
 * thread; connections idle for CONNECTION_TIMEOUT seconds are closed, and
 * one address holds at most --per-address at once. When a request's
 * headers are in, its framing is checked and its user found (session
 * cookie or API token), and routes.c says whether that user may use the
 * route and how large a body it takes: nothing is read before that. The
 * body is kept up to the limit (413 beyond: the rest is read and dropped
 * up to LS_DRAIN_LIMIT, or not read at all when the client waits for 100
 * Continue); an upload waits for none of the few upload slots (503). Each
 * worker thread keeps a store connection of its own for its life, and a
 * request is answered by routes.c, or from the read cache (cache.c) under
 * its canonical query. Both caches (cache.c, authcache.c) are keyed by the
 * data version, read once per request: on PostgreSQL from the watch
 * (LISTEN/NOTIFY, no round trip; the store is asked while the watch is
 * down), on SQLite from the store. This is the only file that calls
 * libmicrohttpd.
 */
#define _POSIX_C_SOURCE 200809L
#include "mhd_api.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "alloc.h"
#include "arena.h"
#include "authcache.h"
#include "error.h"
#include "cache.h"
#include "escape.h"
#include "handlers.h"

#define CONNECTION_TIMEOUT 15
#define CONNECTION_LIMIT 1000
#define MAX_THREADS 64

#define PER_ADDRESS_DEFAULT 32
#define UPLOAD_RETRY "5"

struct ls_server {
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    ls_store *pool[MAX_THREADS + 1];
    size_t npool, nfree;
    ls_store *free_list[MAX_THREADS + 1];
    pthread_key_t mine;       /* a worker thread's own connection */
    int have_key;
    ls_store_watch *watch;    /* PostgreSQL: learns of writes; NULL on SQLite */
    unsigned port;
    long long session_seconds;
    int secure_cookies;
    ls_throttle *logins;      /* failed sign-ins per name and address */
    unsigned uploads_free;    /* uploads that may start now (under lock) */
    struct in_addr proxy;     /* the trusted reverse proxy, if have_proxy */
    int have_proxy;
    char client_header[64];   /* the header it names the client in */
};

/* The store connection of the calling worker thread: taken from the pool
 * on its first request and kept for the thread's life (there is one per
 * thread, so none waits for another's). */
static ls_store *borrow(struct ls_server *s)
{
    ls_store *st = pthread_getspecific(s->mine);

    if (st)
        return st;
    pthread_mutex_lock(&s->lock);
    while (s->nfree == 0)
        pthread_cond_wait(&s->freed, &s->lock);
    st = s->free_list[--s->nfree];
    pthread_mutex_unlock(&s->lock);
    pthread_setspecific(s->mine, st);
    return st;
}

long long ls_server_session_seconds(const struct ls_server *s)
{
    return s->session_seconds;
}

ls_throttle *ls_server_logins(const struct ls_server *s)
{
    return s->logins;
}

int ls_server_secure_cookies(const struct ls_server *s)
{
    return s->secure_cookies;
}

/* The address the trusted proxy names the client by: the last entry of
 * its header ("203.0.113.7" of "10.0.0.1, 203.0.113.7": the one the proxy
 * itself added), if it is an IPv4 or IPv6 address; else 0. */
static int proxied_client(ls_req *r, char *buf, size_t size)
{
    const char *h = ls_req_header(r, r->srv->client_header), *last;
    char text[INET6_ADDRSTRLEN];
    unsigned char bin[sizeof(struct in6_addr)];
    size_t n;

    if (!h)
        return 0;
    last = strrchr(h, ',');
    last = last ? last + 1 : h;
    last += strspn(last, " \t");
    n = strcspn(last, " \t");
    if (n == 0 || n >= sizeof text)
        return 0;
    memcpy(text, last, n);
    text[n] = '\0';
    if (inet_pton(AF_INET, text, bin) != 1 && inet_pton(AF_INET6, text, bin) != 1)
        return 0;
    snprintf(buf, size, "%s", text);
    return 1;
}

void ls_req_client(ls_req *r, char *buf, size_t size)
{
    const union MHD_ConnectionInfo *info =
        ls_mhd.MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = info ? info->client_addr : NULL;
    const struct sockaddr_in *in4 = sa && sa->sa_family == AF_INET
                                        ? (const struct sockaddr_in *)(const void *)sa
                                        : NULL;

    snprintf(buf, size, "?");
    /* behind the configured proxy, the client is the one it names */
    if (in4 && r->srv->have_proxy && in4->sin_addr.s_addr == r->srv->proxy.s_addr &&
        proxied_client(r, buf, size))
        return;
    if (in4)
        inet_ntop(AF_INET, &in4->sin_addr, buf, (socklen_t)size);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)size);
}

/* ---- the connection-facing calls that http.c needs ---- */

const char *ls_req_query(ls_req *r, const char *name)
{
    return ls_mhd.MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *ls_req_header(ls_req *r, const char *name)
{
    return ls_mhd.MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *ls_req_cookie(ls_req *r, const char *name)
{
    return ls_mhd.MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* ---- the request lifecycle ---- */

static void free_req(ls_req *r)
{
    size_t i;

    ls_buf_release(&r->body);
    ls_buf_release(&r->out);
    ls_mem_free(r->signed_in.mem);
    for (i = 0; i < r->nheaders; i++) {
        ls_free(r->headers[i][0]);
        ls_free(r->headers[i][1]);
    }
    for (i = 0; i < r->nfields; i++) {
        ls_free(r->fields[i].name);
        ls_free(r->fields[i].value);
        ls_free(r->fields[i].filename);
    }
    ls_free(r);
}

/* The version of the data both caches are keyed by, into r->version
 * ("" when unknown: nothing is cached then): the watch's count on
 * PostgreSQL ("w12|2026-12-02"), else the newest change id asked of the
 * store ("345|2026-12-02"); with today's date, which status depends on.
 * Read before the store is, so an answer is never kept under a version
 * newer than the data it was read from. */
static void read_version(ls_req *r)
{
    char today[11];
    long long v = 0;
    ls_error err;

    ls_store_today(today);
    if (ls_store_watch_version(r->srv->watch, &v))
        snprintf(r->version, sizeof r->version, "w%lld|%s", v, today);
    else if (ls_store_data_version(r->store, &v, &err) == LS_OK)
        snprintf(r->version, sizeof r->version, "%lld|%s", v, today);
    else
        r->version[0] = '\0';
}

/* The user 'token' of 'kind' signs in, into r->signed_in (none when it
 * is unknown, ended or revoked): for a read, from memory when kept at
 * r->version; a write always asks the store, so that a session ended or a
 * token revoked by another process cannot write even in the moment before
 * its notification arrives. */
static void find_user(ls_req *r, ls_cred kind, const char *token, const char *now)
{
    int read = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    ls_error err;
    ls_status st;

    ls_mem_free(r->signed_in.mem);
    memset(&r->signed_in, 0, sizeof r->signed_in);
    if (read && r->version[0] &&
        ls_auth_cache_get(kind, token, r->version, now, &r->signed_in))
        return;
    st = kind == LS_CRED_SESSION ? ls_store_session_user(r->store, token, &r->signed_in, &err)
                                 : ls_store_token_user(r->store, token, &r->signed_in, &err);
    if (st != LS_OK)
        memset(&r->signed_in, 0, sizeof r->signed_in);
    else if (r->version[0] && r->signed_in.n == 1)
        ls_auth_cache_put(kind, token, r->version, &r->signed_in.at[0]);
}

/* Who is asking: a live session cookie, or an API token. */
static void authenticate(ls_req *r)
{
    const char *cookie = ls_req_cookie(r, "luoshi_session");
    const char *auth = ls_req_header(r, "Authorization");
    char now[32];

    /* the caches serve only someone signed in: an anonymous request needs
     * no version */
    if (!cookie && !auth)
        return;
    read_version(r);
    ls_store_clock(now);
    if (cookie)
        find_user(r, LS_CRED_SESSION, cookie, now);
    if (r->signed_in.n == 0 && auth && strncmp(auth, "Bearer ", 7) == 0) {
        find_user(r, LS_CRED_TOKEN, auth + 7, now);
        r->by_token = r->signed_in.n == 1;
    }
    r->user = r->signed_in.n == 1 ? &r->signed_in.at[0] : NULL;
    r->role = r->user ? ls_role_of(r->user->role) : ROLE_NONE;
}

/* The store connection 'r' borrows writes its changes in the user's name. */
static void set_actor(ls_req *r)
{
    ls_store_set_actor(r->store, r->user ? r->user->name : "web");
}

static void security_headers(struct MHD_Response *res, const ls_req *r)
{
    ls_mhd.MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    ls_mhd.MHD_add_response_header(res, "X-Frame-Options", "DENY");
    /* no referrer leaves for another site; "same-origin", not "no-referrer",
     * so that our own forms' posts carry their Origin (with no-referrer a
     * browser sends "Origin: null", which routes.c refuses as cross-site) */
    ls_mhd.MHD_add_response_header(res, "Referrer-Policy", "same-origin");
    ls_mhd.MHD_add_response_header(res, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' "
                            "'unsafe-inline'; script-src 'self'; form-action 'self'; "
                            "frame-ancestors 'none'");
    if (strncmp(r->path, "/static/", 8) != 0)
        ls_mhd.MHD_add_response_header(res, "Cache-Control", "no-store");
}

static enum MHD_Result respond(struct MHD_Connection *conn, ls_req *r)
{
    struct MHD_Response *res;
    enum MHD_Result ok;
    size_t i;

    if (r->out.failed) {
        ls_buf_release(&r->out);
        ls_buf_init(&r->out);
        r->status = 500;
        r->type = "text/plain; charset=utf-8";
        ls_buf_puts(&r->out, "out of memory\n");
    }
    res = ls_mhd.MHD_create_response_from_buffer(r->out.len, r->out.data ? r->out.data : (void *)"",
                                          MHD_RESPMEM_MUST_COPY);
    if (!res)
        return MHD_NO;
    ls_mhd.MHD_add_response_header(res, "Content-Type", r->type ? r->type : "text/plain; charset=utf-8");
    security_headers(res, r);
    for (i = 0; i < r->nheaders; i++)
        ls_mhd.MHD_add_response_header(res, r->headers[i][0], r->headers[i][1]);
    ok = ls_mhd.MHD_queue_response(conn, (unsigned)(r->status ? r->status : 200), res);
    ls_mhd.MHD_destroy_response(res);
    return ok;
}

/* The query arguments of a request, in the order they came. */
typedef struct {
    struct qarg {
        const char *name, *value; /* value NULL: "?name" with no "=" */
        size_t order;
    } *a;
    size_t n, cap;
    int failed;
} qargs;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                                   const char *value)
{
    qargs *q = cls;
    struct qarg *grown;

    (void)kind;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        grown = ls_realloc(q->a, cap * sizeof *grown);
        if (!grown) {
            q->failed = 1;
            return MHD_NO;
        }
        q->a = grown;
        q->cap = cap;
    }
    q->a[q->n].name = name;
    q->a[q->n].value = value;
    q->a[q->n].order = q->n;
    q->n++;
    return MHD_YES;
}

/* By name; arguments of one name keep their order (the first is the one
 * a handler reads, so "?a=1&a=2" and "?a=2&a=1" are different reads). */
static int qarg_cmp(const void *x, const void *y)
{
    const struct qarg *a = x, *b = y;
    int c = strcmp(a->name, b->name);

    return c ? c : (a->order > b->order) - (a->order < b->order);
}

/* The cache key of 'r' into 'key': its path and its query in a canonical
 * form, each name and value percent-encoded (so no decoded "&" or "="
 * can pose as a separator) and the names sorted. Two requests share a key
 * only when every handler reads the same path and arguments in them. */
static void cache_key(ls_req *r, ls_buf *key)
{
    qargs q;
    size_t i;

    memset(&q, 0, sizeof q);
    ls_mhd.MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_arg, &q);
    if (q.failed)
        key->failed = 1;
    if (q.n > 1)
        qsort(q.a, q.n, sizeof *q.a, qarg_cmp);
    ls_escape_url(key, r->path, strlen(r->path));
    ls_buf_puts(key, "?");
    for (i = 0; i < q.n; i++) {
        ls_escape_url(key, q.a[i].name, strlen(q.a[i].name));
        if (q.a[i].value) {
            ls_buf_puts(key, "=");
            ls_escape_url(key, q.a[i].value, strlen(q.a[i].value));
        }
        ls_buf_puts(key, "&");
    }
    ls_free(q.a);
}

/* Clears '*ok' at a query argument that is not valid UTF-8. */
static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                                 const char *value)
{
    int *ok = cls;

    (void)kind;
    if (!ls_utf8_valid(name, strlen(name)) || (value && !ls_utf8_valid(value, strlen(value))))
        *ok = 0;
    return *ok ? MHD_YES : MHD_NO;
}

/* True when every query argument of 'r' is valid UTF-8; else a 400. Text
 * that is not would be stored as it came and could not be answered in
 * JSON. */
static int query_ok(ls_req *r)
{
    static const char message[] = "the query is not valid UTF-8";
    int ok = 1;

    ls_mhd.MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &ok);
    if (ok)
        return 1;
    if (strncmp(r->path, "/api/", 5) == 0)
        ls_res_error(r, 400, "invalid_utf8", message);
    else
        ls_page_error(r, 400, message);
    return 0;
}

/* Answers 'r' from the cache of reads when it can (cache.c), else from
 * the routes, keeping a read's answer for the next time. */
static void route_cached(ls_req *r)
{
    const char *total = NULL;
    ls_buf key;
    size_t i;

    if (!ls_cache_applies(r) || !r->version[0]) {
        ls_route(r);
        return;
    }
    ls_buf_init(&key);
    cache_key(r, &key);
    if (key.failed || !ls_cache_get(r, key.data, r->version)) {
        ls_route(r);
        for (i = 0; i < r->nheaders; i++)
            if (strcmp(r->headers[i][0], "X-Total-Count") == 0)
                total = r->headers[i][1];
        if (!key.failed)
            ls_cache_put(r, key.data, r->version, total);
    }
    ls_buf_release(&key);
}

/* Answers 413 now. Before the body is complete, libmicrohttpd reads no
 * more of it and closes the connection after the answer. */
static enum MHD_Result too_large(struct MHD_Connection *conn, ls_req *r)
{
    r->too_large = 2;
    ls_res_error(r, 413, "too_large", "the request body is larger than the server accepts");
    return respond(conn, r);
}

/* True when the client waits for 100 Continue before it sends the body. */
static int expects_continue(struct MHD_Connection *conn)
{
    const char *e = ls_mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");

    return e && strncasecmp(e, "100-continue", 12) == 0;
}

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *name,
                                    const char *value)
{
    (void)kind;
    (void)value;
    *(int *)cls += strcasecmp(name, "Content-Length") == 0;
    return MHD_YES;
}

/* Refuses a request whose framing is ambiguous (RFC 9112: a body's length
 * must be known one way only, smuggling aside) or unknown to us: two
 * Content-Length headers, Content-Length with Transfer-Encoding, a
 * transfer coding other than chunked (501), HTTP/1.1 without Host. Returns
 * 1 when the request may go on, else 0 with the answer set. */
static int framing_ok(struct MHD_Connection *conn, const char *version, ls_req *r)
{
    const char *te = ls_mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
    int lengths = 0;

    ls_mhd.MHD_get_connection_values(conn, MHD_HEADER_KIND, count_length, &lengths);
    if (lengths > 1)
        ls_res_error(r, 400, "bad_request", "more than one Content-Length header");
    else if (te && lengths)
        ls_res_error(r, 400, "bad_request", "both Content-Length and Transfer-Encoding");
    else if (te && strcasecmp(te, "chunked") != 0)
        ls_res_error(r, 501, "not_implemented", "the only transfer coding taken is chunked");
    else if (version && strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
             !ls_mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host"))
        ls_res_error(r, 400, "bad_request", "an HTTP/1.1 request without Host");
    else
        return 1;
    return 0;
}

/* Takes one of the server's upload slots; 0 when all are in use. An
 * upload (a report, a workbook) can hold its thread for a while: with
 * fewer slots than threads, some thread is always free for the rest. */
static int take_upload(struct ls_server *s)
{
    int ok;

    pthread_mutex_lock(&s->lock);
    ok = s->uploads_free > 0;
    if (ok)
        s->uploads_free--;
    pthread_mutex_unlock(&s->lock);
    return ok;
}

static void give_upload(struct ls_server *s)
{
    pthread_mutex_lock(&s->lock);
    s->uploads_free++;
    pthread_mutex_unlock(&s->lock);
}

/* The first call of a request, when only its headers are in: its framing,
 * who sends it and whether they may send its route a body at all, all
 * before a byte of the body is read. Returns MHD_YES to read the body. */
static enum MHD_Result on_headers(struct ls_server *s, struct MHD_Connection *conn,
                                  const char *version, ls_req *r)
{
    const char *length;
    int admitted;

    if (!framing_ok(conn, version, r)) {
        r->too_large = 2;
        return respond(conn, r);
    }
    r->store = borrow(s);
    authenticate(r);
    admitted = ls_route_admit(r);
    r->store = NULL;
    if (!admitted) {
        r->too_large = 2;
        return respond(conn, r);
    }
    /* a client that waits for 100 Continue is refused before it sends the
     * body; another gets its 413 once the body has been read and dropped */
    length = ls_mhd.MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (length && strtoull(length, NULL, 10) > r->body_limit) {
        if (expects_continue(conn))
            return too_large(conn, r);
        r->too_large = 1;
    } else if (length) {
        ls_buf_reserve(&r->body, (size_t)strtoull(length, NULL, 10));
    }
    return MHD_YES;
}

/* A piece of the body: kept up to the route's limit, then dropped (up to
 * LS_DRAIN_LIMIT, then the connection is cut). */
static enum MHD_Result on_body(struct MHD_Connection *conn, ls_req *r, const char *upload,
                               size_t *upload_size)
{
    if (r->too_large == 2) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (!r->too_large && r->body.len + *upload_size <= r->body_limit) {
        ls_buf_append(&r->body, upload, *upload_size);
    } else if (!r->too_large) {
        r->too_large = 1;
        ls_buf_release(&r->body);
        ls_buf_init(&r->body);
    }
    if (r->too_large == 1) {
        r->dropped += *upload_size;
        if (r->dropped > LS_DRAIN_LIMIT) {
            *upload_size = 0;
            return too_large(conn, r);
        }
    }
    *upload_size = 0;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
    struct ls_server *s = cls;
    ls_req *r = *state;
    int upload_slot = 0;

    if (!r) {
        r = ls_calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->srv = s;
        r->conn = conn;
        r->method = method;
        r->path = url;
        ls_buf_init(&r->body);
        ls_buf_init(&r->out);
        *state = r;
        return on_headers(s, conn, version, r);
    }
    if (*upload_size)
        return on_body(conn, r, upload, upload_size);
    if (r->too_large == 2)
        return MHD_YES;
    if (r->too_large || r->body.failed) {
        ls_res_error(r, 413, "too_large", "the request body is larger than the server accepts");
        return respond(conn, r);
    }
    if (r->body_kind == BODY_UPLOAD && !(upload_slot = take_upload(s))) {
        ls_res_error(r, 503, "busy", "other uploads are being read: try again shortly");
        ls_res_header(r, "Retry-After", UPLOAD_RETRY);
        return respond(conn, r);
    }
    r->store = borrow(s);
    set_actor(r);
    if (query_ok(r))
        route_cached(r);
    /* this process's own write is seen before its notification comes back */
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0)
        ls_store_watch_touch(s->watch);
    r->store = NULL;
    if (upload_slot)
        give_upload(s);
    return respond(conn, r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)conn;
    (void)code;
    if (*state)
        free_req(*state);
    *state = NULL;
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

ls_status ls_server_can_start(ls_error *err)
{
    return ls_mhd_load(err);
}

ls_status ls_server_start(const ls_server_options *opt, ls_server **out, ls_error *err)
{
    struct ls_server *s;
    struct sockaddr_in addr;
    struct in_addr proxy = {0};
    unsigned threads = opt->threads ? opt->threads : cores();
    const union MHD_DaemonInfo *info;
    ls_status st = LS_OK;
    size_t i;

    *out = NULL;
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)opt->port);
    if (inet_pton(AF_INET, opt->bind ? opt->bind : "127.0.0.1", &addr.sin_addr) != 1)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "'%s' is not an IPv4 address",
                            opt->bind);
    if (opt->trusted_proxy && inet_pton(AF_INET, opt->trusted_proxy, &proxy) != 1)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "trusted proxy '%s' is not an IPv4 address", opt->trusted_proxy);
    st = ls_mhd_load(err);
    if (st != LS_OK)
        return st;
    s = ls_calloc(1, sizeof *s);
    if (!s)
        return ls_error_nomem(err);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    s->session_seconds = opt->session_seconds > 0 ? opt->session_seconds : 8 * 3600;
    s->secure_cookies = opt->secure_cookies;
    s->uploads_free = opt->upload_slots ? opt->upload_slots : threads > 1 ? threads - 1 : 1;
    snprintf(s->client_header, sizeof s->client_header, "%s",
             opt->client_header ? opt->client_header : "X-Forwarded-For");
    s->proxy = proxy;
    s->have_proxy = opt->trusted_proxy != NULL;
    s->logins = ls_throttle_new(LS_LOGIN_WINDOW);
    if (!s->logins)
        LS_CHECK(ls_error_nomem(err));
    if (pthread_key_create(&s->mine, NULL) != 0)
        LS_CHECK(ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot make a thread key"));
    s->have_key = 1;
    /* one store connection per thread, and one for the caller's own use */
    for (i = 0; i < threads + 1; i++) {
        LS_CHECK(ls_store_open(opt->db, &s->pool[i], err));
        s->npool++;
        s->free_list[s->nfree++] = s->pool[i];
    }
    /* learns of every write on PostgreSQL (NULL on SQLite) */
    LS_CHECK(ls_store_watch_open(opt->db, &s->watch, err));
    s->daemon = ls_mhd.MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)CONNECTION_LIMIT, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        opt->per_address ? opt->per_address : (unsigned)PER_ADDRESS_DEFAULT,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->daemon)
        LS_CHECK(ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot listen on %s:%u",
                              opt->bind ? opt->bind : "127.0.0.1", opt->port));
    info = ls_mhd.MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : opt->port;
    *out = s;
done:
    if (st != LS_OK)
        ls_server_stop(s);
    return st;
}

unsigned ls_server_port(const ls_server *s)
{
    return s->port;
}

void ls_server_stop(ls_server *s)
{
    size_t i;

    if (!s)
        return;
    if (s->daemon)
        ls_mhd.MHD_stop_daemon(s->daemon);
    ls_store_watch_close(s->watch);
    for (i = 0; i < s->npool; i++)
        ls_store_close(s->pool[i]);
    if (s->have_key)
        pthread_key_delete(s->mine);
    ls_cache_clear();
    ls_auth_cache_clear();
    ls_throttle_free(s->logins);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->freed);
    ls_free(s);
}
