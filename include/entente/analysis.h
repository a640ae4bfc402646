/*
 * entente/analysis.h: analyses of snapshots. Each returns result tables (see
 * table.h); the formulas, their references and their limits are in
 * docs/analyses.md.
 */
#ifndef ENTENTE_ANALYSIS_H
#define ENTENTE_ANALYSIS_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#include "view.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Per-actor metrics. ENT_METRIC_LEVERAGE is the default. The definitions,
 * their references and the choices behind them are in docs/analyses.md.
 */
typedef enum ent_metric {
    ENT_METRIC_LEVERAGE = 0,     /**< how much others rely on the actor: per client, the
                                      reliance on it times the share of the client's
                                      reliance that falls on it, summed */
    ENT_METRIC_COOPERATION_RANK, /**< PageRank on cooperation: rank flows from the target of
                                      any cooperative act to its source */
    ENT_METRIC_PRESSURE,         /**< pressure PageRank: hostility points target -> source */
    ENT_METRIC_POS_IN,           /**< sum of positive weights received */
    ENT_METRIC_POS_OUT,          /**< sum of positive weights given */
    ENT_METRIC_NEG_IN,           /**< sum of |negative weights| received */
    ENT_METRIC_NEG_OUT,          /**< sum of |negative weights| given */
    ENT_METRIC_NET_STANCE,       /**< pos_in - neg_in: how others stand towards the actor */
    ENT_METRIC_BETWEENNESS,      /**< directed, unweighted, on the engagement graph */
    ENT_METRIC_PN,               /**< Everett & Borgatti's PN index, ties symmetrised */
    ENT_METRIC_COUNT_
} ent_metric;

/** The metric's name as used on the command line ("leverage", "pos_in", ...). */
ENT_EXPORT const char *ent_metric_name(ent_metric m);
/** The metric named `name`, or -1. */
ENT_EXPORT int ent_metric_from_name(const char *name);

/** Metric values of every actor of a view; NaN for actors not present. */
typedef struct ent_metrics {
    size_t n_actors;
    double *values[ENT_METRIC_COUNT_]; /**< each n_actors long */
} ent_metrics;

/**
 * Computes the metrics on `v` whose bit (1 << ent_metric) is set in `mask`
 * (0: all); the others stay NULL. Returns 0, ENT_ENOMEM or ENT_EINTERNAL.
 */
ENT_EXPORT int ent_metrics_compute(ent_metrics **out, const ent_view *v, unsigned mask);
ENT_EXPORT void ent_metrics_free(ent_metrics *m);

/*
 * Building blocks, exposed for tests and for callers with graphs of their own.
 * Edges are (from[i], to[i]) among n vertices.
 */

/**
 * PageRank with damping `damping`; weights may be NULL (all 1) and must be
 * positive. Dangling vertices spread their rank evenly. out: n values summing
 * to 1. O((n + m) * iterations).
 */
ENT_EXPORT int ent_pagerank(size_t n, const uint32_t *from, const uint32_t *to,
                            const double *weights, size_t m, int directed, double damping,
                            double *out);

/** Betweenness of unweighted shortest paths, directed or not. O(n m). */
ENT_EXPORT int ent_betweenness(size_t n, const uint32_t *from, const uint32_t *to, size_t m,
                               int directed, double *out);

/**
 * PN index (Everett & Borgatti 2014) of an undirected signed graph: sign[i]
 * is +1 or -1 for the tie between from[i] and to[i] (each tie given once).
 * PN = (I - A / (2n - 2))^-1 1 with A = P - 2N. Returns ENT_EINTERNAL when the
 * iteration does not converge.
 */
ENT_EXPORT int ent_pn_index(size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                            size_t m, double *out);

/*
 * Every options struct of the library begins with a `version` field and has
 * an ENT_<NAME>_OPTIONS_INIT macro giving its defaults and an
 * ent_<name>_options_init function that assigns it; a function handed
 * options of a version it does not know returns ENT_EUSAGE.
 */

/** The version of ent_analysis_options this header describes. */
#define ENT_ANALYSIS_OPTIONS_VERSION 1

/** Options of the shift and explain analyses. */
typedef struct ent_analysis_options {
    unsigned version;  /**< ENT_ANALYSIS_OPTIONS_VERSION */
    ent_metric metric; /**< the metric compared, and the sort key (default leverage) */
    size_t top;        /**< keep this many rows (0: all, the default) */
} ent_analysis_options;

/** The defaults: leverage, every row. */
#define ENT_ANALYSIS_OPTIONS_INIT                                                        \
    {                                                                                    \
        .version = ENT_ANALYSIS_OPTIONS_VERSION, .metric = ENT_METRIC_LEVERAGE, .top = 0 \
    }

/** Sets *o to ENT_ANALYSIS_OPTIONS_INIT. */
ENT_EXPORT void ent_analysis_options_init(ent_analysis_options *o);

/** The version of ent_influence_options this header describes. */
#define ENT_INFLUENCE_OPTIONS_VERSION 1

/** Options of the influence table. */
typedef struct ent_influence_options {
    unsigned version;     /**< ENT_INFLUENCE_OPTIONS_VERSION */
    ent_metric metric;    /**< the sort key (default leverage) */
    size_t top;           /**< keep this many rows (0: all, the default) */
    const uint32_t *bloc; /**< when not NULL, each actor's bloc (ent_blocs), shown as a last
                               column "bloc" (default NULL) */
} ent_influence_options;

/** The defaults: by leverage, every row, no bloc column. */
#define ENT_INFLUENCE_OPTIONS_INIT                                                         \
    {                                                                                      \
        .version = ENT_INFLUENCE_OPTIONS_VERSION, .metric = ENT_METRIC_LEVERAGE, .top = 0, \
        .bloc = NULL                                                                       \
    }

/** Sets *o to ENT_INFLUENCE_OPTIONS_INIT. */
ENT_EXPORT void ent_influence_options_init(ent_influence_options *o);

/*
 * Reliance (docs/analyses.md, "Leverage"). Every relation whose role makes
 * one actor rely on another adds to that pair's reliance: a relation that
 * provides makes its target rely on its source, one that seeks or yields
 * makes its source rely on its target, membership of an alliance with
 * collective defence makes the member rely on the alliance; a refusal takes
 * from the target's reliance on its source. Each counts with the magnitude of
 * its weight on the day, halved when it is words rather than deeds (its mode)
 * and halved again when it is an event rather than a durable tie. A pair's
 * reliance is the sum, or 0 when the sum is negative.
 */

/** What one relation adds to one pair's reliance on the view's day. */
typedef struct ent_reliance {
    uint32_t client, patron; /**< who relies, and on whom */
    double amount;           /**< > 0 adds to the client's reliance, < 0 (a refusal) takes */
} ent_reliance;

/**
 * What relation `r` contributes to reliance on the view's day: out[0], and
 * out[1] for a relation of a symmetric type read in its other direction (an
 * alliance makes each party rely on the other). Returns how many entries it
 * filled: 0 when the relation's role makes nobody rely on anybody or it is
 * not in force, 1, or 2. O(1).
 */
ENT_EXPORT int ent_relation_reliance(const ent_view *v, uint32_t r, ent_reliance out[2]);

/**
 * The reliance of `actor` on every patron and of every client on `actor`, as
 * one table: the other actor, the reliance, its share of the client's whole
 * reliance, the leverage it gives (reliance times share) and the relations
 * behind it. The rows where the actor relies on others come first, each part
 * by leverage, highest first. O(edges of the view).
 */
ENT_EXPORT int ent_leverage_table(ent_table **out, const ent_view *v, uint32_t actor);

/** Actors present in a view and the edges, with the relations behind each. */
ENT_EXPORT int ent_snapshot_tables(ent_table **actors, ent_table **edges, const ent_view *v);

/** One row per present actor with every metric, sorted by opts->metric. `opts` may be NULL. */
ENT_EXPORT int ent_influence_table(ent_table **out, const ent_view *v,
                                   const ent_influence_options *opts);

/** Change of opts->metric per actor from view a to view b, with ranks. */
ENT_EXPORT int ent_shift_table(ent_table **out, const ent_view *a, const ent_view *b,
                               const ent_analysis_options *opts);

/**
 * The edge changes from a to b (formed, dissolved, sign-flipped, intensity
 * changed) that account for `actor`'s change of opts->metric, largest first,
 * each with its contribution: the metric in b minus the metric in b with that
 * one change reverted.
 */
ENT_EXPORT int ent_explain_table(ent_table **out, const ent_view *a, const ent_view *b,
                                 uint32_t actor, const ent_analysis_options *opts);

/** Actors that appeared and disappeared, and edges formed, dissolved, sign-flipped. */
ENT_EXPORT int ent_diff_tables(ent_table **actors, ent_table **edges, ent_table **summary,
                               const ent_view *a, const ent_view *b);

/** The period a `who` query looks at. */
typedef struct ent_when {
    int between;   /**< 0: on `day`, with the snapshot rules; 1: any time in [first, last] */
    int32_t day;   /**< the day of an --at query */
    int32_t first; /**< the period of a --between query, both days included */
    int32_t last;
} ent_when;

/** A `who` question: who VERB actor, or (reverse) whom actor VERB. */
typedef struct ent_who_query {
    uint32_t actor;
    int reverse;      /**< 0: who acted towards actor; 1: towards whom actor acted */
    int sign;         /**< +1 backed, -1 opposed, 0 the relations named by `kind` */
    const char *kind; /**< a relation type id or a family, when sign is 0 */
    unsigned depth;   /**< 1: direct only; 2+: chains of backing and opposition */
    int evidence;     /**< add a column with the sources and their notes */
    size_t *examined; /**< when not NULL, set to the number of relations the walk looked at */
} ent_who_query;

/**
 * Resolves a verb as users type it: "backed" (sign +1), "opposed" (-1),
 * "any" (every relation, whatever its type and sign; kind "any"), a relation
 * type id or its past tense ("attacks", "attacked"), or a family
 * ("mediation", "force"). Sets q->sign and q->kind (pointing into the
 * graph's vocabulary). Returns 0, or -1 with *suggestion set (or NULL).
 */
ENT_EXPORT int ent_who_verb(const ent_graph *g, const char *verb, ent_who_query *q,
                            const char **suggestion);

/**
 * Answers a `who` question: one row per actor, with how it is linked
 * (directly, or through a chain whose sign is the product of its signs),
 * the relations behind it and, with q->evidence, their sources. The view
 * options give the event window, the decay and the filters; `when` the
 * period. Touches only the neighbourhood within q->depth of the actor.
 */
ENT_EXPORT int ent_who_table(ent_table **out, const ent_graph *g, const ent_view_options *o,
                             const ent_when *when, const ent_who_query *q);

/**
 * The shortest signed paths from actor `from` to actor `to` in view `v`
 * (edges with a non-zero weight, followed in their direction), at most
 * `limit` of them (0: 20), each with its sign (the product of its edges'
 * signs) and the relations on every step.
 */
ENT_EXPORT int ent_path_table(ent_table **out, const ent_view *v, uint32_t from, uint32_t to,
                              size_t limit);

/**
 * The obligations in force on the view's day (relation types marked as
 * obligations; membership only of an alliance with collective defence, the
 * alliance then being bound to the member) and, for each, whether the bound
 * party acted on it in the view's window: "kept" (it backed the protected
 * party), "broken" (it acted against it, or cooperated with one who attacked
 * it), "ignored" (the protected party was attacked or asked for help and it
 * did neither) or "not tested". Each verdict lists the relations behind it.
 */
ENT_EXPORT int ent_commitments_table(ent_table **out, const ent_view *v);

/*
 * Structural balance (docs/analyses.md, "Structural balance"). The view's
 * directed edges are folded into a signed undirected graph: one tie per pair
 * of actors, with the sign of the sum of both directions' weights (no tie when
 * that sum is 0, or within 1e-9 of it; self-loops are ignored).
 */

/** The version of ent_balance_options this header describes. */
#define ENT_BALANCE_OPTIONS_VERSION 1

/** Settings of the balance analyses. Initialise with ENT_BALANCE_OPTIONS_INIT. */
typedef struct ent_balance_options {
    unsigned version;               /**< ENT_BALANCE_OPTIONS_VERSION */
    size_t top;                     /**< keep this many unbalanced triads (0: all) */
    size_t exact_max;               /**< connected parts of up to this many actors (at most
                                         64) get the exact frustration index; 0: heuristic
                                         only; default 48 */
    unsigned long long node_budget; /**< branch-and-bound nodes per call before the exact
                                         search gives up and keeps the heuristic bound;
                                         default 20 million (about a second or two) */
    size_t walk_max;                /**< walk balance only when no connected part has more
                                         actors than this (dense eigenvalues, cubic time);
                                         0: never; default 1000 (half a second) */
    int direct_only;                /**< 1: leave out the ties that membership of a shared
                                         collective-defence alliance adds; default 0 */
} ent_balance_options;

/** The defaults: exact up to 48 actors, 20 million nodes, walk balance up to 1000. */
#define ENT_BALANCE_OPTIONS_INIT                                           \
    {                                                                      \
        .version = ENT_BALANCE_OPTIONS_VERSION, .top = 0, .exact_max = 48, \
        .node_budget = 20000000ULL, .walk_max = 1000, .direct_only = 0     \
    }

/** Sets *o to ENT_BALANCE_OPTIONS_INIT. */
ENT_EXPORT void ent_balance_options_init(ent_balance_options *o);

/** What ent_frustration found, and how sure it is. */
typedef struct ent_frustration_info {
    size_t frustration;       /**< ties that go against the camps: the frustration index
                                   when `exact`, else an upper bound */
    size_t lower_bound;       /**< a proven lower bound (equal to `frustration` when exact) */
    int exact;                /**< 1 when every part was solved exactly */
    size_t parts;             /**< connected parts left once actors with a single tie are
                                   set aside (they never need to be frustrated) */
    size_t parts_heuristic;   /**< parts left to the heuristic: too large or over budget */
    size_t parts_over_budget; /**< of those, parts small enough whose search ran out */
    size_t largest_heuristic; /**< actors in the largest heuristic part (0: none) */
    unsigned long long nodes; /**< branch-and-bound nodes visited */
} ent_frustration_info;

/*
 * Building blocks on an undirected signed graph of n vertices: tie i joins
 * from[i] and to[i] (distinct, each pair once) with sign[i] = +1 or -1. They
 * return ENT_EUSAGE for a self-loop, a vertex out of range, another sign or a
 * pair given twice, else 0 or ENT_ENOMEM (ENT_EINTERNAL from LAPACK).
 */

/**
 * Counts the triangles by their number of negative ties: counts[0] +++,
 * counts[1] ++-, counts[2] +--, counts[3] ---. O(m^1.5).
 */
ENT_EXPORT int ent_signed_triangles(size_t n, const uint32_t *from, const uint32_t *to,
                                    const int *sign, size_t m, size_t counts[4]);

/**
 * Walk balance of Estrada and Benzi (2014): tr exp(A) / tr exp(|A|), with A
 * the signed adjacency matrix over all n vertices (a vertex without ties adds
 * 1 to both traces). 1 for a balanced graph, towards 0 as it gets frustrated.
 * Eigenvalues of each connected part by LAPACK's dsyevr (through igraph):
 * O(sum of the parts' sizes cubed). NaN when n is 0.
 */
ENT_EXPORT int ent_walk_balance(size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                                size_t m, double *out);

/**
 * Frustration index: the least number of ties that go against some split of
 * the vertices into two camps (a positive tie across the camps or a negative
 * one inside a camp), which is also the least number of ties whose removal
 * leaves a balanced graph. Sets camp[v] to 1 or 2 (in each connected part the
 * first vertex is in camp 1) and *info. Parts of up to o->exact_max vertices
 * are solved exactly by branch and bound within o->node_budget; larger ones by
 * a multi-start local search that gives an upper bound. `o` may be NULL (the
 * defaults). Deterministic: the same input gives the same camps.
 */
ENT_EXPORT int ent_frustration(size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                               size_t m, const ent_balance_options *o, int *camp,
                               ent_frustration_info *info);

/**
 * Structural balance of a view. `summary`: one row with the tie and triangle
 * counts, the strict and weak triangle balance, the walk balance and the
 * frustration index (normalised, with its method: "exact" or "heuristic" and
 * then a lower bound). `triads`: the unbalanced triangles under strict
 * balance (++- and ---), most intense first (the sum of the magnitudes of
 * their ties, then actor order), each tie with the relations behind it.
 * `camps`: every actor with a tie, its connected part, its camp and its ties
 * that go against the camps. Any of the three may be NULL when not wanted.
 * `o` may be NULL. Returns 0, ENT_ENOMEM or ENT_EINTERNAL.
 */
ENT_EXPORT int ent_balance_tables(ent_table **summary, ent_table **triads, ent_table **camps,
                                  const ent_view *v, const ent_balance_options *o);

/**
 * How balance changed from view a to view b (two dates of one graph).
 * `summary`: the summary's measures on each date and their change (three
 * rows). `triads`: the triads that became unbalanced (a balanced triangle
 * before), formed unbalanced (not a closed triangle before), became balanced
 * or dissolved (a tie gone), with the relations behind each tie on the later
 * date (the earlier one for a tie that is gone). Either may be NULL. Returns
 * 0, ENT_EUSAGE when the views come from different graphs, ENT_ENOMEM or
 * ENT_EINTERNAL.
 */
ENT_EXPORT int ent_balance_change_tables(ent_table **summary, ent_table **triads, const ent_view *a,
                                         const ent_view *b, const ent_balance_options *o);

/*
 * Blocs (docs/analyses.md, "Blocs"): signed community detection on the same
 * signed undirected projection as the balance analyses, with the tie weights
 * (the sum of both directions' weights) kept. Each connected part is split by
 * igraph's spinglass in its variant for negative weights (Traag and Bruggeman
 * 2009), one part at a time, sequential updates, the random generator seeded
 * with the same seed before each part: the same input gives the same blocs.
 */

/** The version of ent_blocs_options this header describes. */
#define ENT_BLOCS_OPTIONS_VERSION 1

/** Settings of the bloc detection. Initialise with ENT_BLOCS_OPTIONS_INIT. */
typedef struct ent_blocs_options {
    unsigned version;   /**< ENT_BLOCS_OPTIONS_VERSION */
    unsigned long seed; /**< seed of the random generator (default 42) */
    size_t max_blocs;   /**< the most blocs one connected part may split into (spins;
                             default 25, at least 2) */
    size_t max_part;    /**< refuse connected parts of more actors than this (spinglass is
                             slow on large parts); 0: no limit; default 1000 */
    double gamma;       /**< weight of the positive ties' null model (default 1) */
    double gamma_minus; /**< weight of the negative ties' null model (default 1) */
    int direct_only;    /**< 1: leave out the ties of shared defence alliances (default 0) */
} ent_blocs_options;

/** The defaults: seed 42, 25 blocs per part at most, parts of up to 1000 actors. */
#define ENT_BLOCS_OPTIONS_INIT                                                               \
    {                                                                                        \
        .version = ENT_BLOCS_OPTIONS_VERSION, .seed = 42, .max_blocs = 25, .max_part = 1000, \
        .gamma = 1.0, .gamma_minus = 1.0, .direct_only = 0                                   \
    }

/** Sets *o to ENT_BLOCS_OPTIONS_INIT. */
ENT_EXPORT void ent_blocs_options_init(ent_blocs_options *o);

/**
 * The bloc of every actor of the view's graph: bloc[a] is 1..*nblocs, or 0
 * for an actor without a signed tie on the view's day. `bloc` has room for
 * ent_graph_actor_count() entries. Blocs are numbered by size, largest
 * first, then by their first actor in graph order. `o` may be NULL. Returns
 * 0, ENT_EUSAGE (a part larger than o->max_part, or a bad option),
 * ENT_ENOMEM or ENT_EINTERNAL (igraph failed).
 */
ENT_EXPORT int ent_blocs(const ent_view *v, const ent_blocs_options *o, uint32_t *bloc,
                         size_t *nblocs);

/**
 * The blocs of two dates of one graph numbered alike, for colouring them the
 * same way: bloc_a as ent_blocs gives it; in bloc_b, a bloc matched to one
 * of a's (the most actors shared, as in ent_blocs_change_tables) takes its
 * number and the others follow a's last. Both arrays have room for
 * ent_graph_actor_count() entries; 0 marks an actor without a signed tie.
 */
ENT_EXPORT int ent_blocs_aligned(const ent_view *a, const ent_view *b, const ent_blocs_options *o,
                                 uint32_t *bloc_a, uint32_t *bloc_b);

/**
 * The blocs of a view as tables. `blocs`: one row per bloc with its members,
 * its positive and negative ties inside and towards other blocs, and the
 * declared alliances it overlaps (alliances with members on the day, through
 * `member_of`). `between`: one row per pair of blocs with ties between them,
 * the ties listed. `members`: every actor with a tie, its bloc, its ties
 * inside and outside the bloc, and the ties that go against the blocs (a
 * positive tie to another bloc, a negative one inside), with the relations
 * behind them. Any may be NULL when not wanted. `o` may be NULL.
 */
ENT_EXPORT int ent_blocs_tables(ent_table **blocs, ent_table **between, ent_table **members,
                                const ent_view *v, const ent_blocs_options *o);

/**
 * How the blocs changed from view a to view b (two dates of one graph).
 * Blocs are matched across the dates greedily by the most actors shared.
 * `summary`: the actors, ties, blocs and the share of ties in line with the
 * blocs on each date (two rows) and the matching in its notes. `moves`: the
 * actors that moved to a bloc that is not the match of their former one,
 * joined (a tie on the later date only) or left (on the earlier only), with
 * the companions they left and found. Either may be NULL. Returns as
 * ent_blocs, or ENT_EUSAGE when the views come from different graphs.
 */
ENT_EXPORT int ent_blocs_change_tables(ent_table **summary, ent_table **moves, const ent_view *a,
                                       const ent_view *b, const ent_blocs_options *o);

/**
 * The blocs of one view, found once and read as often as wanted: for a
 * caller that shows the same blocs in several tables, colours or
 * comparisons without running the detection again (ent_blocs,
 * ent_blocs_tables, ent_blocs_change_tables and ent_blocs_aligned each find
 * them anew). Opaque; keeps a pointer to its view, which must outlive it.
 */
typedef struct ent_blocs_found ent_blocs_found;

/**
 * Finds the blocs of view v into a new *out (the caller frees it with
 * ent_blocs_found_free). `o` may be NULL (the defaults); it is copied.
 * Returns 0, or as ent_blocs (*out NULL). Time: one spinglass run per
 * connected part.
 */
ENT_EXPORT int ent_blocs_find(ent_blocs_found **out, const ent_view *v, const ent_blocs_options *o);

/** Frees found blocs. Accepts NULL. */
ENT_EXPORT void ent_blocs_found_free(ent_blocs_found *b);

/** The number of blocs. O(1). */
ENT_EXPORT size_t ent_blocs_found_count(const ent_blocs_found *b);

/**
 * The bloc of every actor of the graph, as ent_blocs gives it: bloc[a] is
 * 1..count or 0 (no signed tie); `bloc` has room for
 * ent_graph_actor_count() entries. O(actors).
 */
ENT_EXPORT void ent_blocs_found_of(const ent_blocs_found *b, uint32_t *bloc);

/** The tables of ent_blocs_tables, from found blocs. Any may be NULL. */
ENT_EXPORT int ent_blocs_found_tables(ent_table **blocs, ent_table **between, ent_table **members,
                                      const ent_blocs_found *b);

/**
 * The tables of ent_blocs_change_tables, from blocs found on two dates of
 * one graph (ENT_EUSAGE otherwise). The notes give a's options. Either
 * output may be NULL.
 */
ENT_EXPORT int ent_blocs_found_change_tables(ent_table **summary, ent_table **moves,
                                             const ent_blocs_found *a, const ent_blocs_found *b);

/** As ent_blocs_aligned, from blocs found on two dates of one graph. */
ENT_EXPORT int ent_blocs_found_aligned(const ent_blocs_found *a, const ent_blocs_found *b,
                                       uint32_t *bloc_a, uint32_t *bloc_b);

/*
 * Alignment (docs/analyses.md, "Alignment"): how two actors stand with each
 * other on a date, directly and through their portfolios. Every actor
 * present on the view's day values each present actor +1, 0 or -1: the sign
 * of their tie folded as the balance analyses fold it (both directions'
 * weights summed, no tie within 1e-9 of 0), and +1 for itself. Over these
 * portfolios of N valuations, S of Signorino and Ritter (1999) with the
 * absolute distance, S = 1 - sum_k |x_Ak - x_Bk| / N (1: identical, -1:
 * opposite), and Scott's pi on the same distance, S corrected for the
 * agreement expected by chance from the two portfolios' pooled valuations,
 * pi = 1 - (1 - S) / D_e (Hage 2011).
 */

/** The version of ent_align_options this header describes. */
#define ENT_ALIGN_OPTIONS_VERSION 1

/** Options of the alignment tables. */
typedef struct ent_align_options {
    unsigned version;     /**< ENT_ALIGN_OPTIONS_VERSION */
    size_t top;           /**< keep this many partners (0: all, the default) */
    const uint32_t *with; /**< when not NULL, the one partner to show (default NULL) */
} ent_align_options;

/** The defaults: every partner, every row. */
#define ENT_ALIGN_OPTIONS_INIT                                       \
    {                                                                \
        .version = ENT_ALIGN_OPTIONS_VERSION, .top = 0, .with = NULL \
    }

/** Sets *o to ENT_ALIGN_OPTIONS_INIT. */
ENT_EXPORT void ent_align_options_init(ent_align_options *o);

/**
 * S and pi of two portfolios given as n valuations each (-1, 0 or +1;
 * position k of both is their valuation of the same actor). *pi is NaN when
 * every valuation of both is the same (chance explains all agreement).
 * Returns 0, or ENT_EUSAGE for n = 0 or another value. O(n).
 */
ENT_EXPORT int ent_align_similarity(double *s, double *pi, const int *x, const int *y, size_t n);

/**
 * The partners of `actor` on the view's day, one row per other actor
 * present: its id and name, the folded tie with `actor` and its sign ("+",
 * "0", "-"), S, pi, the actors both value alike and oppositely, and the
 * relations behind the tie. Rows by S, highest first, then the tie, highest
 * first, then graph order; opts->top keeps the first rows, opts->with only
 * that partner. `opts` may be NULL. Returns 0; ENT_EUSAGE when `actor` or the
 * partner is not present on the day (nothing to compare) or they are the
 * same; ENT_ENOMEM. Time O(N + E) to fold the view (no sort), plus the sum
 * of the degrees of the actor's partners, plus O(N log N) to order the rows.
 */
ENT_EXPORT int ent_align_table(ent_table **out, const ent_view *v, uint32_t actor,
                               const ent_align_options *opts);

/**
 * How `actor`'s alignment changed from view a to view b (two dates of one
 * graph): per partner present on either date, S, pi and the tie on each date
 * and their change, what happened to the tie ("positive tie formed", "turned
 * negative", "tie dissolved", "appeared" ...) and the relations behind it on
 * the later date (the earlier when the tie is gone). Rows by the size of the
 * change of S, largest first, gains before losses of the same size, then
 * graph order; partners present on one date only last, in graph order.
 * Returns as ent_align_table (`actor` must be present on both dates), or
 * ENT_EUSAGE when the views come from different graphs. Time: twice that of
 * ent_align_table.
 */
ENT_EXPORT int ent_align_change_table(ent_table **out, const ent_view *a, const ent_view *b,
                                      uint32_t actor, const ent_align_options *opts);

#ifdef __cplusplus
}
#endif
#endif
