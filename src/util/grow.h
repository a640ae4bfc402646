/*
 * grow.h: growing a dynamic array geometrically. Internal to the library.
 */
#ifndef ENT_UTIL_GROW_H
#define ENT_UTIL_GROW_H

#include <stddef.h>

/*
 * Grows an array of `elem` bytes so that it holds at least `need` elements
 * (capacity doubled from 16). Returns 0 or -1 when out of memory (the array
 * is unchanged). Amortised O(1) per element.
 */
int ent__grow(void **items, size_t *cap, size_t need, size_t elem);

#endif
