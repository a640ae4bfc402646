/*
 * strmap.c: linear probing, load factor at most 1/2, FNV-1a hashing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

void ent_strmap_init(ent_strmap *m)
{
    m->slots = NULL;
    m->cap = m->count = 0;
}

void ent_strmap_release(ent_strmap *m)
{
    free(m->slots);
    ent_strmap_init(m);
}

void ent_strmap_clear(ent_strmap *m)
{
    if (m->cap)
        memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->count = 0;
}

uint32_t ent_strmap_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    /* FNV's low bits, which pick the slot, vary little between ids such as
     * "a000123" and "a000124": mix the high bits down (MurmurHash3's final
     * step) so that linear probing does not run into long clusters. */
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static ent_strmap_slot *find(const ent_strmap *m, const char *key, uint32_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        ent_strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

int ent_strmap_get(const ent_strmap *m, const char *key, uint32_t *value)
{
    if (!m->cap)
        return 0;
    ent_strmap_slot *s = find(m, key, ent_strmap_hash(key, strlen(key)));
    if (!s->key)
        return 0;
    *value = s->value;
    return 1;
}

int ent_strmap_get_n(const ent_strmap *m, const char *key, size_t len, uint32_t *value)
{
    return m->cap ? ent_strmap_get_nh(m, key, len, ent_strmap_hash(key, len), value) : 0;
}

int ent_strmap_get_nh(const ent_strmap *m, const char *key, size_t len, uint32_t h, uint32_t *value)
{
    if (!m->cap)
        return 0;
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const ent_strmap_slot *s = &m->slots[i];
        if (!s->key)
            return 0;
        if (s->hash == h) {
            /* Byte by byte: ids are short, and a call to strncmp cost more
             * than the comparison; the stored key's NUL stops the loop. */
            const char *k = s->key;
            size_t j = 0;
            while (j < len && k[j] && k[j] == key[j])
                j++;
            if (j == len && k[len] == '\0') {
                *value = s->value;
                return 1;
            }
        }
    }
}

static int grow_to(ent_strmap *m, size_t cap);

static int grow(ent_strmap *m)
{
    return grow_to(m, m->cap ? m->cap * 2 : 64);
}

int ent_strmap_reserve(ent_strmap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 64;
    while (cap < 2 * n)
        cap *= 2;
    return cap > m->cap ? grow_to(m, cap) : 0;
}

static int grow_to(ent_strmap *m, size_t cap)
{
    /* Zeroed by writing, not by calloc: a large calloc gets fresh pages that
     * the first probe (a read) maps to the shared zero page, so each page
     * would fault twice, the second time with a TLB flush on every core the
     * process runs on. */
    if (cap > SIZE_MAX / sizeof(ent_strmap_slot))
        return -1;
    ent_strmap_slot *slots = malloc(cap * sizeof *slots);
    if (!slots)
        return -1;
    /* (The empty asm keeps the compiler from turning the pair into calloc.) */
    __asm__ __volatile__("" : : "r"(slots) : "memory");
    memset(slots, 0, cap * sizeof *slots);
    ent_strmap old = *m;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            *find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    free(old.slots);
    return 0;
}

int ent_strmap_put(ent_strmap *m, const char *key, uint32_t value, uint32_t *existing)
{
    if ((m->count + 1) * 2 > m->cap && grow(m) < 0)
        return -1;
    uint32_t h = ent_strmap_hash(key, strlen(key));
    ent_strmap_slot *s = find(m, key, h);
    if (s->key) {
        if (existing)
            *existing = s->value;
        return 0;
    }
    s->key = key;
    s->hash = h;
    s->value = value;
    m->count++;
    return 1;
}

uint32_t *ent_strmap_ref(const ent_strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    ent_strmap_slot *s = find(m, key, ent_strmap_hash(key, strlen(key)));
    return s->key ? &s->value : NULL;
}
