/*
 * arena.c: bump allocation in blocks of 1 MiB (or one block for a larger
 * request), so that a graph of a million relations costs a few hundred mallocs
 * instead of millions, and frees in one pass.
 */
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

#define BLOCK_SIZE (1u << 20)
#define BLOCK_MAX  ((size_t)32 << 20)
#define ALIGN      16u

struct ent_arena_block {
    ent_arena_block *next;
    size_t pad_; /* keeps data 16-byte aligned on 64-bit targets */
    unsigned char data[];
};

void ent_arena_init(ent_arena *a)
{
    a->head = NULL;
    a->used = a->cap = 0;
}

void ent_arena_release(ent_arena *a)
{
    ent_arena_block *b = a->head;
    while (b) {
        ent_arena_block *next = b->next;
        free(b);
        b = next;
    }
    ent_arena_init(a);
}

void *ent_arena_alloc(ent_arena *a, size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0)
        size = ALIGN;
    /* Strings are packed byte-exact, so realign before handing out memory. */
    size_t start = (a->used + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (a->head && start <= a->cap)
        a->used = start;
    if (!a->head || a->cap - a->used < size) {
        /* Each new block twice the last, up to BLOCK_MAX: a large graph then
         * takes a few dozen blocks, not hundreds of maps and unmaps. */
        size_t block = !a->head ? BLOCK_SIZE : a->cap >= BLOCK_MAX / 2 ? BLOCK_MAX : 2 * a->cap;
        if (block < BLOCK_SIZE)
            block = BLOCK_SIZE;
        size_t cap = size > BLOCK_SIZE / 4 ? size : block;
        ent_arena_block *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        if (a->head && size > BLOCK_SIZE / 4) {
            /* A big request gets its own block behind the current one, so the
             * current block's free space is not wasted. */
            b->next = a->head->next;
            a->head->next = b;
            return b->data;
        }
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->cap = cap;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    return p;
}

char *ent_arena_strndup(ent_arena *a, const char *s, size_t len)
{
    char *p;
    /* Strings need no 16-byte alignment: take them byte-exact. */
    if (a->head && a->cap - a->used >= len + 1) {
        p = (char *)a->head->data + a->used;
        a->used += len + 1;
    } else {
        p = ent_arena_alloc(a, len + 1);
        if (!p)
            return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ent_arena_strdup(ent_arena *a, const char *s)
{
    return ent_arena_strndup(a, s, strlen(s));
}

void ent_arena_adopt(ent_arena *dst, ent_arena *src)
{
    if (!src->head)
        return;
    if (!dst->head) {
        *dst = *src;
    } else {
        /* Behind dst's current block, which keeps taking new allocations. */
        ent_arena_block *tail = src->head;
        while (tail->next)
            tail = tail->next;
        tail->next = dst->head->next;
        dst->head->next = src->head;
    }
    ent_arena_init(src);
}
