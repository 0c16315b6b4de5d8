/*
 * alloc.h — the one door to the heap for libluoshi.
 *
 * Every allocation goes through ls_malloc/ls_realloc/ls_free so that a test
 * can make the Nth allocation fail (ls_alloc_fail_after) and prove that each
 * LS_ENOMEM path cleans up. Sizes are checked for overflow by ls_mul_size.
 */
#ifndef LS_ALLOC_H
#define LS_ALLOC_H

#include <stddef.h>

void *ls_malloc(size_t size);
void *ls_calloc(size_t count, size_t size);
void *ls_realloc(void *ptr, size_t size);
/* ls_free is public: declared in luoshi.h. */
void ls_free(void *ptr);

/* Marks the whole 2 MB pages inside block 'p' of 'size' bytes for
 * transparent huge pages (madvise MADV_HUGEPAGE) when it is LS_HUGE_MIN
 * bytes or more; ls_malloc does it itself, a block from plain malloc (the
 * CLI's file buffer) is marked so. Where fresh memory faults dearly
 * (measured on a 2-vCPU microVM: 11-12 us a 4 KB page, 141-155 ms to
 * touch 50 MB), the same 50 MB on huge pages took 97 ms the first time and
 * 3 ms after. */
#define LS_HUGE_MIN ((size_t)4 << 20)
void ls_alloc_hint_huge(void *p, size_t size);

/* Makes every allocation after the next 'n' fail (n < 0: never fail). For
 * tests only; an atomic counter, so threads may allocate meanwhile. */
void ls_alloc_fail_after(long n);

/* The array 'items' (of '*cap' elements of 'size' bytes; NULL when
 * '*cap' is 0) grown to hold one element more than its 'count' when it is
 * full: twice its capacity, 'first' elements the first time. Returns the
 * array (moved, perhaps), '*cap' updated; NULL when memory runs out, the
 * array and '*cap' left as they were. */
void *ls_grow(void *items, size_t *cap, size_t count, size_t size, size_t first);

/* Stores 'a' * 'b' in '*out'; returns 0 on overflow. */
int ls_mul_size(size_t a, size_t b, size_t *out);

#endif
