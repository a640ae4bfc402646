/*
 * metrics.h: per-actor metrics on an edge list in compact vertex numbering,
 * shared by the influence, shift and explain passes (internal).
 */
#ifndef ENT_PASSES_METRICS_H
#define ENT_PASSES_METRICS_H

#include "entente/analysis.h"

/* Aggregated signed edges among n vertices. */
typedef struct elist {
    size_t n;      /* vertices */
    size_t m, cap; /* edges */
    uint32_t *from, *to;
    double *pos, *neg; /* positive part (>= 0), negative part (<= 0) */
} elist;

void elist_release(elist *e);
int elist_push(elist *e, uint32_t from, uint32_t to, double pos, double neg);

/*
 * The compact numbering of a view's present actors: map[actor] is the vertex
 * or UINT32_MAX, back[vertex] the actor. Fills `e` with the view's edges.
 */
int elist_from_view(elist *e, uint32_t **map, uint32_t **back, const ent_view *v);

/* Computes metric `m` for every vertex of `e` into out (e->n values). */
int metric_compute(const elist *e, ent_metric m, double *out);

#endif
