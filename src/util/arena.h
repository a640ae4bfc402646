/*
 * arena.h: a bump allocator for the many small strings and arrays of a graph.
 * Everything allocated from an arena is freed at once with ent_arena_release.
 */
#ifndef ENT_UTIL_ARENA_H
#define ENT_UTIL_ARENA_H

#include <stddef.h>

typedef struct ent_arena_block ent_arena_block;

typedef struct ent_arena {
    ent_arena_block *head; /* newest block; older ones follow */
    size_t used;           /* bytes used in head */
    size_t cap;            /* bytes available in head */
} ent_arena;

/* Zero-initialising an ent_arena is the same as ent_arena_init. */
void ent_arena_init(ent_arena *a);
void ent_arena_release(ent_arena *a);

/* Moves every block of `src` into `dst`; `src` is left empty. */
void ent_arena_adopt(ent_arena *dst, ent_arena *src);

/* `size` bytes aligned for any type, or NULL when out of memory. */
void *ent_arena_alloc(ent_arena *a, size_t size);

/* A NUL-terminated copy of `len` bytes of `s`, or NULL when out of memory. */
char *ent_arena_strndup(ent_arena *a, const char *s, size_t len);
char *ent_arena_strdup(ent_arena *a, const char *s);

#endif
