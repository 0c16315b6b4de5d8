/*
 * server.h — what the files of the web app share: one request as the
 * handlers see it (method, path, query, form or JSON body, the signed-in
 * user, a store connection of its own) and the response they build
 * (status, type, body, headers). server.c holds the libmicrohttpd glue and
 * the only code that touches a connection; routes.c the route table.
 */
#ifndef LS_SERVER_SERVER_H
#define LS_SERVER_SERVER_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "luoshi.h"
#include "record.h"

/* Limits: a sign-in body (the only one read before anyone is known), a
 * JSON or form body, an upload (a report, a 分工方案), and how much of an
 * oversized body is read and dropped before the connection is cut (so
 * that a client that does not wait for 100 Continue still reads its 413).
 * Every body but a sign-in's is read only after its sender's session or
 * token was checked against the route's role (routes.c). */
#define LS_SIGNIN_LIMIT (16u << 10)
#define LS_BODY_LIMIT (1u << 20)
#define LS_UPLOAD_LIMIT (16u << 20)
#define LS_DRAIN_LIMIT (64u << 20)
#define LS_MAX_HEADERS 8
#define LS_MAX_PARAMS 4
#define LS_MAX_FIELDS 128 /* a batch of the ledger page: 50 rows and its fields */

typedef enum { ROLE_NONE = 0, ROLE_VIEWER, ROLE_UNIT, ROLE_ADMIN } ls_role;

/* What a route's request may send (routes.c): nothing (GET), a sign-in
 * form (LS_SIGNIN_LIMIT), a form or JSON (LS_BODY_LIMIT), an upload
 * (LS_UPLOAD_LIMIT; handled by a limited number of threads at once). */
typedef enum { BODY_NONE = 0, BODY_SIGNIN, BODY_DATA, BODY_UPLOAD } ls_body;

/* One field of a form (urlencoded or multipart); 'filename' for a file. */
typedef struct {
    char *name, *value, *filename;
    size_t len;
} ls_field;

typedef struct ls_req {
    struct ls_server *srv;
    void *conn;             /* struct MHD_Connection */
    const char *method, *path;
    ls_buf body;
    ls_body body_kind;      /* what its route may send (routes.c) */
    size_t body_limit;      /* the most it may send, in bytes */
    int too_large;          /* 1: over the limit, the rest is dropped; 2: answered */
    size_t dropped;         /* bytes of an oversized body read and dropped */
    ls_store *store;        /* this request's connection to the store */
    const ls_user *user;    /* who signed in, or NULL (in 'signed_in') */
    ls_user_list signed_in; /* the session's or token's user: one, or none */
    ls_role role;
    int by_token;           /* signed in with an API token (no CSRF needed) */
    char version[64];       /* the data version the caches use ("": unknown) */
    char params[LS_MAX_PARAMS][64]; /* :id parts of the route */
    ls_field fields[LS_MAX_FIELDS];
    size_t nfields;
    int parsed;
    /* the response */
    int status;
    const char *type;
    ls_buf out;
    char *headers[LS_MAX_HEADERS][2];
    size_t nheaders;
} ls_req;

/* ---- request (http.c) ---- */

/* A query argument, a request header or a cookie; NULL if absent. */
const char *ls_req_query(ls_req *r, const char *name);
const char *ls_req_header(ls_req *r, const char *name);
const char *ls_req_cookie(ls_req *r, const char *name);
/* A field of the form body (urlencoded or multipart), parsed on first use;
 * NULL if absent. ls_req_file gives a file field's bytes and length. */
const char *ls_req_form(ls_req *r, const char *name);
const ls_field *ls_req_file(ls_req *r, const char *name);
/* The body parsed as a JSON object (new reference), or NULL. */
json_t *ls_req_json(ls_req *r);
/* A parameter by name from the form, else the JSON body, else the query. */
const char *ls_req_param(ls_req *r, json_t *json, const char *name);
/* True when the 'n' bytes at 's' are valid UTF-8 (what JSON and the store
 * hold). */
int ls_utf8_valid(const char *s, size_t n);

/* ---- response (http.c) ---- */

void ls_res_header(ls_req *r, const char *name, const char *value);
/* One field of a small JSON answer (ls_res_fields): a text (NULL: null),
 * an integer or a boolean. */
typedef enum { LS_REPLY_TEXT, LS_REPLY_INT, LS_REPLY_BOOL } ls_reply_type;
typedef struct {
    const char *key;
    ls_reply_type type;
    const char *text;
    long long num;
} ls_reply_field;
#define LS_RT(key, text) {(key), LS_REPLY_TEXT, (text), 0}
#define LS_RI(key, num) {(key), LS_REPLY_INT, NULL, (long long)(num)}
#define LS_RB(key, yes) {(key), LS_REPLY_BOOL, NULL, (yes) ? 1 : 0}
/* A JSON object of the 'n' fields 'f', in their order, with 'status'
 * ({"name":"发改委","removed":true}); inside an object named 'wrap' when
 * it is not NULL ({"error":{"code":…,"message":…}}). */
void ls_res_fields(ls_req *r, int status, const char *wrap, const ls_reply_field *f, size_t n);
#define LS_RES_FIELDS(r, status, wrap, ...)                                                     \
    ls_res_fields((r), (status), (wrap), (const ls_reply_field[]){__VA_ARGS__},                 \
                  sizeof((const ls_reply_field[]){__VA_ARGS__}) / sizeof(ls_reply_field))
/* The 'n' records of 'd' at 'at' as a JSON array, with 'status'. */
void ls_res_records(ls_req *r, int status, const ls_rec_desc *d, const void *at, size_t n);
/* The record 'rec' of 'd' as a JSON object, with 'status'. */
void ls_res_record(ls_req *r, int status, const ls_rec_desc *d, const void *rec);
/* The status of a ledger (ls_status_json) with 200. */
void ls_res_status(ls_req *r, const char *as_of, const ls_pace_totals *totals,
                   const ls_item_list *items);
/* {"error": {"code", "message"}} with 'status'. */
void ls_res_error(ls_req *r, int status, const char *code, const char *message);
/* The error of a failed store call, with the HTTP status it maps to. */
void ls_res_store_error(ls_req *r, ls_status st, const ls_error *err);
/* A 303 redirect to 'location'. */
void ls_res_redirect(ls_req *r, const char *location);
/* Appends 's' HTML-escaped to the response body. */
void ls_res_text(ls_req *r, const char *s);
/* Appends 's' percent-encoded, for a query value in a link. */
void ls_res_url(ls_req *r, const char *s);
void ls_res_textn(ls_req *r, const char *s, size_t n);

/* ---- routes (routes.c) ---- */

/* Answers 'r' (status, body) from the route table. */
void ls_route(ls_req *r);

/* Checks 'r' once its headers are in (the user is known, no body read):
 * 0 when it is answered already (unknown path or method, too low a role),
 * else 1 with r->body_kind and r->body_limit set from its route. */
int ls_route_admit(ls_req *r);

/* ---- handlers ---- */

typedef void (*ls_handler)(ls_req *r);

/* The user's role as a number (ROLE_*). */
ls_role ls_role_of(const char *name);

#endif
