/*
 * allies.h: the ties that membership of a collective-defence alliance makes
 * between the members (docs/analyses.md, "Alliances make allies"). Shared by
 * who, commitments and the signed projection of balance and blocs.
 *
 * A membership counts when it is a `member_of` relation towards an actor of
 * kind `alliance` with `"collective_defense": true`. Two members are bound to
 * defend each other when both memberships count at a common time.
 */
#ifndef ENT_PASSES_ALLIES_H
#define ENT_PASSES_ALLIES_H

#include <stddef.h>
#include <stdint.h>

#include "entente/view.h"
#include "util/strbuf.h"

/* Whether actor a is an alliance with collective defence. */
int ent__is_defence_alliance(const ent_graph *g, uint32_t a);

/* Whether relation r is a membership of a collective-defence alliance. */
int ent__is_defence_membership(const ent_graph *g, uint32_t r);

/*
 * The membership of `member` in the defence alliance `alliance` on the
 * view's day: the kept member_of relation with the largest weight (the first
 * in file order among equals), or UINT32_MAX when there is none or its
 * weight is not positive. *w (may be NULL) receives the weight. O(log
 * degree + relations of the edge).
 */
uint32_t ent__defence_membership(const ent_view *v, uint32_t member, uint32_t alliance, double *w);

/* One bound pair of the projection: members lo < hi (actor indices) and the
 * weight of the weaker of their memberships in the alliance that binds them
 * most (the largest such weight over the alliances they share). */
typedef struct bound_pair {
    uint64_t key; /* lo << 32 | hi */
    double w;
} bound_pair;

/*
 * The bound pairs of view v, sorted by key, one per pair: for every
 * collective-defence alliance with k members on the day, its k(k-1)/2 pairs
 * (an alliance's own node is not among them). *out is malloc'd (free it),
 * *n its length. O(E + P log P) for E edges and P pairs before merging.
 * Returns 0 or ENT_ENOMEM (with the error set).
 */
int ent__bound_pairs(const ent_view *v, bound_pair **out, size_t *n);

/*
 * Appends "bound by alliance A: x->A <relation>; y->A <relation>" for every
 * defence alliance that binds x and y on the view's day (several joined with
 * " | "), preceded by `sep` when anything is written. Returns how many.
 */
size_t ent__describe_bound(const ent_view *v, uint32_t x, uint32_t y, const char *sep,
                           ent_strbuf *sb);

#endif
