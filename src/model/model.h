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

#endif
