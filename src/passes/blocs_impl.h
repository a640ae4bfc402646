/*
 * blocs_impl.h: the inside of ent_blocs_found, the blocs of a view as
 * pass_blocs.c finds them. Only pass_blocs.c includes it; the report and
 * other callers hold an ent_blocs_found through the public API.
 */
#ifndef ENT_PASSES_BLOCS_IMPL_H
#define ENT_PASSES_BLOCS_IMPL_H

#include "entente/analysis.h"
#include "passes/signed.h"

/* The blocs of one view. */
struct ent_blocs_found {
    const ent_view *view; /* the view they were found in (not owned) */
    ent_blocs_options o;  /* the options they were found with */
    proj p;
    uint32_t *comp; /* vertex -> connected part */
    size_t nparts;
    uint32_t *bloc;  /* vertex -> bloc, from 0 */
    size_t k;        /* blocs */
    uint32_t *size;  /* bloc -> actors */
    uint32_t *part;  /* bloc -> its part */
    uint32_t *first; /* bloc -> its first vertex */
    double *mod;     /* part -> spinglass modularity (NaN: a part of two actors) */
};
typedef struct ent_blocs_found found;

#endif
