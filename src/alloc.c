/*
 * alloc.c — heap allocation with a failure switch for tests.
 *
 * A thin layer over malloc/realloc/free. Tests call ls_alloc_fail_after(n)
 * to make allocations fail from the (n+1)th on, which exercises every
 * LS_ENOMEM path. Invariant: ls_free(NULL) does nothing.
 *
 * A large block that ls_malloc returns (LS_HUGE_MIN or more) starts on a
 * 2 MB boundary and is marked for the kernel's transparent huge pages
 * (ls_alloc_hint_huge): its first touch then faults once per 2 MB instead
 * of once per 4 KB page (12 us each on a VM measured: docs/performance.md);
 * so is a new block from ls_realloc(NULL, size). A block grown by
 * ls_realloc is not: glibc moves a large one by mremap (measured with the
 * hint on grown blocks too: inputs of a figure every 4-8 bytes 8-13%
 * slower). It does not pool, cache or reuse memory.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

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

#define HUGE_PAGE ((uintptr_t)2 << 20)

void ls_alloc_hint_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    uintptr_t a, b;

    if (!p || size < LS_HUGE_MIN)
        return;
    /* the whole 2 MB pages inside the block: nothing of another's */
    a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    b = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);
    if (b > a)
        (void)madvise((void *)a, b - a, MADV_HUGEPAGE); /* a hint: its failure changes nothing */
#else
    (void)p;
    (void)size;
#endif
}

/* A new block of 'size' bytes: a large one starts on a 2 MB boundary and
 * is hinted huge whole (else its head, up to the first boundary, faults in
 * 4 KB at a time: up to 512 faults a block). */
static void *new_block(size_t size)
{
    void *p = NULL;

    if (size < LS_HUGE_MIN)
        return malloc(size ? size : 1);
    if (posix_memalign(&p, HUGE_PAGE, size) != 0)
        return NULL;
    ls_alloc_hint_huge(p, size);
    return p;
}

void *ls_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return new_block(size);
}

void *ls_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *ls_realloc(void *ptr, size_t size)
{
    void *p;

    if (should_fail())
        return NULL;
    if (!ptr)
        return new_block(size); /* a new block, as ls_malloc's */
    p = realloc(ptr, size ? size : 1);
    return p;
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
