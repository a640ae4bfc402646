/*
 * fuzzy.h: "did you mean" suggestions.
 */
#ifndef ENT_UTIL_FUZZY_H
#define ENT_UTIL_FUZZY_H

#include <stddef.h>

/*
 * Edit distance (insertions, deletions, substitutions, and transpositions of
 * two neighbours) between a and b, compared without regard to ASCII case,
 * or `limit + 1` as soon as it must exceed `limit`. O(|a| * |b|).
 */
size_t ent_fuzzy_distance(const char *a, const char *b, size_t limit);

/* The largest distance still worth suggesting for a word of this length. */
size_t ent_fuzzy_limit(size_t len);

/*
 * A running search for the closest candidate to `word`. Feed candidates with
 * ent_fuzzy_offer; `best` is the closest one within the limit (ties keep the
 * first offered), or NULL.
 */
typedef struct ent_fuzzy {
    const char *word;
    size_t limit;
    size_t best_dist;
    const char *best;
} ent_fuzzy;

void ent_fuzzy_init(ent_fuzzy *f, const char *word);
void ent_fuzzy_offer(ent_fuzzy *f, const char *candidate);

#endif
