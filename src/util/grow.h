/*
 * grow.h: growing a dynamic array geometrically. Internal to the library.
 */
#ifndef ENT_UTIL_GROW_H
#define ENT_UTIL_GROW_H

#include <stddef.h>

/*
 * Grows an array of `elem` bytes so that it holds at least `need` elements
 * (capacity doubled from 16). Returns 0 or -1 when out of memory (the array
 * is unchanged). Amortised O(1) per element. ent__grow is the call to make;
 * ent__grow_to does the growing.
 */
int ent__grow_to(void **items, size_t *cap, size_t need, size_t elem);

/* The check inline: loops that append a million elements call this each time. */
static inline int ent__grow(void **items, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap ? 0 : ent__grow_to(items, cap, need, elem);
}

#endif
