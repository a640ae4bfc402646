/*
 * fuzzy.c: optimal-string-alignment distance with an early cut-off, used to
 * suggest the id or field a user probably meant.
 */
#include <stdlib.h>
#include <string.h>

#include "util/fuzzy.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

#define MAX_WORD 128

size_t ent_fuzzy_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_WORD || m > MAX_WORD)
        return limit + 1;
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    /* Three rows of the dynamic-programming table: two back, one back, now. */
    size_t rows[3][MAX_WORD + 1];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]);
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 &&
                lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2]) &&
                lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1]) &&
                pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < row_min)
                row_min = v;
        }
        if (row_min > limit)
            return limit + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] > limit ? limit + 1 : prev[m];
}

size_t ent_fuzzy_limit(size_t len)
{
    if (len <= 3)
        return 1;
    if (len <= 6)
        return 2;
    return len / 3;
}

void ent_fuzzy_init(ent_fuzzy *f, const char *word)
{
    f->word = word;
    f->limit = ent_fuzzy_limit(strlen(word));
    f->best_dist = f->limit + 1;
    f->best = NULL;
}

void ent_fuzzy_offer(ent_fuzzy *f, const char *candidate)
{
    if (f->best_dist == 0)
        return; /* an exact match cannot be beaten */
    size_t d = ent_fuzzy_distance(f->word, candidate, f->best_dist - 1);
    if (d < f->best_dist) {
        f->best_dist = d;
        f->best = candidate;
    }
}
