/*
 * cache.h: what the analyses computed on a view, kept in the view (see
 * snapshot/cache.h) so that each (view, question) is computed once: the
 * per-actor metrics, the balance analysis for each set of options that
 * changes it, and the commitments table. Internal to the library.
 *
 * Callers hold the view's lock (ent__view_lock) around a lookup, the
 * computation it may call for and the store, so that one computation
 * happens even when threads ask at once.
 */
#ifndef ENT_PASSES_CACHE_H
#define ENT_PASSES_CACHE_H

#include "entente/analysis.h"

/* The values of metric m on view v, one per actor of its graph (NaN for
 * an actor not present), or NULL when not computed yet. Lock held. */
const double *ent__cache_metric(const ent_view *v, ent_metric m);

/* Keeps `values` (malloc'ed, one per actor; the cache owns them from here)
 * as metric m of v. Returns 0 or ENT_ENOMEM (values freed). Lock held. */
int ent__cache_put_metric(const ent_view *v, ent_metric m, double *values);

/* The balance analysis of v computed with options that give the same
 * analysis as o (all but `top`), or NULL. Lock held. */
const void *ent__cache_balance(const ent_view *v, const ent_balance_options *o);

/* Keeps analysis `an` of v made with options o; the cache frees it with
 * release (then free). Returns 0 or ENT_ENOMEM (an released). Lock held. */
int ent__cache_put_balance(const ent_view *v, const ent_balance_options *o, void *an,
                           void (*release)(void *));

/* The commitments table of v, or NULL. Lock held. */
const ent_table *ent__cache_commitments(const ent_view *v);

/* Keeps table t (the cache owns it from here) as v's commitments. Returns 0
 * or ENT_ENOMEM (t freed). Lock held. */
int ent__cache_put_commitments(const ent_view *v, ent_table *t);

/* How many metrics have been computed on views in this process: one per
 * (view, metric) asked for, whatever the number of questions. For tests and
 * the benchmark. */
size_t ent__metric_computations(void);
void ent__count_metric_computation(void);

#endif
