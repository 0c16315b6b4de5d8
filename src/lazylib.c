/*
 * lazylib.c — dlopen and dlsym for the tables of lazylib.h, under one
 * lock for all libraries (a load happens once per library and process).
 * What a library is for is the using module's.
 */
#include "lazylib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Opens the first of lib's names that loads, or gives NULL with the
 * loader's reason for the first in 'why'. RTLD_LOCAL: its symbols serve
 * the table only. */
static void *open_any(const ls_lazylib *lib, char *why, size_t size)
{
    size_t i;

    why[0] = '\0';
    for (i = 0; i < sizeof lib->sonames / sizeof lib->sonames[0] && lib->sonames[i]; i++) {
        void *handle = dlopen(lib->sonames[i], RTLD_NOW | RTLD_LOCAL);
        const char *reason;
        if (handle)
            return handle;
        reason = dlerror();
        if (why[0] == '\0')
            snprintf(why, size, "%s", reason ? reason : lib->sonames[i]);
    }
    return NULL;
}

static void load(ls_lazylib *lib)
{
    char why[200], missing[64] = "";
    void *handle = open_any(lib, why, sizeof why);

    if (!handle) {
        snprintf(lib->failure, sizeof lib->failure, "%s: %.160s", lib->needed_for, why);
        lib->state = -1;
        return;
    }
    lib->resolve(handle, missing, sizeof missing);
    if (missing[0]) {
        snprintf(lib->failure, sizeof lib->failure, "%s: %s has no function %s (too old)",
                 lib->needed_for, lib->sonames[0], missing);
        lib->state = -1;
        return;
    }
    if (lib->ready)
        lib->ready();
    lib->state = 1;
}

ls_status ls_lazylib_load(ls_lazylib *lib, ls_status code, ls_error *err)
{
    int state;

    pthread_mutex_lock(&lock);
    if (lib->state == 0)
        load(lib);
    state = lib->state;
    pthread_mutex_unlock(&lock);
    if (state < 0)
        return ls_error_set(err, code, LS_NO_OFFSET, 0, "%s", lib->failure);
    return LS_OK;
}

void ls_lazylib_symbol(void *handle, const char *name, void *slot, char *missing, size_t size)
{
    void *address = dlsym(handle, name);

    if (!address) {
        if (size > 0 && missing[0] == '\0')
            snprintf(missing, size, "%s", name);
        return;
    }
    /* POSIX: a function's address fits in a void * (dlsym relies on it) */
    memcpy(slot, &address, sizeof address);
}
