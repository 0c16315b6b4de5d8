/*
 * alloc.c — heap allocation with a failure switch for tests.
 *
 * A thin layer over malloc/realloc/free. Tests call ls_alloc_fail_after(n)
 * to make allocations fail from the (n+1)th on, which exercises every
 * LS_ENOMEM path. Invariant: ls_free(NULL) does nothing.
 */
#include "alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "luoshi.h"

/* Atomic: extraction allocates on several threads (extract.c). */
static _Atomic long fail_countdown = -1;

/* True when the failure switch says this allocation must fail. */
static int should_fail(void)
{
    long n = atomic_load_explicit(&fail_countdown, memory_order_relaxed);

    while (n > 0) {
        if (atomic_compare_exchange_weak(&fail_countdown, &n, n - 1))
            return 0;
    }
    return n == 0;
}

void ls_alloc_fail_after(long n) { atomic_store(&fail_countdown, n); }

void *ls_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *ls_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *ls_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void ls_free(void *ptr) { free(ptr); }

void *ls_grow(void *items, size_t *cap, size_t count, size_t size, size_t first)
{
    size_t n, bytes;
    void *p;

    if (count < *cap)
        return items;
    n = *cap ? *cap * 2 : first;
    if (n <= count || !ls_mul_size(n, size, &bytes) || !(p = ls_realloc(items, bytes)))
        return NULL;
    *cap = n;
    return p;
}

int ls_mul_size(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b)
        return 0;
    *out = a * b;
    return 1;
}
