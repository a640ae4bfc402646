/*
 * entente/vocab.h: the relation vocabulary.
 *
 * Every relation in a graph has a type. The built-in vocabulary (the table in
 * src/model/vocab.c, documented in docs/vocabulary.md) gives each type a sign,
 * a default intensity on the Goldstein scale (-10..+10, CAMEO's value where a
 * CAMEO code matches), whether it is durable (from/to) or an event (at), and
 * whether it obliges its source to defend or protect its target. A graph file
 * may extend or override it with `relation_types`.
 */
#ifndef ENTENTE_VOCAB_H
#define ENTENTE_VOCAB_H

#include "api.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * What a relation does between its two ends, as an analyst reads it. The
 * influence measures read roles, not signs alone: only provides, seeks and
 * yields make one actor rely on another (docs/analyses.md, "Leverage").
 */
typedef enum ent_role {
    ENT_ROLE_PROVIDES = 0, /**< support, aid, a guarantee, a mandate: the target relies on the
                                source */
    ENT_ROLE_SEEKS,        /**< a request for help or protection: the source relies on the
                                target */
    ENT_ROLE_YIELDS,       /**< a surrender or retreat: the source gives way to the target */
    ENT_ROLE_REFUSES,      /**< a request turned down, a responsibility disowned: the source
                                withholds what the target sought or was owed */
    ENT_ROLE_BROKERS,      /**< mediation: the source stands between the target and others */
    ENT_ROLE_ENGAGES,      /**< a call, a meeting, a negotiation: contact without dependence */
    ENT_ROLE_APPROVES,     /**< praise, endorsement, a stance for: words of approval */
    ENT_ROLE_DISAPPROVES,  /**< criticism, condemnation, a stance against: words of disapproval */
    ENT_ROLE_COERCES,      /**< a threat, a demand, sanctions, a blockade, a build-up */
    ENT_ROLE_FIGHTS,       /**< an attack, an occupation, a war */
    ENT_ROLE_STRUCTURE,    /**< membership, leadership, office, territory */
    ENT_ROLE_COUNT_
} ent_role;

/**
 * Whether a relation is words or deeds: CAMEO's four quad classes (taken from
 * the root of the type's CAMEO code), or standing structure for the types
 * that CAMEO does not code.
 */
typedef enum ent_mode {
    ENT_MODE_VERBAL_COOPERATION = 0, /**< CAMEO roots 01-05 */
    ENT_MODE_MATERIAL_COOPERATION,   /**< CAMEO roots 06-09 */
    ENT_MODE_VERBAL_CONFLICT,        /**< CAMEO roots 10-14 */
    ENT_MODE_MATERIAL_CONFLICT,      /**< CAMEO roots 15-20 */
    ENT_MODE_STRUCTURE,              /**< no CAMEO counterpart: a standing structure */
    ENT_MODE_COUNT_
} ent_mode;

/** One relation type. Strings are never NULL ("" when absent). */
typedef struct ent_reltype {
    const char *id;          /**< stable name used in graph files, e.g. "attacks" */
    const char *label;       /**< human label, e.g. "attack" */
    int sign;                /**< -1 hostile, 0 neutral, +1 cooperative */
    double intensity;        /**< default intensity, -10..+10, same sign as `sign` */
    int durable;             /**< 1: a state with from/to; 0: an event with at */
    int obligation;          /**< 1: obliges the source to defend/protect the target */
    const char *cameo;       /**< matching CAMEO code ("057"), or "" */
    const char *family;      /**< coarse family, e.g. "support", "force" */
    const char *description; /**< one sentence saying when to use it */
    ent_role role;           /**< what it does between its ends */
    ent_mode mode;           /**< words or deeds (CAMEO quad class), or structure */
    int symmetric;           /**< 1: holds both ways (an alliance, a war): coded once, read in
                                  both directions by every analysis */
} ent_reltype;

/** Number of built-in relation types. */
ENT_EXPORT size_t ent_vocab_builtin_count(void);

/** The i-th built-in type, in the documented order; NULL when i is out of range. */
ENT_EXPORT const ent_reltype *ent_vocab_builtin(size_t i);

/** The built-in type named `id` (exact, case-sensitive), or NULL. O(n). */
ENT_EXPORT const ent_reltype *ent_vocab_builtin_find(const char *id);

/** The role's name as written in graph files ("provides"), or "unknown". */
ENT_EXPORT const char *ent_role_name(ent_role r);
/** The role named `name` (exact), or -1. */
ENT_EXPORT int ent_role_from_name(const char *name);

/** The mode's name as written in graph files ("material_cooperation"), or "unknown". */
ENT_EXPORT const char *ent_mode_name(ent_mode m);
/** The mode named `name` (exact), or -1. */
ENT_EXPORT int ent_mode_from_name(const char *name);
/** Whether the mode is a deed (material cooperation or conflict) rather than words. */
ENT_EXPORT int ent_mode_is_material(ent_mode m);

/**
 * The quad class of a CAMEO code ("057", "1823"): its first two digits are
 * the root, 01-05 verbal cooperation, 06-09 material cooperation, 10-14
 * verbal conflict, 15-20 material conflict (the classes GDELT publishes with
 * its events). -1 for "" or a root outside 01-20.
 */
ENT_EXPORT int ent_mode_of_cameo(const char *cameo);

#ifdef __cplusplus
}
#endif
#endif
