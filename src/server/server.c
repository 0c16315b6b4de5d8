/*
 * server.c — `luoshi serve`: libmicrohttpd glue. A pool of threads (one
 * per core) polls with epoll, so a slow client holds a connection, never a
 * thread; connections idle for CONNECTION_TIMEOUT seconds are closed. Each
 * request reads its body up to a limit (413 beyond: the rest is read and
 * dropped up to LS_DRAIN_LIMIT, or not read at all when the client waits
 * for 100 Continue),
 * borrows a store connection from the pool for the time of its handler,
 * finds its user from the session cookie or API token, and is answered by
 * routes.c. This is the only file that calls libmicrohttpd.
 */
#define _POSIX_C_SOURCE 200809L
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "alloc.h"
#include "error.h"
#include "cache.h"
#include "handlers.h"

#define CONNECTION_TIMEOUT 15
#define CONNECTION_LIMIT 1000
#define MAX_THREADS 64

struct ls_server {
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    ls_store *pool[MAX_THREADS + 1];
    size_t npool, nfree;
    ls_store *free_list[MAX_THREADS + 1];
    unsigned port;
    long long session_seconds;
    ls_throttle *logins; /* failed sign-ins per name and address */
};

static ls_store *borrow(struct ls_server *s)
{
    ls_store *st;

    pthread_mutex_lock(&s->lock);
    while (s->nfree == 0)
        pthread_cond_wait(&s->freed, &s->lock);
    st = s->free_list[--s->nfree];
    pthread_mutex_unlock(&s->lock);
    return st;
}

static void give_back(struct ls_server *s, ls_store *st)
{
    pthread_mutex_lock(&s->lock);
    s->free_list[s->nfree++] = st;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

long long ls_server_session_seconds(const struct ls_server *s)
{
    return s->session_seconds;
}

ls_throttle *ls_server_logins(const struct ls_server *s)
{
    return s->logins;
}

void ls_req_client(ls_req *r, char *buf, size_t size)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = info ? info->client_addr : NULL;

    snprintf(buf, size, "?");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)size);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)size);
}

/* ---- the connection-facing calls that http.c needs ---- */

const char *ls_req_query(ls_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *ls_req_header(ls_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *ls_req_cookie(ls_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* ---- the request lifecycle ---- */

static void free_req(ls_req *r)
{
    size_t i;

    ls_buf_release(&r->body);
    ls_buf_release(&r->out);
    json_decref(r->user);
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

/* Who is asking: a live session cookie, or an API token. */
static void authenticate(ls_req *r)
{
    const char *cookie = ls_req_cookie(r, "luoshi_session");
    const char *auth = ls_req_header(r, "Authorization");
    ls_error err;

    if (cookie)
        ls_store_session_user(r->store, cookie, &r->user, &err);
    if (!r->user && auth && strncmp(auth, "Bearer ", 7) == 0) {
        ls_store_token_user(r->store, auth + 7, &r->user, &err);
        r->by_token = r->user != NULL;
    }
    r->role = r->user ? ls_role_of(json_string_value(json_object_get(r->user, "role")))
                      : ROLE_NONE;
    ls_store_set_actor(r->store, r->user ? json_string_value(json_object_get(r->user, "name"))
                                         : "web");
}

static void security_headers(struct MHD_Response *res, const ls_req *r)
{
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "X-Frame-Options", "DENY");
    MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(res, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' "
                            "'unsafe-inline'; script-src 'self'; form-action 'self'; "
                            "frame-ancestors 'none'");
    if (strncmp(r->path, "/static/", 8) != 0)
        MHD_add_response_header(res, "Cache-Control", "no-store");
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
    res = MHD_create_response_from_buffer(r->out.len, r->out.data ? r->out.data : (void *)"",
                                          MHD_RESPMEM_MUST_COPY);
    if (!res)
        return MHD_NO;
    MHD_add_response_header(res, "Content-Type", r->type ? r->type : "text/plain; charset=utf-8");
    security_headers(res, r);
    for (i = 0; i < r->nheaders; i++)
        MHD_add_response_header(res, r->headers[i][0], r->headers[i][1]);
    ok = MHD_queue_response(conn, (unsigned)(r->status ? r->status : 200), res);
    MHD_destroy_response(res);
    return ok;
}

/* Appends "name=value&" of each query argument to the cache key. */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                               const char *value)
{
    ls_buf *key = cls;

    (void)kind;
    ls_buf_printf(key, "%s=%s&", name, value ? value : "");
    return MHD_YES;
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

    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &ok);
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
    char version[64], now[32];
    long long v = 0;
    const char *total = NULL;
    ls_buf key;
    ls_error err;
    size_t i;

    if (!ls_cache_applies(r) || ls_store_data_version(r->store, &v, &err) != LS_OK) {
        ls_route(r);
        return;
    }
    ls_store_today(now);
    snprintf(version, sizeof version, "%lld|%s", v, now);
    ls_buf_init(&key);
    ls_buf_printf(&key, "%s?", r->path);
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &key);
    if (key.failed || !ls_cache_get(r, key.data, version)) {
        ls_route(r);
        for (i = 0; i < r->nheaders; i++)
            if (strcmp(r->headers[i][0], "X-Total-Count") == 0)
                total = r->headers[i][1];
        if (!key.failed)
            ls_cache_put(r, key.data, version, total);
    }
    ls_buf_release(&key);
}

/* The most a request to 'url' may send: an upload (a report, a 分工方案,
 * a page's form with a file) up to LS_UPLOAD_LIMIT, any other API body up
 * to LS_BODY_LIMIT. */
static size_t body_limit(const char *url)
{
    static const char *const uploads[] = {"/api/v1/reports", "/api/v1/assignments", NULL};
    size_t i, n;

    if (strncmp(url, "/api/", 5) != 0 || strstr(url, "import"))
        return LS_UPLOAD_LIMIT;
    for (i = 0; uploads[i]; i++) {
        n = strlen(uploads[i]);
        if (strncmp(url, uploads[i], n) == 0 &&
            (url[n] == '\0' || (url[n] == '/' && url[n + 1] == '\0')))
            return LS_UPLOAD_LIMIT;
    }
    return LS_BODY_LIMIT;
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
    const char *e = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");

    return e && strncasecmp(e, "100-continue", 12) == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
    struct ls_server *s = cls;
    ls_req *r = *state;
    const char *length;
    size_t limit = body_limit(url);

    (void)version;
    if (!r) {
        /* first call: only the headers have arrived */
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
        /* a client that waits for 100 Continue is refused before it sends
         * the body; another gets its 413 once the body has been read */
        length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (length && strtoull(length, NULL, 10) > limit) {
            if (expects_continue(conn))
                return too_large(conn, r);
            r->too_large = 1;
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!r->too_large && r->body.len + *upload_size <= limit)
            ls_buf_append(&r->body, upload, *upload_size);
        else if (!r->too_large) {
            r->too_large = 1;
            ls_buf_release(&r->body);
            ls_buf_init(&r->body);
        }
        if (r->too_large == 1) {
            /* dropped, not kept; past LS_DRAIN_LIMIT the connection is cut */
            r->dropped += *upload_size;
            if (r->dropped > LS_DRAIN_LIMIT) {
                *upload_size = 0;
                return too_large(conn, r);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->too_large == 2)
        return MHD_YES;
    if (r->too_large || r->body.failed) {
        ls_res_error(r, 413, "too_large", "the request body is larger than the server accepts");
        return respond(conn, r);
    }
    r->store = borrow(s);
    authenticate(r);
    if (query_ok(r))
        route_cached(r);
    give_back(s, r->store);
    r->store = NULL;
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

ls_status ls_server_start(const ls_server_options *opt, ls_server **out, ls_error *err)
{
    struct ls_server *s;
    struct sockaddr_in addr;
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
    s = ls_calloc(1, sizeof *s);
    if (!s)
        return ls_error_nomem(err);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    s->session_seconds = opt->session_seconds > 0 ? opt->session_seconds : 8 * 3600;
    s->logins = ls_throttle_new();
    if (!s->logins)
        st = ls_error_nomem(err);
    /* one store connection per thread, and one for the caller's own use */
    for (i = 0; st == LS_OK && i < threads + 1; i++) {
        st = ls_store_open(opt->db, &s->pool[i], err);
        if (st == LS_OK) {
            s->npool++;
            s->free_list[s->nfree++] = s->pool[i];
        }
    }
    if (st == LS_OK) {
        s->daemon = MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL,
            NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
            MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
            (unsigned)CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
        if (!s->daemon)
            st = ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot listen on %s:%u",
                              opt->bind ? opt->bind : "127.0.0.1", opt->port);
    }
    if (st != LS_OK) {
        ls_server_stop(s);
        return st;
    }
    info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : opt->port;
    *out = s;
    return LS_OK;
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
        MHD_stop_daemon(s->daemon);
    for (i = 0; i < s->npool; i++)
        ls_store_close(s->pool[i]);
    ls_cache_clear();
    ls_throttle_free(s->logins);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->freed);
    ls_free(s);
}
