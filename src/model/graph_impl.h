/*
 * graph_impl.h: the inside of ent_graph, shared by the model and the loader
 * (which builds graphs). Nothing outside src/ sees it.
 */
#ifndef ENT_MODEL_GRAPH_IMPL_H
#define ENT_MODEL_GRAPH_IMPL_H

#include "entente/graph.h"
#include "model/span.h"
#include "util/arena.h"
#include "util/grow.h"
#include "util/strmap.h"

/* Value stored in `names` for a lowercased name shared by several actors. */
#define ENT_NAME_AMBIGUOUS UINT32_MAX

struct ent_graph {
    ent_arena arena;    /* every string and small array of the graph */
    const char **files; /* paths as given, n_files of them */
    size_t n_files;
    const char *title;       /* "" when no file has one */
    const char *description; /* "" when no file has one */

    ent_source *sources;
    size_t n_sources, cap_sources;
    ent_actor *actors;
    size_t n_actors, cap_actors;
    ent_relation *relations;
    size_t n_relations, cap_relations;
    ent_declared_snapshot *snapshots;
    size_t n_snapshots, cap_snapshots;
    ent_comparison *comparisons;
    size_t n_comparisons, cap_comparisons;
    long headline;                                  /* index of the headline comparison, or -1 */
    const char *source_kinds[ENT_MAX_SOURCE_KINDS]; /* distinct `kind`s of sources */
    size_t n_source_kinds;
    ent_reltype *types; /* built-in types first, then the files' own */
    size_t n_types, cap_types;

    ent_strmap source_ids;     /* id -> index into sources */
    ent_strmap actor_ids;      /* id -> index into actors */
    ent_strmap snapshot_ids;   /* id -> index into snapshots */
    ent_strmap comparison_ids; /* id -> index into comparisons */
    ent_strmap type_ids;       /* id -> index into types */
    ent_strmap relation_ids;   /* the relation ids given, for duplicate checks */
    ent_strmap names;          /* lowercased id, name, alias -> actor or AMBIGUOUS */
    ent_rel_span *spans;       /* per relation, see ent_rel_span */
    ent_pair_span *pairs;      /* the relations by pair, see ent_pair_span */
    size_t n_pairs;
    size_t n_symmetric;        /* relations of a symmetric type */
    /* Relations by target and by source (CSR): by_target[in_start[a] ..
     * in_start[a + 1]) are the relations towards actor a, in file order;
     * likewise by_source/out_start. A relation with `via` V is also listed
     * among V's outgoing relations (V was the channel of the act). A relation
     * of a symmetric type is also listed among its source's incoming and its
     * target's outgoing relations: use in_other/out_other for the other end. */
    uint32_t *by_target, *by_source;
    size_t *in_start, *out_start;
};

/* Fills g->spans from the relations. Returns 0 or -1 when out of memory. */
int ent__graph_index(ent_graph *g);

/* A new empty graph holding the built-in vocabulary, or NULL. */
ent_graph *ent__graph_new(void);

/* ASCII-lowercases a copy of s into the graph's arena. */
char *ent__graph_lower(ent_graph *g, const char *s);

#endif
