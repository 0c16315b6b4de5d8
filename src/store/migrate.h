/*
 * migrate.h — numbered schema migrations, one set per SQL dialect,
 * embedded from src/store/sql/DIALECT/NNN_name.sql at build time.
 */
#ifndef LS_STORE_MIGRATE_H
#define LS_STORE_MIGRATE_H

#include "db.h"

typedef struct {
    int version;      /* NNN of the file name; 0 ends the table */
    const char *name; /* the file name without .sql */
    const char *sql;
} ls_migration;

extern const ls_migration ls_migrations_sqlite[];
extern const ls_migration ls_migrations_postgresql[];

/* Brings the schema of 'db' up to date: applies, in order, each migration
 * of its dialect not yet recorded in schema_migrations, each in its own
 * transaction. Fails (LS_EDB) on a store newer than this program. */
ls_status ls_migrate(ls_db *db, ls_error *err);

/* The newest migration this program knows for 'db''s dialect. */
int ls_migrate_latest(const ls_db *db);

#endif
