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
 * table is filled once (callers serialise that with pthread_once), and the
 * library is never closed.
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

/* A member of a library's table of functions. */
#define LS_LAZY_FIELD(ret, name, args) ret(*name) args;

/* Resolves 'name' of the library 'handle' into 'table'->name; 'missing'
 * (a char array) gets the first name that is not found. */
#define LS_LAZY_RESOLVE(ret, name, args)                                                      \
    if (!ls_lazylib_symbol(handle, #name, (void *)&table->name, missing, sizeof missing))       \
        ok = 0;

/* A compile-time check that 'name' has the type the table gives it: the
 * operand of _Generic is not evaluated, so nothing of the library is
 * linked. */
#define LS_LAZY_CHECK(ret, name, args)                                                        \
    _Static_assert(_Generic(&name, ret(*) args: 1, default: 0),                               \
                   #name ": the table's type differs from the library's prototype");

/* Opens the first of the 'count' file names 'sonames' that loads (names
 * without a slash are searched as the dynamic linker would); NULL when
 * none does, with the loader's reason for the first in 'why' ('size'
 * bytes). */
void *ls_lazylib_open(const char *const *sonames, size_t count, char *why, size_t size);

/* Stores the address of function 'name' of 'handle' at 'slot' (the
 * address of a pointer to a function); 0 when the library has no such
 * symbol, with 'name' copied into 'missing' ('size' bytes) if it is
 * still empty. */
int ls_lazylib_symbol(void *handle, const char *name, void *slot, char *missing, size_t size);

#endif
