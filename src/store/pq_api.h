/*
 * pq_api.h — the functions of libpq that pg.c and watch.c call, in a table
 * filled on first use (lazylib.h): luoshi loads libpq, and what it pulls
 * in (Kerberos, LDAP, TLS), only when a store is a postgresql:// URL. It
 * says nothing of how the store uses them.
 */
#ifndef LS_STORE_PQ_API_H
#define LS_STORE_PQ_API_H

#include <libpq-fe.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_PQ_FUNCTIONS(X)                                                                    \
    X(PGconn *, PQconnectdb, (const char *))                                                  \
    X(ConnStatusType, PQstatus, (const PGconn *))                                             \
    X(char *, PQerrorMessage, (const PGconn *))                                               \
    X(void, PQfinish, (PGconn *))                                                             \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *, PQnoticeProcessor, void *))         \
    X(int, PQsetnonblocking, (PGconn *, int))                                                 \
    X(int, PQsocket, (const PGconn *))                                                        \
    X(PGresult *, PQexec, (PGconn *, const char *))                                           \
    X(PGresult *, PQprepare, (PGconn *, const char *, const char *, int, const Oid *))        \
    X(PGresult *, PQexecPrepared,                                                             \
      (PGconn *, const char *, int, const char *const *, const int *, const int *, int))     \
    X(int, PQsendQuery, (PGconn *, const char *))                                             \
    X(PGresult *, PQgetResult, (PGconn *))                                                    \
    X(int, PQconsumeInput, (PGconn *))                                                        \
    X(int, PQisBusy, (PGconn *))                                                              \
    X(int, PQflush, (PGconn *))                                                               \
    X(PGnotify *, PQnotifies, (PGconn *))                                                     \
    X(int, PQputCopyData, (PGconn *, const char *, int))                                      \
    X(int, PQputCopyEnd, (PGconn *, const char *))                                            \
    X(ExecStatusType, PQresultStatus, (const PGresult *))                                     \
    X(char *, PQresultErrorMessage, (const PGresult *))                                       \
    X(char *, PQresultErrorField, (const PGresult *, int))                                    \
    X(int, PQntuples, (const PGresult *))                                                     \
    X(int, PQnfields, (const PGresult *))                                                     \
    X(char *, PQfname, (const PGresult *, int))                                               \
    X(Oid, PQftype, (const PGresult *, int))                                                  \
    X(char *, PQgetvalue, (const PGresult *, int, int))                                       \
    X(int, PQgetisnull, (const PGresult *, int, int))                                         \
    X(void, PQclear, (PGresult *))                                                            \
    X(void, PQfreemem, (void *))                                                              \
    X(unsigned char *, PQunescapeBytea, (const unsigned char *, size_t *))

typedef struct {
    LS_PQ_FUNCTIONS(LS_LAZY_FIELD)
} ls_pq_api;

/* The table. Read it only after ls_pq_load succeeded (every connection
 * is made after it, so every call on one may use it). */
extern ls_pq_api ls_pq;

/* Loads libpq once; LS_OK, or LS_EDB with the reason in 'err'.
 * Safe from several threads. */
ls_status ls_pq_load(ls_error *err);

#endif
