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
/* 'size' bytes aligned for any type, or NULL when memory runs out. */
void *ls_arena_alloc(ls_arena *a, size_t size);
/* A NUL-terminated copy of 'n' bytes at 's', or NULL. */
char *ls_arena_strndup(ls_arena *a, const char *s, size_t n);

#endif
