/*
 * span.h: what a snapshot needs of each relation, computed once when the
 * graph is loaded (see ent_rel_span), for the snapshot layer's hot loop.
 * Internal to the library: the model offers it to src/snapshot (and the
 * passes that read a view's reliance) without showing the inside of
 * ent_graph.
 */
#ifndef ENT_MODEL_SPAN_H
#define ENT_MODEL_SPAN_H

#include "entente/graph.h"

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

/*
 * A relation read in one direction, in the order snapshots group by: every
 * relation once from its source to its target, and a relation of a symmetric
 * type once more from its target to its source (`mirror` 1), sorted by
 * (source, target) as read and, within a pair, by relation index. A snapshot
 * is then one sequential scan of this array that keeps what is in force and
 * folds each run of one pair into an edge: no sorting per snapshot. The
 * fields are those of ent_rel_span that every snapshot reads, with source and
 * target as read and the reliance code for this direction.
 */
typedef struct ent_pair_span {
    int32_t begins, last; /* as in ent_rel_span */
    uint32_t source, target;
    uint32_t rel;  /* the relation's index */
    uint32_t bits; /* ENT_PAIR_* below */
    double intensity;
} ent_pair_span; /* 32 bytes: a snapshot reads the whole array, so size is speed */

/* ent_pair_span.bits. What is seldom needed (the first day of an event given
 * to the month or year, a claimant, the sources' kinds) is not copied: the
 * bits say when to read it from the relation's ent_rel_span. */
#define ENT_PAIR_STATUS(b)   ((b)&7u) /* ent_status */
#define ENT_PAIR_DURABLE     (1u << 3)
#define ENT_PAIR_MIRROR      (1u << 4)         /* read from its target to its source */
#define ENT_PAIR_RELY(b)     (((b) >> 5) & 3u) /* reliance code in this direction */
#define ENT_PAIR_HALVINGS(b) (((b) >> 7) & 3u) /* as in ent_rel_span */
#define ENT_PAIR_PARTIAL     (1u << 9)         /* an event whose first day is before its last */
#define ENT_PAIR_CLAIMED     (1u << 10)        /* claimed_by is an actor */

/* g's relations by pair (see ent_pair_span); *n receives their number
 * (relations plus those of a symmetric type). O(1). */
const ent_pair_span *ent__graph_pairs(const ent_graph *g, size_t *n);

/* The spans of g's relations, one per relation (ent_graph_relation_count). O(1). */
const ent_rel_span *ent__graph_spans(const ent_graph *g);

/* How many relations of g are of a symmetric type. O(1). */
size_t ent__graph_symmetric_count(const ent_graph *g);

#endif
