/*
 * lazylib.c — dlopen and dlsym for the tables of lazylib.h. It keeps no
 * state: the using module keeps its table and its once-flag.
 */
#include "lazylib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *ls_lazylib_open(const char *const *sonames, size_t count, char *why, size_t size)
{
    size_t i;

    if (size > 0)
        why[0] = '\0';
    for (i = 0; i < count; i++) {
        /* RTLD_LOCAL: its symbols serve this table only */
        void *handle = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
        const char *reason;
        if (handle)
            return handle;
        reason = dlerror();
        if (size > 0 && why[0] == '\0')
            snprintf(why, size, "%s", reason ? reason : sonames[i]);
    }
    return NULL;
}

int ls_lazylib_symbol(void *handle, const char *name, void *slot, char *missing, size_t size)
{
    void *address = dlsym(handle, name);

    if (!address) {
        if (size > 0 && missing[0] == '\0')
            snprintf(missing, size, "%s", name);
        return 0;
    }
    /* POSIX: a function's address fits in a void * (dlsym relies on it) */
    memcpy(slot, &address, sizeof address);
    return 1;
}
