/*
 * blocs_impl.h: the blocs of a view as pass_blocs.c finds them, for the
 * report, which reuses one detection per snapshot in every table and
 * comparison instead of running spinglass again.
 */
#ifndef ENT_PASSES_BLOCS_IMPL_H
#define ENT_PASSES_BLOCS_IMPL_H

#include "entente/analysis.h"
#include "passes/signed.h"

/* The blocs of one view. */
typedef struct found {
    const ent_view *view;
    proj p;
    uint32_t *comp; /* vertex -> connected part */
    size_t nparts;
    uint32_t *bloc;  /* vertex -> bloc, from 0 */
    size_t k;        /* blocs */
    uint32_t *size;  /* bloc -> actors */
    uint32_t *part;  /* bloc -> its part */
    uint32_t *first; /* bloc -> its first vertex */
    double *mod;     /* part -> spinglass modularity (NaN: a part of two actors) */
} found;

/* Finds the blocs of `view` (o: the options, not NULL). 0 or an ent_error code. */
int ent__blocs_find(found *f, const ent_view *view, const ent_blocs_options *o);
void ent__found_release(found *f);

/* The tables of ent_blocs_tables and ent_blocs_change_tables, from found blocs. */
int ent__blocs_table(ent_table **out, const found *f, const ent_blocs_options *o);
int ent__match_blocs(const found *a, const found *b, uint32_t *match);
int ent__blocs_change_summary(ent_table **out, const found *fa, const found *fb,
                              const uint32_t *match, const ent_blocs_options *o);
int ent__blocs_moves_table(ent_table **out, const found *fa, const found *fb,
                           const uint32_t *match);

/* As ent_blocs_aligned, from found blocs. */
int ent__blocs_aligned_found(const found *fa, const found *fb, uint32_t *bloc_a, uint32_t *bloc_b);

#endif
