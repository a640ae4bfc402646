/*
 * graph_impl.h: the inside of ent_graph, shared by the model and the loader
 * (which builds graphs). Nothing outside src/ sees it.
 */
#ifndef ENT_MODEL_GRAPH_IMPL_H
#define ENT_MODEL_GRAPH_IMPL_H

#include "entente/graph.h"
#include "util/arena.h"
#include "util/strmap.h"

/* Value stored in `names` for a lowercased name shared by several actors. */
#define ENT_NAME_AMBIGUOUS UINT32_MAX

/*
 * How a relation read from one end (`from`) to the other (`to`) bears on
 * reliance (src/passes/reliance.c, docs/analyses.md "Leverage"), fixed by its
 * type's role and, for membership, by the alliance it joins.
 */
enum {
    ENT_RELY_NONE = 0,   /* makes nobody rely on anybody */
    ENT_RELY_TO_ON_FROM, /* `to` relies on `from`: provides */
    ENT_RELY_FROM_ON_TO, /* `from` relies on `to`: seeks, yields, joins a defence alliance */
    ENT_RELY_REFUSAL     /* takes from the reliance of `to` on `from`: refuses */
};

/*
 * What a snapshot needs of each relation, packed: the days it spans (first
 * and last day of from/to for durable relations, open ends as INT32_MIN and
 * INT32_MAX; of `at` for events) and the day from which it counts (see
 * docs/analyses.md, "Partial dates"), computed once when the graph is loaded
 * so that every snapshot after that is a scan of this array.
 */
typedef struct ent_rel_span {
    int32_t first, last; /* the widest reading of the dates */
    int32_t begins;      /* the day from which the relation counts: the last day of its
                            `from` (durable) or `at` (event) period, when it surely was */
    uint32_t source, target;
    double intensity;
    uint32_t claimed_by;
    uint8_t status;
    uint8_t durable;
    uint8_t symmetric; /* the type holds both ways: snapshots read it in both directions */
    uint32_t kinds;    /* bit k: the relation has evidence from a source of kind k */
    /* The reliance code (ENT_RELY_*) read from source to target, and from target to
     * source (only read for a symmetric type), and how many times its amount is halved
     * (words weigh half of deeds, events half of durable ties): what leverage needs of a
     * relation besides its weight, here so that it reads one place per relation. These
     * three bytes fill what was padding. */
    uint8_t rely, rely_back;
    uint8_t halvings;
} ent_rel_span;

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
    ent_snapshot *snapshots;
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

/* The other end of relation r listed among actor a's incoming relations:
 * its source, or its target when a is the source of a symmetric relation. */
static inline uint32_t in_other(const ent_graph *g, uint32_t r, uint32_t a)
{
    const ent_relation *x = &g->relations[r];
    return x->target == a ? x->source : x->target;
}

/* The other end of relation r listed among actor a's outgoing relations: its
 * target (a is its source or its channel), or its source when a is the
 * target of a symmetric relation. */
static inline uint32_t out_other(const ent_graph *g, uint32_t r, uint32_t a)
{
    const ent_relation *x = &g->relations[r];
    return x->source == a || x->via == a ? x->target : x->source;
}

/* Fills g->spans from the relations. Returns 0 or -1 when out of memory. */
int ent_graph_index_(ent_graph *g);

/* A new empty graph holding the built-in vocabulary, or NULL. */
ent_graph *ent_graph_new_(void);

/*
 * Grows an array of `elem` bytes so that it holds at least `need` elements.
 * Returns 0 or -1 when out of memory (the array is unchanged).
 */
int ent_grow_(void **items, size_t *cap, size_t need, size_t elem);

/* ASCII-lowercases a copy of s into the graph's arena. */
char *ent_graph_lower_(ent_graph *g, const char *s);

#endif
