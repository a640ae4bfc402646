/*
 * strmap.h: an open-addressing hash map from strings to 32-bit values. Keys
 * are not copied: they must outlive the map (they live in an arena).
 */
#ifndef ENT_UTIL_STRMAP_H
#define ENT_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct ent_strmap_slot {
    const char *key; /* NULL when empty */
    uint32_t hash;
    uint32_t value;
} ent_strmap_slot;

typedef struct ent_strmap {
    ent_strmap_slot *slots;
    size_t cap;   /* power of two, or 0 */
    size_t count; /* keys stored */
} ent_strmap;

void ent_strmap_init(ent_strmap *m);
void ent_strmap_release(ent_strmap *m);
/* Removes every key, keeping the table's size. */
void ent_strmap_clear(ent_strmap *m);

/* FNV-1a of len bytes. */
uint32_t ent_strmap_hash(const char *s, size_t len);

/* Looks up `key` (NUL-terminated). Returns 1 and sets *value when found. */
int ent_strmap_get(const ent_strmap *m, const char *key, uint32_t *value);

/* Looks up the len bytes at `key` (not NUL-terminated, no NUL among them).
 * Returns 1 and sets *value when found. */
int ent_strmap_get_n(const ent_strmap *m, const char *key, size_t len, uint32_t *value);

/* As ent_strmap_get_n, with the key's hash (ent_strmap_hash) already known. */
int ent_strmap_get_nh(const ent_strmap *m, const char *key, size_t len, uint32_t h,
                      uint32_t *value);

/* Asks the processor to fetch the slot where a key of hash h is looked for
 * first, so that a lookup issued a little later does not wait for memory. */
static inline void ent_strmap_prefetch(const ent_strmap *m, uint32_t h)
{
    if (m->cap)
        __builtin_prefetch(&m->slots[h & (m->cap - 1)]);
}

/* Two lookups at once (ent_strmap_get_nh each): the slots of their first
 * probes are read and the keys they hold fetched before either is compared,
 * so that the two waits for memory overlap. */
static inline int ent_strmap_get2_nh(const ent_strmap *m, const char *k1, size_t l1, uint32_t h1,
                                     uint32_t *v1, const char *k2, size_t l2, uint32_t h2,
                                     uint32_t *v2)
{
    if (!m->cap)
        return 0;
    const ent_strmap_slot *s1 = &m->slots[h1 & (m->cap - 1)], *s2 = &m->slots[h2 & (m->cap - 1)];
    const char *p1 = s1->key, *p2 = s2->key;
    if (p1)
        __builtin_prefetch(p1);
    if (p2)
        __builtin_prefetch(p2);
    return ent_strmap_get_nh(m, k1, l1, h1, v1) && ent_strmap_get_nh(m, k2, l2, h2, v2);
}

/*
 * Inserts key -> value unless the key is present. Returns 1 when inserted, 0
 * when the key was already there (*existing receives its value, may be NULL),
 * -1 when out of memory.
 */
int ent_strmap_put(ent_strmap *m, const char *key, uint32_t value, uint32_t *existing);

/* Makes room for `n` keys in all, so that inserting them does not rehash. 0 or -1. */
int ent_strmap_reserve(ent_strmap *m, size_t n);

/* A pointer to the value stored for `key`, or NULL when absent. */
uint32_t *ent_strmap_ref(const ent_strmap *m, const char *key);

#endif
