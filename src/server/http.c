/*
 * http.c — reading a request's body (urlencoded and multipart forms, JSON)
 * and building the response (JSON, errors, redirects, escaped HTML text,
 * headers). Limits are enforced before a body reaches here (server.c);
 * a malformed body gives no fields, never a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "escape.h"
#include "input.h"
#include "record.h"
#include "records.h"
#include "server.h"

static char *dup_n(const char *s, size_t n)
{
    char *d = ls_malloc(n + 1);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static int hex(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Percent-decodes [s, s+n) of a form ('+' is a space) into a new string. */
static char *form_decode(const char *s, size_t n, size_t *len)
{
    char *d = ls_malloc(n + 1);
    size_t i, k = 0;

    if (!d)
        return NULL;
    for (i = 0; i < n; i++) {
        if (s[i] == '+') {
            d[k++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            d[k++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            d[k++] = s[i];
        }
    }
    d[k] = '\0';
    *len = k;
    return d;
}

static void add_field(ls_req *r, char *name, char *value, size_t len, char *filename)
{
    if (!name || !value || r->nfields == LS_MAX_FIELDS) {
        ls_free(name);
        ls_free(value);
        ls_free(filename);
        return;
    }
    r->fields[r->nfields].name = name;
    r->fields[r->nfields].value = value;
    r->fields[r->nfields].len = len;
    r->fields[r->nfields].filename = filename;
    r->nfields++;
}

static void parse_urlencoded(ls_req *r)
{
    const char *s = r->body.data, *end = s + r->body.len;
    size_t nlen, vlen;

    while (s && s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s)), *stop = amp ? amp : end;
        const char *eq = memchr(s, '=', (size_t)(stop - s));
        if (eq) {
            /* decoded first: the value's length is known only after */
            char *name = form_decode(s, (size_t)(eq - s), &nlen);
            char *value = form_decode(eq + 1, (size_t)(stop - eq - 1), &vlen);
            add_field(r, name, value, value ? vlen : 0, NULL);
        }
        s = stop + 1;
    }
}

/* The value of 'key="…"' in a header line [s, end), or NULL. */
static char *header_param(const char *s, const char *end, const char *key)
{
    size_t k = strlen(key);
    const char *p;

    for (p = s; p + k + 2 <= end; p++)
        if (memcmp(p, key, k) == 0 && p[k] == '=' && p[k + 1] == '"' &&
            (p == s || p[-1] == ' ' || p[-1] == ';')) {
            const char *v = p + k + 2, *q = memchr(v, '"', (size_t)(end - v));
            return q ? dup_n(v, (size_t)(q - v)) : NULL;
        }
    return NULL;
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    size_t i;

    for (i = 0; m && i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

/* multipart/form-data: parts separated by "--boundary", each with headers
 * (Content-Disposition: form-data; name="…"; filename="…"), a blank line
 * and the data. */
static void parse_multipart(ls_req *r, const char *type)
{
    const char *b = strstr(type, "boundary=");
    char delim[120];
    size_t dlen, n = r->body.len;
    const char *s = r->body.data, *end = s + n, *part;

    if (!b)
        return;
    b += 9;
    if (*b == '"')
        b++;
    dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%.*s", (int)strcspn(b, "\";"), b);
    if (dlen >= sizeof delim)
        return;
    /* the first delimiter has no CRLF before it */
    part = find(s, n, delim + 2, dlen - 2);
    while (part) {
        const char *head = part + dlen - 2, *body, *next;
        if (head + 2 > end || memcmp(head, "--", 2) == 0)
            break;
        head += 2; /* CRLF after the delimiter */
        body = find(head, (size_t)(end - head), "\r\n\r\n", 4);
        if (!body)
            break;
        next = find(body + 4, (size_t)(end - body - 4), delim, dlen);
        if (!next)
            break;
        add_field(r, header_param(head, body, "name"), dup_n(body + 4, (size_t)(next - body - 4)),
                  (size_t)(next - body - 4), header_param(head, body, "filename"));
        part = next + 2;
    }
}

static void parse_form(ls_req *r)
{
    const char *type = ls_req_header(r, "Content-Type");

    if (r->parsed)
        return;
    r->parsed = 1;
    if (!type || !r->body.data)
        return;
    if (strncmp(type, "application/x-www-form-urlencoded", 33) == 0)
        parse_urlencoded(r);
    else if (strncmp(type, "multipart/form-data", 19) == 0)
        parse_multipart(r, type);
}

const char *ls_req_form(ls_req *r, const char *name)
{
    size_t i;

    parse_form(r);
    for (i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, name) == 0)
            return r->fields[i].value;
    return NULL;
}

const ls_field *ls_req_file(ls_req *r, const char *name)
{
    size_t i;

    parse_form(r);
    for (i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, name) == 0)
            return &r->fields[i];
    return NULL;
}

json_t *ls_req_json(ls_req *r)
{
    const char *type = ls_req_header(r, "Content-Type");
    json_t *j;

    if (!type || strncmp(type, "application/json", 16) != 0 || !r->body.data)
        return NULL;
    j = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, NULL);
    if (j && !json_is_object(j)) {
        json_decref(j);
        return NULL;
    }
    return j;
}

const char *ls_req_param(ls_req *r, json_t *json, const char *name)
{
    const char *v = ls_req_form(r, name);
    json_t *j;

    if (v)
        return v;
    j = json ? json_object_get(json, name) : NULL;
    if (json_is_string(j))
        return json_string_value(j);
    return ls_req_query(r, name);
}

void ls_res_header(ls_req *r, const char *name, const char *value)
{
    if (r->nheaders == LS_MAX_HEADERS)
        return;
    r->headers[r->nheaders][0] = dup_n(name, strlen(name));
    r->headers[r->nheaders][1] = dup_n(value, strlen(value));
    if (r->headers[r->nheaders][0] && r->headers[r->nheaders][1])
        r->nheaders++;
    else {
        ls_free(r->headers[r->nheaders][0]);
        ls_free(r->headers[r->nheaders][1]);
    }
}

/* Starts a JSON answer with 'status' in a writer over the body. */
static void json_begin(ls_req *r, int status, ls_jw *w)
{
    r->status = status;
    r->type = "application/json; charset=utf-8";
    ls_buf_release(&r->out);
    ls_jw_init(w, NULL, NULL, 0);
}

/* Ends it: the writer's text becomes the body. */
static void json_end(ls_req *r, ls_jw *w)
{
    if (!ls_jw_finish(w))
        w->out.failed = 1;
    r->out = w->out;
}

void ls_res_fields(ls_req *r, int status, const char *wrap, const ls_reply_field *f, size_t n)
{
    ls_jw w;
    size_t i;

    json_begin(r, status, &w);
    ls_jw_object(&w);
    if (wrap) {
        ls_jw_key(&w, wrap);
        ls_jw_object(&w);
    }
    for (i = 0; i < n; i++) {
        ls_jw_key(&w, f[i].key);
        if (f[i].type == LS_REPLY_INT)
            ls_jw_int(&w, f[i].num);
        else if (f[i].type == LS_REPLY_BOOL)
            ls_jw_bool(&w, (int)f[i].num);
        else
            ls_jw_str(&w, f[i].text);
    }
    if (wrap)
        ls_jw_end(&w);
    ls_jw_end(&w);
    json_end(r, &w);
}

void ls_res_records(ls_req *r, int status, const ls_rec_desc *d, const void *at, size_t n)
{
    ls_jw w;

    json_begin(r, status, &w);
    ls_rec_json_array(&w, d, at, n);
    json_end(r, &w);
}

void ls_res_record(ls_req *r, int status, const ls_rec_desc *d, const void *rec)
{
    ls_jw w;

    json_begin(r, status, &w);
    ls_rec_json(&w, d, rec);
    json_end(r, &w);
}

void ls_res_status(ls_req *r, const char *as_of, const ls_pace_totals *totals,
                   const ls_item_list *items)
{
    ls_jw w;

    json_begin(r, 200, &w);
    ls_status_json(&w, as_of, totals, items);
    json_end(r, &w);
}

/* Length of the UTF-8 character at 's' (at most 'n' bytes), or 0 when
 * it is not one: no overlong forms, surrogates or code points past
 * U+10FFFF (RFC 3629). */
static size_t utf8_char(const unsigned char *s, size_t n)
{
    size_t len, i;
    unsigned long cp;

    if (s[0] < 0x80)
        return 1;
    len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || len > n || s[0] > 0xF4)
        return 0;
    cp = s[0] & (0x7F >> len);
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

int ls_utf8_valid(const char *s, size_t n)
{
    return ls_utf8_valid_prefix(s, n) == n;
}

void ls_res_error(ls_req *r, int status, const char *code, const char *message)
{
    char clean[LS_ERROR_MESSAGE_SIZE * 2];
    const unsigned char *p = (const unsigned char *)(message ? message : "");
    size_t n = strlen((const char *)p), i = 0, k = 0, c;

    /* a message may quote what the client sent, or be cut inside a
     * character (ls_error holds 256 bytes): JSON needs valid UTF-8 */
    while (i < n && k + 4 < sizeof clean) {
        c = utf8_char(p + i, n - i);
        if (c == 0) {
            clean[k++] = '?';
            i++;
            continue;
        }
        memcpy(clean + k, p + i, c);
        k += c;
        i += c;
    }
    clean[k] = '\0';
    LS_RES_FIELDS(r, status, "error", LS_RT("code", code), LS_RT("message", clean));
}

void ls_res_store_error(ls_req *r, ls_status st, const ls_error *err)
{
    const char *msg = err && err->message[0] ? err->message : ls_status_str(st);

    switch (st) {
    case LS_EINVAL:
    case LS_EUTF8:
    case LS_EBINARY: ls_res_error(r, 400, "invalid", msg); break;
    case LS_ENOTFOUND: ls_res_error(r, 404, "not_found", msg); break;
    case LS_EEXIST: ls_res_error(r, 409, "exists", msg); break;
    case LS_ELIMIT: ls_res_error(r, 413, "too_large", msg); break;
    case LS_EBUSY:
        ls_res_error(r, 503, "busy", msg);
        ls_res_header(r, "Retry-After", "1");
        break;
    default: ls_res_error(r, 500, "store", msg);
    }
}

void ls_res_redirect(ls_req *r, const char *location)
{
    r->status = 303;
    r->type = "text/plain; charset=utf-8";
    ls_res_header(r, "Location", location);
}

void ls_res_textn(ls_req *r, const char *s, size_t n)
{
    ls_escape_html(&r->out, s, n);
}

void ls_res_url(ls_req *r, const char *s)
{
    if (s)
        ls_escape_url(&r->out, s, strlen(s));
}

void ls_res_text(ls_req *r, const char *s)
{
    if (s)
        ls_res_textn(r, s, strlen(s));
}

ls_role ls_role_of(const char *name)
{
    if (!name)
        return ROLE_NONE;
    return strcmp(name, "admin") == 0    ? ROLE_ADMIN
           : strcmp(name, "unit") == 0   ? ROLE_UNIT
           : strcmp(name, "viewer") == 0 ? ROLE_VIEWER
                                         : ROLE_NONE;
}
