/*
 * entente/graph.h: the model, an immutable collection of sources, actors,
 * relations, snapshots, comparisons and the relation vocabulary, as loaded
 * from one or more graph files (see load.h and docs/format.md).
 *
 * Records are plain read-only structs owned by the graph; their pointers stay
 * valid until ent_graph_free. Actors, relations and the rest keep the order in
 * which they appear in the files, files in the order given.
 */
#ifndef ENTENTE_GRAPH_H
#define ENTENTE_GRAPH_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of actor. */
typedef enum ent_actor_kind {
    ENT_KIND_STATE = 0,
    ENT_KIND_DE_FACTO_STATE,
    ENT_KIND_LEADER,
    ENT_KIND_PERSON,
    ENT_KIND_ALLIANCE,
    ENT_KIND_ORGANIZATION,
    ENT_KIND_FORCE,
    ENT_KIND_GROUP,
    ENT_KIND_PLACE,
    ENT_KIND_ISSUE,
    ENT_KIND_COUNT_
} ent_actor_kind;

/** How well a relation is established. */
typedef enum ent_status {
    ENT_STATUS_CONFIRMED = 0, /**< the source states it as settled fact */
    ENT_STATUS_REPORTED,      /**< reported by independent sources (the default) */
    ENT_STATUS_CLAIMED,       /**< asserted by one party (claimed_by), unverified */
    ENT_STATUS_DISPUTED,      /**< contested between sources */
    ENT_STATUS_COUNT_
} ent_status;

/** Where a record was written: file index (ent_graph_file) and line. */
typedef struct ent_loc {
    uint32_t file;
    uint32_t line;
} ent_loc;

/** The most distinct source kinds a graph may have (see ent_view_options). */
#define ENT_MAX_SOURCE_KINDS 32

typedef struct ent_source {
    const char *id, *title, *publisher, *author, *url; /**< "" when absent */
    const char *kind; /**< what kind of source ("article", "reference"), or "" when not given */
    ent_date date;
    ent_loc loc;
} ent_source;

typedef struct ent_actor {
    const char *id;   /**< unique slug */
    const char *name; /**< display name */
    ent_actor_kind kind;
    const char *const *aliases; /**< n_aliases other names */
    size_t n_aliases;
    const char *const *tags; /**< n_tags free tags */
    size_t n_tags;
    ent_date from, to;       /**< existence; year 0 when open */
    int collective_defense;  /**< alliances: 1 or 0; -1 when not given */
    const char *description; /**< "" when absent */
    const char *attributes;  /**< compact JSON text of `attributes`, or "" */
    ent_loc loc;
} ent_actor;

typedef struct ent_evidence {
    uint32_t source;     /**< index into the graph's sources */
    const char *locator; /**< "" when absent */
    const char *note;    /**< "" when absent */
} ent_evidence;

/** Sentinel for "no actor" in ent_relation.claimed_by and .via. */
#define ENT_NO_ACTOR UINT32_MAX

typedef struct ent_relation {
    const char *id;          /**< "" when the file gives none */
    uint32_t source, target; /**< actor indices */
    uint32_t type;           /**< index into the graph's vocabulary */
    ent_date from, to;       /**< durable relations; year 0 when open */
    ent_date at;             /**< events */
    double intensity;        /**< the file's value, else the type's default */
    int intensity_given;     /**< 1 when the file set `intensity` */
    ent_status status;
    uint32_t claimed_by; /**< actor index or ENT_NO_ACTOR */
    uint32_t via;        /**< actor index or ENT_NO_ACTOR */
    const ent_evidence *evidence;
    size_t n_evidence;
    const char *note; /**< "" when absent */
    ent_loc loc;
} ent_relation;

/**
 * A snapshot a graph file declares (`snapshots`): a named date worth looking
 * at. The graph as it stood on that day is a view (view.h, ent_view_new).
 */
typedef struct ent_declared_snapshot {
    const char *id, *label; /**< label "" when absent */
    ent_date at;
    ent_loc loc;
} ent_declared_snapshot;

/**
 * A pair of snapshots that a file declares worth comparing. The `from`
 * snapshot's day comes before the `to` snapshot's (the loader refuses the
 * rest). At most one comparison of a graph is the headline.
 */
typedef struct ent_comparison {
    const char *id, *label; /**< label "" when absent */
    uint32_t from, to;      /**< snapshot indices (ent_graph_snapshot) */
    int headline;           /**< 1 for the headline comparison, else 0 */
    ent_loc loc;
} ent_comparison;

typedef struct ent_graph ent_graph;

/** Frees a graph and every record in it. Accepts NULL. */
ENT_EXPORT void ent_graph_free(ent_graph *g);

/** Title of the first file that has one, or "". */
ENT_EXPORT const char *ent_graph_title(const ent_graph *g);
/** Description of the first file that has one, or "". */
ENT_EXPORT const char *ent_graph_description(const ent_graph *g);

ENT_EXPORT size_t ent_graph_file_count(const ent_graph *g);
/** Path of the i-th file, as given to the loader. */
ENT_EXPORT const char *ent_graph_file(const ent_graph *g, size_t i);

ENT_EXPORT size_t ent_graph_source_count(const ent_graph *g);
ENT_EXPORT const ent_source *ent_graph_source(const ent_graph *g, size_t i);

/** The distinct source kinds, in order of first appearance (at most ENT_MAX_SOURCE_KINDS). */
ENT_EXPORT size_t ent_graph_source_kind_count(const ent_graph *g);
ENT_EXPORT const char *ent_graph_source_kind(const ent_graph *g, size_t k);
/** The index of source kind `kind`, or -1. */
ENT_EXPORT long ent_graph_source_kind_by_name(const ent_graph *g, const char *kind);

ENT_EXPORT size_t ent_graph_actor_count(const ent_graph *g);
ENT_EXPORT const ent_actor *ent_graph_actor(const ent_graph *g, size_t i);

ENT_EXPORT size_t ent_graph_relation_count(const ent_graph *g);
ENT_EXPORT const ent_relation *ent_graph_relation(const ent_graph *g, size_t i);

/**
 * The days a relation spans, as the snapshots read them: `first` and `last`
 * are the widest reading of its dates as day numbers (ent_date_first_day), the
 * first and last day of from/to for a durable relation (open ends INT32_MIN
 * and INT32_MAX), of `at` for an event; `begins` is the day from which it
 * surely counts (the last day of its from or at period: docs/analyses.md,
 * "Partial dates").
 */
typedef struct ent_span {
    int32_t first, last; /**< the widest reading of the dates */
    int32_t begins;      /**< the day from which the relation counts */
    int durable;         /**< 1: a durable relation (from/to), 0: an event (at) */
} ent_span;

/** The span of relation r; all zero when r is out of range. O(1). */
ENT_EXPORT ent_span ent_graph_relation_span(const ent_graph *g, size_t r);

/**
 * The relations incident on actor a, for walking the graph from an actor
 * without a snapshot. ent_graph_relations_to: those towards a (a is their
 * target), and a's relations of a symmetric type where a is the source;
 * ent_graph_relations_from: those from a (a is their source, or their `via`,
 * the channel of the act), and a's relations of a symmetric type where a is
 * the target. Both in file order. *rels receives relation indices that
 * point into the graph (valid while it lives); returns how many (0 and NULL
 * for an actor out of range). O(1).
 */
ENT_EXPORT size_t ent_graph_relations_to(const ent_graph *g, size_t a, const uint32_t **rels);
ENT_EXPORT size_t ent_graph_relations_from(const ent_graph *g, size_t a, const uint32_t **rels);

ENT_EXPORT size_t ent_graph_snapshot_count(const ent_graph *g);
ENT_EXPORT const ent_declared_snapshot *ent_graph_snapshot(const ent_graph *g, size_t i);

ENT_EXPORT size_t ent_graph_comparison_count(const ent_graph *g);
ENT_EXPORT const ent_comparison *ent_graph_comparison(const ent_graph *g, size_t i);

/** Number of relation types: the built-in ones, then those the files add. */
ENT_EXPORT size_t ent_graph_type_count(const ent_graph *g);
/** The i-th relation type, with the files' overrides applied. */
ENT_EXPORT const ent_reltype *ent_graph_type(const ent_graph *g, size_t i);

/** Index of the actor with this exact id, or -1. O(1) expected. */
ENT_EXPORT long ent_graph_actor_by_id(const ent_graph *g, const char *id);

/**
 * Resolves a name as a user types it: an actor id, name or alias, compared
 * without regard to ASCII case. Returns the actor index, -1 when nothing
 * matches, or -2 when the name matches several actors. When nothing matches
 * and `suggestion` is not NULL, it receives the closest id (or NULL).
 */
ENT_EXPORT long ent_graph_resolve_actor(const ent_graph *g, const char *name,
                                        const char **suggestion);

/**
 * Every actor whose id, name or one of whose aliases equals `name` without
 * regard to ASCII case, in graph order: writes up to `max` indices to `out`
 * and returns how many there are in all. O(actors + aliases).
 */
ENT_EXPORT size_t ent_graph_actor_matches(const ent_graph *g, const char *name, uint32_t *out,
                                          size_t max);

/** Index of the snapshot with this id, or -1. */
ENT_EXPORT long ent_graph_snapshot_by_id(const ent_graph *g, const char *id);

/**
 * Resolves WHEN as users write it: the id of a snapshot the graph declares, or a date
 * (YYYY, YYYY-MM, YYYY-MM-DD; a partial date means its last day). Sets *day.
 * Returns 0, or -1 when it is neither (with a suggestion in *suggestion when
 * one is close, else NULL).
 */
ENT_EXPORT int ent_graph_resolve_when(const ent_graph *g, const char *when, int32_t *day,
                                      const char **suggestion);

/** Index of the comparison with this id, or -1. */
ENT_EXPORT long ent_graph_comparison_by_id(const ent_graph *g, const char *id);

/**
 * Index of the comparison marked `"headline": true`, or -1 when none is.
 * O(1).
 */
ENT_EXPORT long ent_graph_headline_comparison(const ent_graph *g);

/** Names of kinds and statuses as written in graph files ("de_facto_state"). */
ENT_EXPORT const char *ent_actor_kind_str(ent_actor_kind k);
ENT_EXPORT const char *ent_status_str(ent_status s);

#ifdef __cplusplus
}
#endif
#endif
