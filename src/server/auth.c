/*
 * auth.c — signing in and out: the login page and form, the JSON login of
 * scripts, logout, and the current user. A session is a random token in
 * an HttpOnly, SameSite=Strict cookie; the store keeps only its hash, its
 * CSRF token and its expiry (ls_store_login). A failed sign-in says the
 * same thing for an unknown name and a wrong password.
 *
 * Password guessing is refused (429, Retry-After) before any password is
 * hashed: an address that failed LOGIN_ADDRESS_FAILS times within
 * LS_LOGIN_WINDOW seconds waits for the end of that window, and so does a
 * name that failed LOGIN_NAME_FAILS times, from every address that failed
 * for it; from another address its right password still signs in and
 * clears the name's count (throttle.c keeps the counts).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "handlers.h"

const char *ls_csrf(ls_req *r)
{
    const char *c = r->user ? r->user->csrf : NULL;

    return c ? c : "";
}

#define LOGIN_NAME_FAILS 10u
#define LOGIN_ADDRESS_FAILS 100u
#define FULL_WAIT 60L
#define LOGIN_FORM_SECONDS 3600LL

/* The three keys a sign-in is counted under: its name, its address, and
 * the name from that address. */
typedef struct {
    ls_buf name, address, pair;
} login_keys;

static void keys_of(ls_req *r, const char *name, login_keys *k)
{
    char client[64];

    ls_req_client(r, client, sizeof client);
    ls_buf_init(&k->name);
    ls_buf_init(&k->address);
    ls_buf_init(&k->pair);
    ls_buf_printf(&k->name, "n:%s", name ? name : "");
    ls_buf_printf(&k->address, "a:%s", client);
    ls_buf_printf(&k->pair, "p:%s\n%s", client, name ? name : "");
}

static void keys_release(login_keys *k)
{
    ls_buf_release(&k->name);
    ls_buf_release(&k->address);
    ls_buf_release(&k->pair);
}

/* Seconds to wait before a sign-in of 'k' is tried, 0 to go on; a wait
 * also sets Retry-After. Refused: an address over its own limit; a name
 * over its limit from an address that has failed for it already (from any
 * other address the password is checked, so guessers cannot lock a user
 * out); everyone while the table is full (throttle.c). */
static long login_wait(ls_req *r, const login_keys *k)
{
    ls_throttle *t = ls_server_logins(r->srv);
    time_t now = time(NULL);
    long wait = 0, left = 0;
    char retry[32];

    if (k->name.failed || k->address.failed || k->pair.failed || ls_throttle_full(t, now))
        wait = FULL_WAIT;
    else if (ls_throttle_count(t, k->address.data, now, &left) >= LOGIN_ADDRESS_FAILS)
        wait = left;
    else if (ls_throttle_count(t, k->name.data, now, &left) >= LOGIN_NAME_FAILS &&
             ls_throttle_count(t, k->pair.data, now, NULL) > 0)
        wait = left;
    if (wait > 0) {
        snprintf(retry, sizeof retry, "%ld", wait);
        ls_res_header(r, "Retry-After", retry);
    }
    return wait;
}

/* Counts the outcome 'st' of a sign-in of 'k': a right password clears the
 * name's counts (not the address's); a wrong one counts under all three. */
static void login_counted(ls_req *r, const login_keys *k, ls_status st)
{
    ls_throttle *t = ls_server_logins(r->srv);
    time_t now = time(NULL);

    if (st == LS_OK) {
        ls_throttle_clear(t, k->name.data);
        ls_throttle_clear(t, k->pair.data);
    } else if (st == LS_EINVAL) {
        ls_throttle_fail(t, k->name.data, now);
        ls_throttle_fail(t, k->address.data, now);
        ls_throttle_fail(t, k->pair.data, now);
    }
}

/* Sets cookie 'name' to 'value' for 'path', lasting 'seconds' (0 ends
 * it): HttpOnly, SameSite=Strict, and Secure when the server is told it
 * is reached over TLS. */
static void set_cookie(ls_req *r, const char *name, const char *value, const char *path,
                       long long seconds)
{
    char cookie[256];

    snprintf(cookie, sizeof cookie, "%s=%s; Path=%s; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
             name, value, path, seconds, ls_server_secure_cookies(r->srv) ? "; Secure" : "");
    ls_res_header(r, "Set-Cookie", cookie);
}

static void set_session_cookie(ls_req *r, const char *token, long long seconds)
{
    set_cookie(r, "luoshi_session", token, "/", seconds);
}

/* The sign-in form, with a fresh sign-in CSRF token: the same random value
 * in a hidden field and in a cookie only this site's pages can send
 * (SameSite=Strict), so a form on another site cannot sign a browser in. */
static void login_form(ls_req *r, const char *name, const char *message)
{
    unsigned char raw[32];
    char token[2 * sizeof raw + 1];

    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, sizeof token, raw, sizeof raw);
    set_cookie(r, "luoshi_login", token, "/login", LOGIN_FORM_SECONDS);
    ls_page_begin(r, "登录");
    ls_buf_puts(&r->out, "<section class=\"login\"><h1>落实 · 政府工作报告任务台账</h1>");
    if (message) {
        ls_buf_puts(&r->out, "<p class=\"error\" role=\"alert\">");
        ls_res_text(r, message);
        ls_buf_puts(&r->out, "</p>");
    }
    ls_buf_puts(&r->out, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" "
                         "name=\"login_csrf\" value=\"");
    ls_res_text(r, token);
    ls_buf_puts(&r->out, "\"><label>用户名 <input "
                         "name=\"name\" autocomplete=\"username\" required value=\"");
    ls_res_text(r, name ? name : "");
    ls_buf_puts(&r->out, "\"></label><label>密码 <input name=\"password\" type=\"password\" "
                         "autocomplete=\"current-password\" required></label>"
                         "<button type=\"submit\">登录</button></form></section>");
    ls_page_end(r);
}

/* True when the sign-in form's token matches its cookie. */
static int login_token_ok(ls_req *r)
{
    const char *form = ls_req_form(r, "login_csrf"), *cookie = ls_req_cookie(r, "luoshi_login");

    return form && cookie && strlen(cookie) == 64 && strlen(form) == strlen(cookie) &&
           sodium_memcmp(form, cookie, strlen(cookie)) == 0;
}

void h_login_page(ls_req *r)
{
    if (r->user) {
        ls_res_redirect(r, "/");
        return;
    }
    login_form(r, NULL, NULL);
}

void h_login(ls_req *r)
{
    const char *name = ls_req_form(r, "name"), *password = ls_req_form(r, "password");
    long long seconds = ls_server_session_seconds(r->srv);
    ls_session session;
    ls_error err;
    login_keys keys;
    long wait;
    ls_status st;
    char msg[96];

    keys_of(r, name, &keys);
    if (!login_token_ok(r)) {
        r->status = 403;
        login_form(r, name, "登录页面已过期，请重新登录");
        goto done;
    }
    if ((wait = login_wait(r, &keys)) > 0) {
        snprintf(msg, sizeof msg, "登录失败次数过多，请 %ld 分钟后再试", (wait + 59) / 60);
        r->status = 429;
        login_form(r, name, msg);
        goto done;
    }
    st = ls_store_login(r->store, name ? name : "", password ? password : "", seconds, &session,
                        &err);
    login_counted(r, &keys, st);
    if (st == LS_EINVAL) {
        r->status = 401;
        login_form(r, name, "用户名或密码错误");
    } else if (st != LS_OK) {
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
    } else {
        set_cookie(r, "luoshi_login", "", "/login", 0);
        set_session_cookie(r, session.token, seconds);
        ls_res_redirect(r, "/");
    }
done:
    keys_release(&keys);
}

void h_logout(ls_req *r)
{
    ls_error err;

    ls_store_logout(r->store, ls_req_cookie(r, "luoshi_session"), &err);
    set_session_cookie(r, "", 0);
    ls_res_redirect(r, "/login");
}

void h_api_login(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *name = ls_req_param(r, body, "name");
    /* the password from the body only: a query is written to logs */
    const char *password = ls_req_form(r, "password");
    long long seconds = ls_server_session_seconds(r->srv);
    ls_session session;
    ls_error err;
    login_keys keys;
    ls_status st;

    if (!password)
        password = json_string_value(json_object_get(body, "password"));
    keys_of(r, name, &keys);
    if (login_wait(r, &keys) > 0) {
        ls_res_error(r, 429, "too_many_attempts",
                     "too many failed sign-ins: try again after Retry-After seconds");
        goto done;
    }
    st = ls_store_login(r->store, name ? name : "", password ? password : "", seconds, &session,
                        &err);
    login_counted(r, &keys, st);
    if (st == LS_EINVAL) {
        ls_res_error(r, 401, "unauthenticated", "wrong name or password");
    } else if (st != LS_OK) {
        ls_res_store_error(r, st, &err);
    } else {
        set_session_cookie(r, session.token, seconds);
        LS_RES_FIELDS(r, 200, NULL, LS_RT("name", name), LS_RT("csrf", session.csrf));
    }
done:
    keys_release(&keys);
    json_decref(body);
}

void h_api_logout(ls_req *r)
{
    ls_error err;

    ls_store_logout(r->store, ls_req_cookie(r, "luoshi_session"), &err);
    set_session_cookie(r, "", 0);
    LS_RES_FIELDS(r, 200, NULL, LS_RB("ok", 1));
}

void h_api_me(ls_req *r)
{
    /* a token's user has no CSRF token to show */
    ls_res_record(r, 200, r->by_token ? &ls_token_user_desc : &ls_session_user_desc, r->user);
}
