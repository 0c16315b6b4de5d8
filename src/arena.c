/*
 * arena.c — bump allocation in linked blocks.
 *
 * Each block holds 'used' of 'cap' bytes after its header; a request that
 * does not fit opens a new block at least twice the previous size.
 * Invariant: every pointer handed out stays valid until ls_arena_release.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "luoshi.h"

struct ls_arena_block {
    ls_arena_block *next;
    size_t cap;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

#define ARENA_FIRST_BLOCK 4096

void ls_arena_init(ls_arena *a) { a->head = NULL; }

void ls_arena_release(ls_arena *a)
{
    ls_arena_block *b = a->head;

    while (b) {
        ls_arena_block *next = b->next;
        ls_free(b);
        b = next;
    }
    a->head = NULL;
}

void ls_arena_reset(ls_arena *a)
{
    ls_arena_block *keep = a->head, *b;

    if (!keep)
        return;
    for (b = keep->next; b;) {
        ls_arena_block *next = b->next;
        ls_free(b);
        b = next;
    }
    keep->next = NULL;
    keep->used = 0;
}

void ls_arena_adopt(ls_arena *into, ls_arena *from)
{
    ls_arena_block *tail = from->head;

    if (!tail)
        return;
    if (!into->head) {
        into->head = from->head;
    } else {
        while (tail->next)
            tail = tail->next;
        tail->next = into->head->next;
        into->head->next = from->head;
    }
    from->head = NULL;
}

void *ls_arena_alloc(ls_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    ls_arena_block *b = a->head;
    size_t cap;

    if (size > SIZE_MAX / 4)
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    if (b && b->cap - b->used >= size) {
        void *p = b->data + b->used;
        b->used += size;
        return p;
    }
    cap = b ? b->cap * 2 : ARENA_FIRST_BLOCK;
    if (cap < size)
        cap = size;
    b = ls_malloc(sizeof *b + cap);
    if (!b)
        return NULL;
    b->next = a->head;
    b->cap = cap;
    b->used = size;
    a->head = b;
    return b->data;
}

char *ls_arena_strndup(ls_arena *a, const char *s, size_t n)
{
    char *p = ls_arena_alloc(a, n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* An arena that remembers whether an allocation failed, so that a list
 * can be filled with one check at the end. */
struct ls_mem {
    ls_arena arena;
    int failed;
};

struct ls_mem *ls_mem_new(void)
{
    struct ls_mem *m = ls_malloc(sizeof *m);

    if (m) {
        ls_arena_init(&m->arena);
        m->failed = 0;
    }
    return m;
}

void ls_mem_free(struct ls_mem *m)
{
    if (!m)
        return;
    ls_arena_release(&m->arena);
    ls_free(m);
}

void *ls_mem_alloc(struct ls_mem *m, size_t size)
{
    void *p = ls_arena_alloc(&m->arena, size ? size : 1);

    if (p)
        memset(p, 0, size);
    else
        m->failed = 1;
    return p;
}

const char *ls_mem_str(struct ls_mem *m, const char *s)
{
    char *d;

    if (!s)
        return NULL;
    d = ls_arena_strndup(&m->arena, s, strlen(s));
    if (!d)
        m->failed = 1;
    return d;
}

int ls_mem_failed(const struct ls_mem *m)
{
    return m->failed;
}
