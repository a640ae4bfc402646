/*
 * signed.h: the signed undirected projection of a view, shared by the
 * balance and blocs passes (pass_balance.c builds it; docs/analyses.md,
 * "Structural balance", defines it). One tie per pair of actors, with the
 * sign of the sum of both directions' weights; no tie when that sum is 0 (or
 * within 1e-9 of it); self-loops ignored.
 */
#ifndef ENT_PASSES_SIGNED_H
#define ENT_PASSES_SIGNED_H

#include <stddef.h>
#include <stdint.h>

#include "entente/analysis.h"
#include "entente/view.h"
#include "util/strbuf.h"

#define SIGNED_NONE UINT32_MAX

/* A signed undirected graph as adjacency lists: the neighbours of vertex v
 * are nbr[off[v] .. off[v+1]), increasing, each with the tie that joins them. */
typedef struct adj {
    size_t n;      /* vertices */
    size_t *off;   /* n + 1 offsets */
    uint32_t *nbr; /* 2m neighbours */
    uint32_t *tie; /* 2m tie indices */
} adj;

/* The projection of a view: its vertices are the actors with a tie, in graph order. */
typedef struct proj {
    size_t n;
    uint32_t *actor;  /* vertex -> actor */
    uint32_t *vertex; /* actor -> vertex, or SIGNED_NONE */
    size_t m;
    uint32_t *from, *to; /* from < to */
    int *sign;
    double *w;        /* the sum of both directions' weights, plus `bound` */
    double *bound;    /* the part of w owed to a shared collective-defence alliance
                         (allies.h; 0 when none or when left out) */
    size_t cancelled; /* pairs with signed edges whose weights cancel out */
    adj a;
} proj;

/* Builds the projection of v: each pair's tie weighs the sum of both
 * directions' weights plus, unless `direct_only`, the weight of the weaker
 * membership of the alliance that binds the two most (allies.h). 0, or
 * ENT_ENOMEM / ENT_EUSAGE with the error set. */
int ent__proj_build(proj *p, const ent_view *v, int direct_only);
void ent__proj_release(proj *p);

/* The tie between actors x and y, or -1. O(log degree). */
long ent__tie_of(const proj *p, uint32_t x, uint32_t y);

/* The relations behind tie `tie` of p, between actors x and y, as
 * ent__describe_tie gives them, then the alliances that bind the two when the tie
 * counts the bond (allies.h). */
void ent__describe_ptie(const proj *p, const ent_view *v, size_t tie, uint32_t x, uint32_t y,
                        ent_strbuf *sb);

/* Connected parts: comp[v] numbered from 0 in the order of their first
 * vertex; *ncomp of them. `queue` has room for n vertices. */
void ent__components(const adj *a, uint32_t *comp, uint32_t *queue, size_t *ncomp);

/* Whether the tie of sign `s` between sides x and y goes against the camps. */
static inline int ent__against(int s, uint8_t x, uint8_t y)
{
    return (s > 0) != (x == y);
}

/* The exact frustration search keeps a part's camps in 64-bit masks. */
#define SIGNED_EXACT_LIMIT 64

/* signed.c: checks the ties (see ent_signed_triangles in analysis.h) and
 * builds their adjacency lists; 0, ENT_EUSAGE or ENT_ENOMEM. */
int ent__adj_build(adj *a, size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                   size_t m);
void ent__adj_release(adj *a);

/* Orders uint64_t values, for qsort. */
int ent__cmp_u64(const void *x, const void *y);

/* triangles.c: every triangle of `a` exactly once, by the forward algorithm
 * (Schank and Wagner 2005): fn gets its vertices v and ties t. O(m^1.5) time,
 * O(n + m) memory. 0 or ENT_ENOMEM. */
typedef void (*tri_fn)(void *ud, const uint32_t v[3], const uint32_t t[3]);
int ent__triangles(const adj *a, tri_fn fn, void *ud);

/* The number of negative ties among the three ties t. */
int ent__negatives(const int *sign, const uint32_t t[3]);

/* walk.c: tr exp(A) / tr exp(|A|) over the connected parts, scaled so that
 * nothing overflows; NaN in *out (and the size in *largest) when the largest
 * part has more than max_part vertices. 0, ENT_ENOMEM or ENT_EINTERNAL. */
int ent__walk_balance(const adj *a, const int *sign, size_t max_part, double *out, size_t *largest);

/* frustration.c: the frustration index and the camps (1 or 2 per vertex),
 * exact for parts of up to o->exact_max vertices within o->node_budget nodes,
 * else bounded; see ent_frustration. 0, ENT_ENOMEM or ENT_EUSAGE. */
int ent__frustrate(const adj *a, const int *sign, const ent_balance_options *o, int *camp,
                   ent_frustration_info *info);

#endif
