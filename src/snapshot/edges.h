/*
 * edges.h: reading a view's edges, shared by the passes, render and report:
 * describing the relations behind an edge and their evidence, whether an
 * edge carries a type, and walking two views' edges side by side.
 * Internal to the library.
 */
#ifndef ENT_SNAPSHOT_EDGES_H
#define ENT_SNAPSHOT_EDGES_H

#include "entente/view.h"
#include "util/strbuf.h"

/* "r12 attacks 2022-09" (or "file.json:40" without an id), with status
 * and claimant when not confirmed or reported: "... [claimed by azerbaijan]". */
void ent__describe_relation(const ent_graph *g, uint32_t r, ent_strbuf *out);

/* The relations behind an edge, described and joined with "; ". */
void ent__describe_edge(const ent_graph *g, const ent_edge *e, ent_strbuf *out);

/* The relations of e whose source is the edge's, described and joined with
 * "; " (a symmetric relation stands behind both directions' edges and is
 * listed under the direction it was coded in); returns how many. */
size_t ent__describe_own(const ent_graph *g, const ent_edge *e, ent_strbuf *out);

/* Whether one of the relations behind e is of type `type` (never for -1). */
int ent__has_type(const ent_graph *g, const ent_edge *e, int32_t type);

/* "x->y: relations | y->x: relations", the relations behind the tie of
 * actors x and y in view v (either direction may be missing). */
void ent__describe_tie(const ent_view *v, uint32_t x, uint32_t y, ent_strbuf *sb);

/* Their evidence: "source-id (locator): note" for each, joined with " | ". */
void ent__describe_evidence(const ent_graph *g, const ent_edge *e, ent_strbuf *out);

/* The edges of two views, merged by (source, target): one call per pair. */
typedef void (*pair_fn)(void *ud, const ent_edge *in_a, const ent_edge *in_b);
void ent__walk_pairs(const ent_view *a, const ent_view *b, pair_fn fn, void *ud);

/* How a pair changed from a to b: NULL when it did not. */
const char *ent__pair_change(const ent_edge *in_a, const ent_edge *in_b);

#endif
