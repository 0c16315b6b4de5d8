/*
 * lazylib.h — a shared library opened the first time it is needed, with
 * dlopen, instead of by the dynamic linker when luoshi starts.
 *
 * Most runs of luoshi read one report and print it; linked at start, the
 * libraries only some commands use (poppler for PDF, libpq for a
 * PostgreSQL store) made the dynamic linker spend about 18 ms of a 20 ms
 * run resolving their symbols (docs/performance.md). A module that uses
 * such a library lists the functions it calls in an X-macro, gets a table
 * of pointers to them from lazylib, and calls through the table; the
 * table is filled once, under a lock, and the library is never closed.
 *
 * The X-macro of a library is X(return type, name, (parameter types)),
 * one entry per function: LS_LAZY_FIELD makes the table's members,
 * LS_LAZY_RESOLVE fills them, LS_LAZY_CHECK (used where the library's own
 * header is included) fails the build when an entry's type is not the
 * header's prototype, so the table cannot drift from the library.
 * What a library is for, and how its errors read, is the using module's.
 */
#ifndef LS_LAZYLIB_H
#define LS_LAZYLIB_H

#include <stddef.h>

#include "luoshi.h"

/* A member of a library's table of functions. */
#define LS_LAZY_FIELD(ret, name, args) ret(*name) args;

/* In a resolver (ls_lazylib.resolve): resolves 'name' of 'handle' into
 * 'table'->name, or records it as missing. */
#define LS_LAZY_RESOLVE(ret, name, args)                                                      \
    ls_lazylib_symbol(handle, #name, (void *)&table->name, missing, size);

/* A compile-time check that 'name' has the type the table gives it: the
 * operand of _Generic is not evaluated, so nothing of the library is
 * linked. */
#define LS_LAZY_CHECK(ret, name, args)                                                        \
    _Static_assert(_Generic(&name, ret(*) args: 1, default: 0),                               \
                   #name ": the table's type differs from the library's prototype");

/* One library opened when needed. The module that uses it fills the first
 * four members (a static object) and leaves the rest zero. */
typedef struct {
    const char *needed_for; /* "reading a PDF needs the poppler library (Debian: …)" */
    const char *sonames[2]; /* tried in order: the build's versioned name, the bare one */
    /* stores each function of 'handle' in the module's table with
     * LS_LAZY_RESOLVE; the first name not found goes to 'missing' */
    void (*resolve)(void *handle, char *missing, size_t size);
    void (*ready)(void); /* after the table is filled, or NULL */
    int state;           /* 0 not tried, 1 loaded, -1 failed */
    char failure[LS_ERROR_MESSAGE_SIZE];
} ls_lazylib;

/* Opens 'lib' the first time it is asked for (one thread at a time; the
 * library is never closed): LS_OK, or 'code' with an error in 'err' that
 * says what needs the library and why it could not be loaded (not found,
 * not a library, a function missing). A failure is remembered. */
ls_status ls_lazylib_load(ls_lazylib *lib, ls_status code, ls_error *err);

/* Everything one library needs, defined in its module's *_api.c: the
 * checks of its X-macro FUNCTIONS against the library's header, the table
 * TABLE of type TYPE (extern in the module's header), and the function
 * `ls_status LOAD(ls_error *err)`, which opens the library once and gives
 * LS_OK or CODE with an error. NEEDED_FOR, SONAME (the build's versioned
 * file name), BARE (the unversioned one) and READY (or NULL): as in
 * ls_lazylib. */
#define LS_LAZY_LIBRARY(FUNCTIONS, TYPE, TABLE, LOAD, CODE, NEEDED_FOR, SONAME, BARE, READY)  \
    FUNCTIONS(LS_LAZY_CHECK)                                                                  \
    TYPE TABLE;                                                                               \
    static void TABLE##_resolve(void *handle, char *missing, size_t size)                     \
    {                                                                                         \
        TYPE *table = &TABLE;                                                                 \
        FUNCTIONS(LS_LAZY_RESOLVE)                                                            \
    }                                                                                         \
    static ls_lazylib TABLE##_library = {NEEDED_FOR, {SONAME, BARE}, TABLE##_resolve, READY,  \
                                         0, ""};                                              \
    ls_status LOAD(ls_error *err)                                                             \
    {                                                                                         \
        return ls_lazylib_load(&TABLE##_library, CODE, err);                                  \
    }

/* For LS_LAZY_RESOLVE: stores the address of function 'name' of 'handle'
 * at 'slot' (the address of a pointer to a function), or copies 'name'
 * into 'missing' ('size' bytes) if that is still empty. */
void ls_lazylib_symbol(void *handle, const char *name, void *slot, char *missing, size_t size);

#endif
