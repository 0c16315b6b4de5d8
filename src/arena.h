/*
 * arena.h — a bump allocator for everything a document owns.
 *
 * Mentions' strings (unit, metric) live here and are freed together by
 * ls_arena_release. Blocks grow geometrically; nothing is freed singly.
 */
#ifndef LS_ARENA_H
#define LS_ARENA_H

#include <stddef.h>

typedef struct ls_arena_block ls_arena_block;

typedef struct {
    ls_arena_block *head;
} ls_arena;

void ls_arena_init(ls_arena *a);
void ls_arena_release(ls_arena *a);
/* Empties 'a' for reuse: every pointer it handed out is invalid, its
 * newest (largest) block is kept and the others freed, so a loop that
 * fills and empties an arena does not allocate each time. */
void ls_arena_reset(ls_arena *a);
/* Moves every block of 'from' into 'into' (what 'from' handed out now lives
 * as long as 'into'); 'from' is left empty. 'into' keeps bumping in its own
 * newest block. */
void ls_arena_adopt(ls_arena *into, ls_arena *from);
/* 'size' bytes aligned for any type, or NULL when memory runs out. */
void *ls_arena_alloc(ls_arena *a, size_t size);
/* A NUL-terminated copy of 'n' bytes at 's', or NULL. */
char *ls_arena_strndup(ls_arena *a, const char *s, size_t n);

/* ---- ls_mem: the arena behind a list of records (luoshi.h) ---- */

/* A new, empty ls_mem (NULL when out of memory); ls_mem_free frees it
 * with everything allocated in it. */
struct ls_mem *ls_mem_new(void);
/* 'size' zeroed bytes in 'm', or NULL. */
void *ls_mem_alloc(struct ls_mem *m, size_t size);
/* A copy of the NUL-terminated 's' in 'm' (NULL for NULL, and when out of
 * memory: check 'm' with ls_mem_failed). */
const char *ls_mem_str(struct ls_mem *m, const char *s);
/* True when an allocation in 'm' has failed. */
int ls_mem_failed(const struct ls_mem *m);

#endif
