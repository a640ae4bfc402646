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

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

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
} ent_reltype;

/** Number of built-in relation types. */
size_t ent_vocab_builtin_count(void);

/** The i-th built-in type, in the documented order; NULL when i is out of range. */
const ent_reltype *ent_vocab_builtin(size_t i);

/** The built-in type named `id` (exact, case-sensitive), or NULL. O(n). */
const ent_reltype *ent_vocab_builtin_find(const char *id);

#ifdef __cplusplus
}
#endif
#endif
