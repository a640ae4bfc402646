/*
 * grow.c: growing a dynamic array geometrically.
 */
#include <stdlib.h>

#include "util/grow.h"

int ent__grow_to(void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*items, n * elem);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}
