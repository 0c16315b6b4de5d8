/*
 * api_accounts.c — accounts in the JSON API (docs/api.md): the users of
 * the web app (GET and POST /api/v1/users, the office only) and API tokens
 * for scripts (POST /api/v1/tokens, POST /api/v1/tokens/revoke). Signing
 * in and out is auth.c. A password is read from the body only, never from
 * the query, which servers and proxies write to their logs; it is handed
 * to the store (argon2id) and never answered or logged.
 */
#include <string.h>

#include "handlers.h"

/* A field of the body only (form or JSON object), never of the query. */
static const char *body_param(ls_req *r, json_t *body, const char *name)
{
    const char *v = ls_req_form(r, name);
    json_t *j = body ? json_object_get(body, name) : NULL;

    return v ? v : json_string_value(j);
}

void h_api_users(ls_req *r)
{
    ls_user_list users;
    ls_error err;
    ls_status st = ls_store_users(r->store, &users, &err);

    ls_api_records(r, st, &err, &ls_user_desc, users.at, users.n);
    ls_mem_free(users.mem);
}

/* POST /api/v1/users {"name", "role", "unit"?, "password"}. */
void h_api_user_add(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *name = body_param(r, body, "name"), *role = body_param(r, body, "role");
    const char *unit = body_param(r, body, "unit"), *password = body_param(r, body, "password");
    ls_error err;
    ls_status st;

    if (unit && !*unit)
        unit = NULL;
    st = ls_store_user_add(r->store, name, role, unit, password, &err);
    if (st == LS_OK)
        LS_RES_FIELDS(r, 201, NULL, LS_RT("name", name), LS_RT("role", role),
                      LS_RT("unit", strcmp(role, "unit") == 0 ? unit : NULL));
    else
        ls_res_store_error(r, st, &err);
    json_decref(body);
}

/* POST /api/v1/users/disable and /enable {"name"}: staff who left, and
 * back. An admin cannot disable its own account. */
static void set_enabled(ls_req *r, int enabled)
{
    json_t *body = ls_req_json(r);
    const char *name = body_param(r, body, "name");
    const char *me = r->user->name;
    ls_error err;
    ls_status st;

    if (!name || !*name) {
        ls_res_error(r, 400, "invalid", "name the user");
    } else if (!enabled && me && strcmp(me, name) == 0) {
        ls_res_error(r, 400, "invalid", "you cannot disable your own account");
    } else {
        st = ls_store_user_set_enabled(r->store, name, enabled, &err);
        if (st == LS_OK)
            LS_RES_FIELDS(r, 200, NULL, LS_RT("name", name), LS_RB("enabled", enabled));
        else
            ls_res_store_error(r, st, &err);
    }
    json_decref(body);
}

void h_api_user_disable(ls_req *r)
{
    set_enabled(r, 0);
}

void h_api_user_enable(ls_req *r)
{
    set_enabled(r, 1);
}

/* POST /api/v1/tokens {"name"?}: a new API token for the signed-in user,
 * shown once. */
void h_api_token_new(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *label = body_param(r, body, "name");
    const char *user = r->user->name;
    char token[LS_TOKEN_SIZE];
    ls_error err;
    ls_status st;

    if (!label || !*label)
        label = "api";
    if (strlen(label) > 100) {
        json_decref(body);
        ls_res_error(r, 400, "invalid", "a token name has at most 100 bytes");
        return;
    }
    st = ls_store_token_new(r->store, user, label, token, &err);
    if (st == LS_OK)
        LS_RES_FIELDS(r, 201, NULL, LS_RT("token", token), LS_RT("name", label),
                      LS_RT("user", user));
    else
        ls_res_store_error(r, st, &err);
    json_decref(body);
}

/* POST /api/v1/tokens/revoke {"token"?}: revokes the token given, or the
 * one this request is signed in with. Holding a token is what allows
 * revoking it. */
void h_api_token_revoke(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *token = body_param(r, body, "token");
    const char *auth = ls_req_header(r, "Authorization");
    ls_error err;
    ls_status st;

    if ((!token || !*token) && r->by_token && auth && strncmp(auth, "Bearer ", 7) == 0)
        token = auth + 7;
    if (!token || !*token) {
        json_decref(body);
        ls_res_error(r, 400, "invalid", "give the token to revoke");
        return;
    }
    st = ls_store_token_revoke(r->store, token, &err);
    if (st == LS_OK)
        LS_RES_FIELDS(r, 200, NULL, LS_RB("revoked", 1));
    else
        ls_res_store_error(r, st, &err);
    json_decref(body);
}
