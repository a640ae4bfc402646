/*
 * cache.c: what the analyses computed on a view, kept in the view's slot
 * (snapshot/cache.h) and freed with it. See cache.h for the contract.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/cache.h"
#include "snapshot/cache.h"
#include "util/error.h"

typedef struct balance_entry {
    ent_balance_options o; /* the options it was made with (`top` ignored) */
    void *an;              /* the analysis (pass_balance.c) */
    void (*release)(void *);
    struct balance_entry *next;
} balance_entry;

typedef struct cache {
    double *metric[ENT_METRIC_COUNT_]; /* per actor, or NULL */
    balance_entry *balance;            /* a short list: one per set of options */
    ent_table *commitments;
} cache;

static atomic_size_t computations;

size_t ent__metric_computations(void)
{
    return atomic_load(&computations);
}

void ent__count_metric_computation(void)
{
    atomic_fetch_add(&computations, 1);
}

static void cache_free(void *p)
{
    cache *c = p;
    if (!c)
        return;
    for (int k = 0; k < ENT_METRIC_COUNT_; k++)
        free(c->metric[k]);
    for (balance_entry *b = c->balance, *next; b; b = next) {
        next = b->next;
        b->release(b->an);
        free(b->an);
        free(b);
    }
    ent_table_free(c->commitments);
    free(c);
}

/* v's cache, made when first needed (NULL when out of memory). */
static cache *cache_of(const ent_view *v)
{
    cache *c = ent__view_cache(v);
    if (!c && (c = calloc(1, sizeof *c)))
        ent__view_set_cache(v, c, cache_free);
    return c;
}

const double *ent__cache_metric(const ent_view *v, ent_metric m)
{
    cache *c = ent__view_cache(v);
    return c && m >= 0 && m < ENT_METRIC_COUNT_ ? c->metric[m] : NULL;
}

int ent__cache_put_metric(const ent_view *v, ent_metric m, double *values)
{
    cache *c = cache_of(v);
    if (!c) {
        free(values);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    free(c->metric[m]);
    c->metric[m] = values;
    return ENT_OK;
}

/* Whether two sets of balance options give the same analysis. */
static int same_analysis(const ent_balance_options *a, const ent_balance_options *b)
{
    return a->exact_max == b->exact_max && a->node_budget == b->node_budget &&
           a->walk_max == b->walk_max && a->direct_only == b->direct_only;
}

const void *ent__cache_balance(const ent_view *v, const ent_balance_options *o)
{
    cache *c = ent__view_cache(v);
    for (balance_entry *b = c ? c->balance : NULL; b; b = b->next)
        if (same_analysis(&b->o, o))
            return b->an;
    return NULL;
}

int ent__cache_put_balance(const ent_view *v, const ent_balance_options *o, void *an,
                           void (*release)(void *))
{
    cache *c = cache_of(v);
    balance_entry *b = c ? malloc(sizeof *b) : NULL;
    if (!b) {
        release(an);
        free(an);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    b->o = *o;
    b->an = an;
    b->release = release;
    b->next = c->balance;
    c->balance = b;
    return ENT_OK;
}

const ent_table *ent__cache_commitments(const ent_view *v)
{
    cache *c = ent__view_cache(v);
    return c ? c->commitments : NULL;
}

int ent__cache_put_commitments(const ent_view *v, ent_table *t)
{
    cache *c = cache_of(v);
    if (!c) {
        ent_table_free(t);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    ent_table_free(c->commitments);
    c->commitments = t;
    return ENT_OK;
}
