/*
 * common.h: helpers the passes share: describing relations and their
 * evidence for table cells, and walking two views' edges side by side.
 */
#ifndef ENT_PASSES_COMMON_H
#define ENT_PASSES_COMMON_H

#include "entente/analysis.h"
#include "util/strbuf.h"

/* "r12 attacks 2022-09" (or "file.json:40" without an id), with status
 * and claimant when not confirmed or reported: "... [claimed by azerbaijan]". */
void describe_relation(const ent_graph *g, uint32_t r, ent_strbuf *out);

/* The relations behind an edge, described and joined with "; ". */
void describe_edge(const ent_graph *g, const ent_edge *e, ent_strbuf *out);

/* The relations of e whose source is the edge's, described and joined with
 * "; " (a symmetric relation stands behind both directions' edges and is
 * listed under the direction it was coded in); returns how many. */
size_t describe_own(const ent_graph *g, const ent_edge *e, ent_strbuf *out);

/* +1 when relation rel backs its target, -1 when it opposes it, 0 when it
 * does neither: the sign of its intensity, except that requests for help,
 * surrenders, mediation and contact or agreement (engages, outside the family
 * "support") back nobody. Shared by who and commitments. */
int relation_stance(const ent_graph *g, const ent_relation *rel);

/* The index of the relation type with this id in g's vocabulary, or -1. */
int32_t type_by_id(const ent_graph *g, const char *id);

/* Whether one of the relations behind e is of type `type` (never for -1). */
int has_type(const ent_graph *g, const ent_edge *e, int32_t type);

/* "x->y: relations | y->x: relations", the relations behind the tie of
 * actors x and y in view v (either direction may be missing). */
void describe_tie(const ent_view *v, uint32_t x, uint32_t y, ent_strbuf *sb);

/* Their evidence: "source-id (locator): note" for each, joined with " | ". */
void describe_evidence(const ent_graph *g, const ent_edge *e, ent_strbuf *out);

/* The edges of two views, merged by (source, target): one call per pair. */
typedef void (*pair_fn)(void *ud, const ent_edge *in_a, const ent_edge *in_b);
void walk_pairs(const ent_view *a, const ent_view *b, pair_fn fn, void *ud);

/* How a pair changed from a to b: NULL when it did not. */
const char *pair_change(const ent_edge *in_a, const ent_edge *in_b);

/* A table cell setter that remembers the first failure. */
typedef struct tb {
    ent_table *t;
    int rc;
} tb;
void tb_row(tb *b);
void tb_str(tb *b, size_t col, const char *s);
void tb_int(tb *b, size_t col, long long v);
void tb_real(tb *b, size_t col, double v);
void tb_col(tb *b, const char *name, ent_coltype type, int decimals);
void tb_note(tb *b, const char *note);

/* Adds a note saying how the view was taken: the window, the decay, the
 * filters. Every analysis table carries it, so an answer shows its rules. */
void view_note(tb *b, const ent_view *v);

/* An actor with a sort key. keyed_cmp orders the highest key first and
 * equal keys by actor index (the order of the graph files). */
typedef struct keyed {
    double key;
    uint32_t actor;
} keyed;
int keyed_cmp(const void *x, const void *y);

/* Decimals a metric is printed with: 8 for the PageRanks (values of order
 * 1/N), 6 for the PN index, 3 for leverage, 2 for sums of Goldstein
 * intensities. */
int metric_decimals(ent_metric m);

/* "YYYY-MM-DD" of a day number, into buf (11 bytes). */
char *day_str(int32_t day, char *buf);

#endif
