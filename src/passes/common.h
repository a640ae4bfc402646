/*
 * common.h: helpers the passes share: the note on every analysis table, the
 * order of ranked actors, the decimals of each metric. It brings in the
 * lower layers' internal helpers the passes use (snapshot/edges.h,
 * model/model.h, table/build.h).
 */
#ifndef ENT_PASSES_COMMON_H
#define ENT_PASSES_COMMON_H

#include "entente/analysis.h"
#include "model/model.h"
#include "snapshot/edges.h"
#include "table/build.h"
#include "util/strbuf.h"

/* The snapshot rules of options `o` in words, appended to sb: the window, the
 * decay, the filters ("durable relations in force on the day, events of the last
 * 365 days at full weight; statuses kept: ..."). */
void ent__rules_text(ent_strbuf *sb, const ent_graph *g, const ent_view_options *o);

/* Adds a note saying how the view was taken: the window, the decay, the
 * filters. Every analysis table carries it, so an answer shows its rules. */
void ent__view_note(tb *b, const ent_view *v);

/* An actor with a sort key. ent__keyed_cmp orders the highest key first and
 * equal keys by actor index (the order of the graph files). */
typedef struct keyed {
    double key;
    uint32_t actor;
} keyed;
int ent__keyed_cmp(const void *x, const void *y);

/* One of a few actors to rank: its value, its index, and the caller's place for
 * it (a row, a position in a list). ent__rank_keys leaves its rank in `value`. */
typedef struct rank_key {
    double value;
    uint32_t actor;
    uint32_t at;
} rank_key;

/*
 * Ranks the nk actors of `keys` among the actors y < na that present(ctx, y)
 * says are present, values[y] being y's value: 1 for the highest value, equal
 * values in graph order, as a sort of every present actor would number them.
 * Reorders keys (by rank) and writes each one's rank into its value; a key
 * whose value is NaN ranks 1 (nothing ranks above it). hits: nk + 1 counters
 * of scratch. Cannot fail. O(na log nk + nk log nk): each present actor finds
 * by bisection the first key it ranks above, and one below every key costs a
 * single comparison.
 */
void ent__rank_keys(rank_key *keys, size_t nk, const double *values, size_t na,
                    int (*present)(const void *ctx, uint32_t actor), const void *ctx,
                    size_t *hits);

/* Decimals a metric is printed with: 8 for the PageRanks (values of order
 * 1/N), 6 for the PN index, 3 for leverage, 2 for sums of Goldstein
 * intensities. */
int ent__metric_decimals(ent_metric m);

#endif
