/*
 * mhd_api.h — the functions of libmicrohttpd that server.c calls, in a
 * table filled on first use (lazylib.h): luoshi loads the HTTP library,
 * and the TLS library it pulls in, only when it serves. It says nothing of
 * how requests are answered.
 */
#ifndef LS_SERVER_MHD_API_H
#define LS_SERVER_MHD_API_H

#include <stdint.h>
#include <sys/socket.h>
#include <microhttpd.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_MHD_FUNCTIONS(X)                                                                   \
    X(struct MHD_Daemon *, MHD_start_daemon,                                                  \
      (unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *, MHD_AccessHandlerCallback,   \
       void *, ...))                                                                          \
    X(void, MHD_stop_daemon, (struct MHD_Daemon *))                                           \
    X(const union MHD_DaemonInfo *, MHD_get_daemon_info,                                      \
      (struct MHD_Daemon *, enum MHD_DaemonInfoType, ...))                                    \
    X(const union MHD_ConnectionInfo *, MHD_get_connection_info,                              \
      (struct MHD_Connection *, enum MHD_ConnectionInfoType, ...))                            \
    X(int, MHD_get_connection_values,                                                         \
      (struct MHD_Connection *, enum MHD_ValueKind, MHD_KeyValueIterator, void *))            \
    X(const char *, MHD_lookup_connection_value,                                              \
      (struct MHD_Connection *, enum MHD_ValueKind, const char *))                            \
    X(struct MHD_Response *, MHD_create_response_from_buffer,                                 \
      (size_t, void *, enum MHD_ResponseMemoryMode))                                          \
    X(enum MHD_Result, MHD_add_response_header,                                               \
      (struct MHD_Response *, const char *, const char *))                                    \
    X(enum MHD_Result, MHD_queue_response,                                                    \
      (struct MHD_Connection *, unsigned int, struct MHD_Response *))                         \
    X(void, MHD_destroy_response, (struct MHD_Response *))

typedef struct {
    LS_MHD_FUNCTIONS(LS_LAZY_FIELD)
} ls_mhd_api;

/* The table. Read it only after ls_mhd_load succeeded (the daemon, and
 * so every request, comes after it). */
extern ls_mhd_api ls_mhd;

/* Loads libmicrohttpd once; LS_OK, or LS_EIO with the loader's reason in
 * 'err'. Safe from several threads. */
ls_status ls_mhd_load(ls_error *err);

#endif
