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
    double *rel_to;    /* the target's reliance on the source the edge's relations add
                          (provides; less refusals, so it may be < 0) */
    double *rel_from;  /* the source's reliance on the target they add (seeks, yields,
                          membership of a defence alliance; >= 0) */
    double *mirrored;  /* the part of pos + neg from symmetric relations coded the other way */
} elist;

void ent__elist_release(elist *e);
int ent__elist_push(elist *e, uint32_t from, uint32_t to, double pos, double neg, double rel_to,
                    double rel_from, double mirrored);

/* The reliance the relations behind edge x of view v add, split as in elist
 * (summed when v was taken; x must be one of v's edges, else both are 0). */
void ent__edge_reliance(const ent_view *v, const ent_edge *x, double *rel_to, double *rel_from);

/* Reliance at or below this is zero within rounding (a refusal that cancels
 * a request exactly leaves 1e-16, not 0): the pair is left out. */
#define ENT__RELIANCE_EPS 1e-9

/*
 * The reliance of every pair of e, grouped by client: pairs
 * start[c] .. start[c + 1] are client c's patrons (patron[k], amount[k] > 0,
 * in order of first appearance), total[c] the client's whole reliance.
 * Arrays are e->n + 1 (start), e->n (total) and start[n] long; the caller
 * frees them with ent__reliance_release.
 */
typedef struct reliance {
    size_t *start;
    uint32_t *patron;
    double *amount;
    double *total;
} reliance;
int ent__reliance_compute(const elist *e, reliance *out);

/* Leverage of every vertex of e into out (e->n values). O(n + m). */
int ent__leverage_compute(const elist *e, double *out);
void ent__reliance_release(reliance *r);

/*
 * The compact numbering of a view's present actors: map[actor] is the vertex
 * or UINT32_MAX, back[vertex] the actor. Fills `e` with the view's edges.
 */
int ent__elist_from_view(elist *e, uint32_t **map, uint32_t **back, const ent_view *v);

/* The alignment of vertices a and b of `e` (pass_align.c): the folded tie, S and pi
 * (NaN when chance explains all agreement). O(n + m). */
int ent__align_pair(const elist *e, uint32_t a, uint32_t b, double *tie, double *s, double *pi);

/* Computes metric `m` for every vertex of `e` into out (e->n values). */
int ent__metric_compute(const elist *e, ent_metric m, double *out);

#endif
