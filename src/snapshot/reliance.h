/*
 * reliance.h: what the leverage analysis reads of a view beyond the public
 * API, for the hot loops that visit every relation in force: the reliance
 * each relation and each edge carries. Internal to the library (offered by
 * src/snapshot to src/passes).
 */
#ifndef ENT_SNAPSHOT_RELIANCE_H
#define ENT_SNAPSHOT_RELIANCE_H

#include "entente/view.h"
#include "model/span.h"

/*
 * How relation r, read from actor `from` to its other end, bears on reliance
 * on v's day: an ENT_RELY_* code, and in *amount the magnitude it adds (its
 * weight's absolute value, halved for words and again for events). `from` is
 * r's source, or its target for a relation of a symmetric type read in its
 * other direction; r must be a relation of v's graph. Returns ENT_RELY_NONE, *amount untouched,
 * when r is not in force, weighs 0 or makes nobody rely on anybody. One read of r's span. O(1).
 */
int ent__view_reliance(const ent_view *v, uint32_t r, uint32_t from, double *amount);

/*
 * The reliance behind edge x of v, as ent__edge_reliance (src/passes/reliance.c)
 * sums it over x's relations in order: *to, the target's reliance on the
 * source, and *from, the source's on the target. Computed when the view was
 * taken. Returns 1, or 0 (nothing set) when x is not one of v's edges. O(1).
 */
int ent__view_edge_reliance(const ent_view *v, const ent_edge *x, double *to, double *from);

#endif
