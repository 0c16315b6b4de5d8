/*
 * migrate.c — applies the numbered migrations of migrate.h. The table
 * schema_migrations records each one applied (version, name, when), so a
 * store opened by a newer luoshi is upgraded once, in order (each migration
 * not yet recorded, whatever its number), and a store written by a newer
 * luoshi than this one is refused rather than damaged.
 */
#include <string.h>

#include "error.h"
#include "migrate.h"

static const ls_migration *migrations_of(const ls_db *db)
{
    if (strcmp(db->ops->dialect, "sqlite") == 0)
        return ls_migrations_sqlite;
    if (strcmp(db->ops->dialect, "postgresql") == 0)
        return ls_migrations_postgresql;
    return NULL;
}

int ls_migrate_latest(const ls_db *db)
{
    const ls_migration *m = migrations_of(db);
    int latest = 0;

    for (; m && m->sql; m++)
        latest = m->version;
    return latest;
}

/* Applies one migration and records it, in one transaction. */
static ls_status apply(ls_db *db, const ls_migration *m, ls_error *err)
{
    ls_db_value p[2] = {LS_PI(m->version), LS_PT(m->name)};
    ls_status st;

    LS_CHECK(ls_db_begin(db, err));
    LS_CHECK(db->ops->script(db, m->sql, err));
    LS_CHECK(ls_db_exec(db,
                        "INSERT INTO schema_migrations (version, name, applied_at) "
                        "VALUES (?, ?, CURRENT_TIMESTAMP)",
                        p, 2, err));
    LS_CHECK(ls_db_commit(db, err));
done:
    if (st != LS_OK)
        ls_db_rollback(db);
    return st;
}

ls_status ls_migrate(ls_db *db, ls_error *err)
{
    const ls_migration *m = migrations_of(db);
    long long current = 0;
    ls_status st;

    if (!m)
        return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "no migrations for %s",
                            db->ops->dialect);
    LS_CHECK(
        ls_db_exec(db,
                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                   NULL, 0, err));
    LS_CHECK(ls_db_query_id(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL, 0,
                            &current, err));
    if (current > ls_migrate_latest(db))
        LS_CHECK(ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0,
                              "the store has schema version %lld, newer than this luoshi (%d)",
                              current, ls_migrate_latest(db)));
    /* each one not recorded, not only those past the newest: branches merge
     * their numbers (a store that has 008 still gets 006 and 007) */
    for (; m->sql; m++) {
        ls_db_value p[1] = {LS_PI(m->version)};
        long long applied = 0;
        LS_CHECK(ls_db_query_id(db, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", p,
                                1, &applied, err));
        if (!applied)
            LS_CHECK(apply(db, m, err));
    }
done:
    return st;
}
