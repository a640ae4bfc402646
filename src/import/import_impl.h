/*
 * import_impl.h: what the importers share (internal): CAMEO codes, countries,
 * actor types.
 */
#ifndef ENT_IMPORT_IMPL_H
#define ENT_IMPORT_IMPL_H

#include <stddef.h>

#include "entente/import.h"

/* A country or region: its 3-letter code and its name. */
typedef struct ent__country {
    const char *code;
    const char *name;
} ent__country;

/* ISO 3166-1, sorted by code (iso3166.c, generated from iso-codes). */
extern const ent__country ent__iso3166[];
extern const size_t ent__iso3166_count;

/* The country or region of a CAMEO country code, or NULL; *region is 1 for
 * CAMEO's regions (Africa, Europe, the West ...), 0 for ISO countries. */
const ent__country *ent__country_find(const char *code, int *region);

/* A CAMEO actor type (GOV, MIL ...), kept by --actors country-type. */
typedef struct ent__actor_type {
    const char *code;   /* "GOV" */
    const char *suffix; /* of the actor id: "usa-gov" */
    const char *label;  /* of the actor name: "United States (government)" */
    ent_actor_kind kind;
} ent__actor_type;

const ent__actor_type *ent__actor_type_find(const char *code);

/* Event codes as small numbers (ent__cameo_key): whether each exists, and
 * the rule it resolves to. */
#define ENT__CAMEO_KEYS 50000
typedef struct ent__cameo_table {
    unsigned char known[ENT__CAMEO_KEYS];
    const ent_cameo_rule *rule[ENT__CAMEO_KEYS];
    const ent_reltype *type[ENT__CAMEO_KEYS]; /* the rule's built-in type */
} ent__cameo_table;

int ent__cameo_key(const char *s, size_t n);
/* Fills t; 0, or -1 when a known code has no rule (a bug). */
int ent__cameo_table_init(ent__cameo_table *t);

#endif
