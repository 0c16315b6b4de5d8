/*
 * users.c — accounts of the web app: users with a role (admin,
 * unit, viewer) and a password kept as an argon2id string; login sessions
 * with a CSRF token; API tokens for scripts. Tokens are 32 random bytes
 * (libsodium), handed out once in hex and stored only as their SHA-256, so
 * a copy of the store does not let anyone in. A session ends when it
 * expires or at logout (kept, marked ended: nothing is deleted).
 */
#define _POSIX_C_SOURCE 200809L
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "store.h"

#define TOKEN_BYTES 32

/* A new random token in hex ('hex' holds LS_TOKEN_SIZE bytes). */
static void random_token(char hex[LS_TOKEN_SIZE])
{
    unsigned char raw[TOKEN_BYTES];

    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, LS_TOKEN_SIZE, raw, sizeof raw);
}

static void token_sha256(const char *token, char hex[LS_TOKEN_SIZE])
{
    unsigned char digest[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(hex, LS_TOKEN_SIZE, digest, sizeof digest);
}

static int valid_role(const char *role)
{
    return role &&
           (strcmp(role, "admin") == 0 || strcmp(role, "unit") == 0 || strcmp(role, "viewer") == 0);
}

ls_status ls_store_user_add(ls_store *store, const char *name, const char *role, const char *unit,
                            const char *password, ls_error *err)
{
    char hash[crypto_pwhash_STRBYTES], now[LS_NOW_SIZE];
    long long unit_id = 0, id = 0;
    ls_status st;

    if (!name || !*name || strlen(name) > 100)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a user needs a name (1-100 bytes)");
    if (!valid_role(role))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "role '%s' is not admin, unit or viewer", role ? role : "");
    if (strcmp(role, "unit") == 0 && (!unit || !*unit))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a unit user needs --unit");
    if (!password || strlen(password) < 8)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "a password needs at least 8 characters");
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return ls_error_nomem(err);
    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    if (unit && strcmp(role, "unit") == 0)
        LS_CHECK(ls_store_unit_id(store, unit, &unit_id, err));
    {
        ls_db_value q[1] = {LS_PT(name)};
        LS_CHECK(ls_db_query_id(store->db, "SELECT id FROM users WHERE name = ?", q, 1, &id, err));
        if (id)
            LS_CHECK(
                ls_error_set(err, LS_EEXIST, LS_NO_OFFSET, 0, "user '%s' exists already", name));
    }
    {
        ls_db_value p[5] = {LS_PT(name), LS_PT(role), unit_id ? LS_PI(unit_id) : LS_PN, LS_PT(hash),
                            LS_PT(now)};
        LS_CHECK(
            ls_db_query_id(store->db,
                           "INSERT INTO users (name, role, unit_id, password_hash, created_at) "
                           "VALUES (?, ?, ?, ?, ?) RETURNING id",
                           p, 5, &id, err));
    }
    LS_CHECK(ls_store_log(store, "add", "user", id, 0, "role", NULL, role, err));
done:
    sodium_memzero(hash, sizeof hash);
    return ls_store_finish(store, st, err);
}

/* The users that 'sql' (with its 'n' parameters 'p') selects, with the
 * columns of USER_COLUMNS and then, if 'extra' names one, disabled_at or
 * csrf (then also the session's expires_at), into 'out'. */
static void user_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *m, void *ctx)
{
    const char *extra = ctx;
    ls_user *u = rec;
    const char *more = extra ? ls_mem_str(m, ls_db_text(rows, i, 4)) : NULL;

    u->id = ls_db_int(rows, i, 0);
    u->name = ls_mem_str(m, ls_db_text(rows, i, 1));
    u->role = ls_mem_str(m, ls_db_text(rows, i, 2));
    u->unit = ls_mem_str(m, ls_db_text(rows, i, 3));
    if (extra && strcmp(extra, "csrf") == 0) {
        u->csrf = more;
        u->expires_at = ls_mem_str(m, ls_db_text(rows, i, 5));
    } else {
        u->disabled_at = more;
    }
}

static ls_status user_list(ls_store *store, const char *sql, const ls_db_value *p, size_t n,
                           const char *extra, ls_user_list *out, ls_error *err)
{
    void *at;
    ls_status st = ls_store_read_list(store, sql, p, n, sizeof *out->at, user_row, (void *)extra,
                                      &at, &out->n, &out->mem, err);

    out->at = at;
    return st;
}

/* The columns of a user, for the queries below. */
#define USER_COLUMNS "SELECT u.id, u.name, u.role, n.name"

ls_status ls_store_login(ls_store *store, const char *name, const char *password,
                         long long lifetime_seconds, ls_session *session, ls_error *err)
{
    ls_db_value p[1] = {LS_PT(name)};
    ls_db_rows rows = {0};
    char now[LS_NOW_SIZE], expires[LS_NOW_SIZE], sha[LS_TOKEN_SIZE];
    time_t t = time(NULL) + (time_t)lifetime_seconds;
    struct tm tm;
    long long user = 0;
    int ok = 0, writing = 0; /* from ls_db_begin on, done: ends with ls_store_finish */
    ls_status st;

    memset(session, 0, sizeof *session);
    LS_CHECK(ls_db_query(
        store->db, "SELECT id, password_hash FROM users WHERE name = ? AND disabled_at IS NULL", p,
        1, &rows, err));
    if (rows.nrows == 1) {
        user = ls_db_int(&rows, 0, 0);
        ok = crypto_pwhash_str_verify(ls_db_text(&rows, 0, 1), password ? password : "",
                                      password ? strlen(password) : 0) == 0;
    } else {
        /* spend the same time on an unknown name as on a wrong password */
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            LS_CHECK(ls_error_nomem(err));
    }
    if (!ok)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "wrong name or password"));
    ls_store_now(now);
    gmtime_r(&t, &tm);
    strftime(expires, sizeof expires, "%Y-%m-%dT%H:%M:%SZ", &tm);
    random_token(session->token);
    random_token(session->csrf);
    token_sha256(session->token, sha);
    writing = 1;
    LS_CHECK(ls_db_begin(store->db, err));
    {
        ls_db_value q[5] = {LS_PT(sha), LS_PI(user), LS_PT(session->csrf), LS_PT(now),
                            LS_PT(expires)};
        LS_CHECK(ls_db_exec(store->db,
                            "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, "
                            "expires_at) VALUES (?, ?, ?, ?, ?)",
                            q, 5, err));
    }
    LS_CHECK(ls_store_log(store, "login", "user", user, 0, NULL, NULL, NULL, err));
done:
    ls_db_rows_free(&rows);
    if (writing)
        st = ls_store_finish(store, st, err);
    if (st != LS_OK)
        memset(session, 0, sizeof *session);
    return st;
}

ls_status ls_store_session_user(ls_store *store, const char *token, ls_user_list *user,
                                ls_error *err)
{
    char sha[LS_TOKEN_SIZE], now[LS_NOW_SIZE];

    memset(user, 0, sizeof *user);
    if (!token || strlen(token) != LS_TOKEN_SIZE - 1)
        return LS_OK;
    token_sha256(token, sha);
    ls_store_now(now);
    return user_list(store,
                     USER_COLUMNS ", s.csrf_token, s.expires_at FROM sessions s JOIN users u ON "
                                  "u.id = s.user_id LEFT JOIN units n ON n.id = u.unit_id "
                                  "WHERE s.token_sha256 = ? AND s.ended_at IS NULL AND "
                                  "s.expires_at > ? AND u.disabled_at IS NULL",
                     (ls_db_value[2]){LS_PT(sha), LS_PT(now)}, 2, "csrf", user, err);
}

ls_status ls_store_logout(ls_store *store, const char *token, ls_error *err)
{
    char sha[LS_TOKEN_SIZE], now[LS_NOW_SIZE];
    long long user = 0;
    ls_status st;

    if (!token)
        return LS_OK;
    token_sha256(token, sha);
    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_query_id(store->db,
                            "SELECT user_id FROM sessions WHERE token_sha256 = ? AND "
                            "ended_at IS NULL",
                            (ls_db_value[1]){LS_PT(sha)}, 1, &user, err));
    if (user) {
        LS_CHECK(ls_db_exec(store->db,
                            "UPDATE sessions SET ended_at = ? WHERE token_sha256 = ? AND "
                            "ended_at IS NULL",
                            (ls_db_value[2]){LS_PT(now), LS_PT(sha)}, 2, err));
        LS_CHECK(ls_store_log(store, "logout", "user", user, 0, NULL, NULL, NULL, err));
    }
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_store_token_new(ls_store *store, const char *user, const char *name,
                             char token[LS_TOKEN_SIZE], ls_error *err)
{
    char sha[LS_TOKEN_SIZE], now[LS_NOW_SIZE];
    long long id = 0;
    ls_status st;

    token[0] = '\0';
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_query_id(store->db,
                            "SELECT id FROM users WHERE name = ? AND disabled_at IS NULL",
                            (ls_db_value[1]){LS_PT(user)}, 1, &id, err));
    if (!id)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no user named '%s'", user));
    random_token(token);
    token_sha256(token, sha);
    ls_store_now(now);
    LS_CHECK(ls_db_exec(
        store->db,
        "INSERT INTO api_tokens (token_sha256, user_id, name, created_at) "
        "VALUES (?, ?, ?, ?)",
        (ls_db_value[4]){LS_PT(sha), LS_PI(id), LS_PT(name ? name : "api"), LS_PT(now)}, 4, err));
    LS_CHECK(
        ls_store_log(store, "add", "api_token", id, 0, "name", NULL, name ? name : "api", err));
done:
    st = ls_store_finish(store, st, err);
    if (st != LS_OK)
        token[0] = '\0';
    return st;
}

ls_status ls_store_token_user(ls_store *store, const char *token, ls_user_list *user,
                              ls_error *err)
{
    char sha[LS_TOKEN_SIZE];

    memset(user, 0, sizeof *user);
    if (!token || strlen(token) != LS_TOKEN_SIZE - 1)
        return LS_OK;
    token_sha256(token, sha);
    return user_list(store,
                     USER_COLUMNS " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                  "LEFT JOIN units n ON n.id = u.unit_id WHERE "
                                  "t.token_sha256 = ? AND t.revoked_at IS NULL AND "
                                  "u.disabled_at IS NULL",
                     (ls_db_value[1]){LS_PT(sha)}, 1, NULL, user, err);
}

ls_status ls_store_token_revoke(ls_store *store, const char *token, ls_error *err)
{
    char sha[LS_TOKEN_SIZE], now[LS_NOW_SIZE];
    long long user = 0;
    ls_status st;

    if (!token || strlen(token) != LS_TOKEN_SIZE - 1)
        return ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no such API token");
    token_sha256(token, sha);
    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_query_id(store->db,
                            "SELECT user_id FROM api_tokens WHERE token_sha256 = ? AND "
                            "revoked_at IS NULL",
                            (ls_db_value[1]){LS_PT(sha)}, 1, &user, err));
    if (!user)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no such API token"));
    LS_CHECK(ls_db_exec(store->db, "UPDATE api_tokens SET revoked_at = ? WHERE token_sha256 = ?",
                        (ls_db_value[2]){LS_PT(now), LS_PT(sha)}, 2, err));
    LS_CHECK(ls_store_log(store, "revoke", "api_token", user, 0, NULL, NULL, NULL, err));
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_store_users(ls_store *store, ls_user_list *out, ls_error *err)
{
    return user_list(store,
                     USER_COLUMNS ", u.disabled_at FROM users u LEFT JOIN units n ON "
                                  "n.id = u.unit_id ORDER BY u.name",
                     NULL, 0, "disabled_at", out, err);
}

/* With the transaction open: refuses to disable the last enabled admin. */
static ls_status keep_an_admin(ls_store *store, const char *role, ls_error *err)
{
    long long admins = 0;
    ls_status st;

    if (strcmp(role, "admin") != 0)
        return LS_OK;
    LS_CHECK(ls_db_query_id(
        store->db, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL", NULL,
        0, &admins, err));
    if (admins <= 1)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "the last enabled admin cannot be disabled"));
done:
    return st;
}

ls_status ls_store_user_set_enabled(ls_store *store, const char *name, int enabled,
                                    ls_error *err)
{
    char now[LS_NOW_SIZE], role[16] = "";
    ls_db_value p[1] = {LS_PT(name ? name : "")};
    long long id = 0;
    int was_enabled = 0;
    ls_db_rows rows = {0};
    ls_status st;

    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_query(store->db,
                         "SELECT id, role, CASE WHEN disabled_at IS NULL THEN 1 ELSE 0 END "
                         "FROM users WHERE name = ?",
                         p, 1, &rows, err));
    if (rows.nrows == 1) {
        id = ls_db_int(&rows, 0, 0);
        snprintf(role, sizeof role, "%s", ls_db_text(&rows, 0, 1));
        was_enabled = ls_db_int(&rows, 0, 2) != 0;
    }
    if (!id)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no user named '%s'", name));
    if (was_enabled == (enabled != 0)) /* nothing to change */
        goto done;
    if (!enabled)
        LS_CHECK(keep_an_admin(store, role, err));
    LS_CHECK(ls_db_exec(store->db, "UPDATE users SET disabled_at = ? WHERE id = ?",
                        (ls_db_value[2]){enabled ? LS_PN : LS_PT(now), LS_PI(id)}, 2, err));
    if (!enabled)
        LS_CHECK(ls_db_exec(
            store->db, "UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
            (ls_db_value[2]){LS_PT(now), LS_PI(id)}, 2, err));
    LS_CHECK(
        ls_store_log(store, enabled ? "enable" : "disable", "user", id, 0, NULL, NULL, NULL, err));
done:
    ls_db_rows_free(&rows);
    return ls_store_finish(store, st, err);
}
