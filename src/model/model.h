/*
 * model.h: small readings of the public model shared by the layers above it
 * (snapshots, passes, render, report). Internal to the library: every name
 * here carries the ent__ prefix and none is part of the public API.
 */
#ifndef ENT_MODEL_MODEL_H
#define ENT_MODEL_MODEL_H

#include "entente/graph.h"

/* +1 when relation rel backs its target, -1 when it opposes it, 0 when it
 * does neither: the sign of its intensity, except that requests for help,
 * surrenders, mediation and contact or agreement (engages, outside the family
 * "support") back nobody. Shared by who and commitments. */
int ent__relation_stance(const ent_graph *g, const ent_relation *rel);

/* The index of the relation type with this id in g's vocabulary, or -1. */
int32_t ent__type_by_id(const ent_graph *g, const char *id);

/* "YYYY-MM-DD" of a day number, into buf (11 bytes). */
char *ent__day_str(int32_t day, char *buf);

/* The other end of relation r listed among actor a's incoming relations
 * (ent_graph_relations_to): its source, or its target when a is the source
 * of a symmetric relation. */
static inline uint32_t ent__in_other(const ent_graph *g, uint32_t r, uint32_t a)
{
    const ent_relation *x = ent_graph_relation(g, r);
    return x->target == a ? x->source : x->target;
}

/* The other end of relation r listed among actor a's outgoing relations
 * (ent_graph_relations_from): its target (a is its source or its channel),
 * or its source when a is the target of a symmetric relation. */
static inline uint32_t ent__out_other(const ent_graph *g, uint32_t r, uint32_t a)
{
    const ent_relation *x = ent_graph_relation(g, r);
    return x->source == a || x->via == a ? x->target : x->source;
}

#endif
