/*
 * view.c: snapshots. A view is the graph on one day: the relations in force
 * (durable ones covering the day, events in the window before it), weighted
 * and aggregated into one signed edge per ordered pair of actors.
 *
 * Building a view is linear in relations plus actors: one pass selects and
 * weighs the relations, two counting-sort passes (by target, then stably by
 * source) group them by pair without a comparison sort, and one pass forms the
 * edges.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "entente/snapshot.h"
#include "model/span.h"
#include "snapshot/cache.h"
#include "snapshot/reliance.h"
#include "util/error.h"
#include "util/fuzzy.h"

struct ent_view {
    const ent_graph *g;
    int32_t day;
    ent_view_options opts;
    uint32_t *exclude;      /* copy of opts.exclude_claims_by */
    unsigned char *present; /* per actor */
    size_t n_present;
    ent_edge *edges; /* ordered by (source, target) */
    size_t n_edges;
    uint32_t *grouped;   /* kept relations, grouped by edge */
    uint32_t *uncertain; /* kept events whose period reaches back before the window */
    size_t n_uncertain;
    size_t *first_edge; /* per actor + 1: index of its first outgoing edge */
    double *reliance;   /* per edge, two: the target's reliance on the source, then the
                           source's on the target, from the relations behind it (computed
                           with the edges, which read the relations in order, so that
                           leverage does not visit every relation's span again at random) */
    /* What the analyses computed on the view, kept for the next question
     * (src/passes/cache.c); the view frees it with cache_free. Logically
     * const: reads and writes happen under `lock`. */
    pthread_mutex_t lock;
    void *cache;
    void (*cache_free)(void *);
};

void ent_view_options_init(ent_view_options *o)
{
    memset(o, 0, sizeof *o);
    o->window_days = 365;
    o->half_life_days = 0;
    o->status_mask = (1u << ENT_STATUS_COUNT_) - 1;
}

void ent_view_free(ent_view *v)
{
    if (!v)
        return;
    free(v->exclude);
    free(v->present);
    free(v->edges);
    free(v->grouped);
    free(v->uncertain);
    free(v->first_edge);
    free(v->reliance);
    if (v->cache_free)
        v->cache_free(v->cache);
    pthread_mutex_destroy(&v->lock);
    free(v);
}

void ent__view_lock(const ent_view *v)
{
    pthread_mutex_lock(&((ent_view *)v)->lock);
}

void ent__view_unlock(const ent_view *v)
{
    pthread_mutex_unlock(&((ent_view *)v)->lock);
}

void *ent__view_cache(const ent_view *v)
{
    return v->cache;
}

void ent__view_set_cache(const ent_view *v, void *cache, void (*cache_free)(void *))
{
    ent_view *w = (ent_view *)v;
    w->cache = cache;
    w->cache_free = cache_free;
}

/* Whether the options keep a relation whatever the day: status, claimant,
 * sources' kinds. */
static int keeps(const ent_view_options *o, const ent_rel_span *r)
{
    if (!(o->status_mask & (1u << r->status)))
        return 0;
    if (o->source_kinds && !(r->kinds & o->source_kinds))
        return 0;
    if (r->claimed_by == ENT_NO_ACTOR ||
        (r->status != ENT_STATUS_CLAIMED && r->status != ENT_STATUS_DISPUTED))
        return 1;
    for (size_t i = 0; i < o->n_exclude; i++)
        if (o->exclude_claims_by[i] == r->claimed_by)
            return 0;
    return 1;
}

int ent_view_options_keep(const ent_graph *g, const ent_view_options *o, uint32_t r)
{
    return r < ent_graph_relation_count(g) && keeps(o, &ent__graph_spans(g)[r]);
}

/* Whether an actor exists on `day`: from the last day of the period of its
 * `from` (when it surely existed, as for relations) to the last day of `to`. */
static int exists_on(const ent_actor *a, int32_t day)
{
    return (!a->from.year || ent_date_last_day(a->from) <= day) &&
           (!a->to.year || ent_date_last_day(a->to) >= day);
}

/*
 * Whether a relation is in force on the view's day: durable relations count from the last day of
 * their `from` period to the last day of their `to` period; events count from the last day of their
 * period (when they surely happened) while that day is in the window
 * (day - window, day] (weigh_in_force decays them by their age from that
 * day).
 */
static int in_force(const ent_view *v, const ent_rel_span *r)
{
    int32_t d = v->day;
    return r->begins <= d && r->last >= (r->durable ? d : d - v->opts.window_days + 1);
}

/* The weight of a relation in force (see in_force) on the view's day. */
static double weigh_in_force(const ent_view *v, const ent_rel_span *r)
{
    if (r->durable || v->opts.half_life_days <= 0)
        return r->intensity;
    int32_t age = v->day - r->last;
    return r->intensity * pow(0.5, age / v->opts.half_life_days);
}

/* The weight of a relation on the view's day, or NaN when it is not in force. */
static double weigh(const ent_view *v, const ent_rel_span *r)
{
    return in_force(v, r) ? weigh_in_force(v, r) : NAN;
}

/* A kept relation while grouping: everything grouping needs, packed. */
typedef struct kept_rel {
    uint32_t source, target, rel;
    uint8_t mirror;   /* a symmetric relation read in its other direction */
    uint8_t rely;     /* its reliance code (ENT_RELY_*) read in this direction */
    uint8_t halvings; /* as in ent_rel_span */
    double weight;    /* last: the struct is 24 bytes, not 32, for the two sorting passes */
} kept_rel;

/* What an amount of reliance is multiplied by for ent_rel_span.halvings. */
static const double halved[3] = {1.0, 0.5, 0.25};

/* Adds what kept relation k brings to the reliance of the edge from `s` to `t`
 * (see ent__edge_reliance in src/passes/reliance.c): to *to, the target's reliance
 * on the source, or *from, the source's on the target. */
static void add_reliance(const kept_rel *k, uint32_t s, uint32_t t, double *to, double *from)
{
    if (k->rely == ENT_RELY_NONE || k->weight == 0)
        return;
    double amount = fabs(k->weight) * halved[k->halvings];
    if (k->rely == ENT_RELY_TO_ON_FROM)
        *to += amount;
    else if (k->rely == ENT_RELY_REFUSAL)
        *to -= amount;
    else if (s == t) /* a loop: the client is this edge's target too */
        *to += amount;
    else
        *from += amount;
}

int ent_view_new(ent_view **out, const ent_graph *g, int32_t day, const ent_view_options *o)
{
    if (!out || !g)
        return ent_error_set(ENT_EUSAGE, "ent_view_new: NULL argument");
    *out = NULL;
    size_t na = ent_graph_actor_count(g), nr = ent_graph_relation_count(g);
    ent_view *v = calloc(1, sizeof *v);
    kept_rel *kept = NULL, *tmp = NULL;
    size_t *count = NULL;
    if (!v)
        goto oom;
    if (pthread_mutex_init(&v->lock, NULL) != 0) {
        free(v);
        return ent_error_set(ENT_EINTERNAL, "cannot create a lock");
    }
    v->g = g;
    v->day = day;
    if (o)
        v->opts = *o;
    else
        ent_view_options_init(&v->opts);
    if (v->opts.window_days < 1)
        v->opts.window_days = 1;
    if (v->opts.n_exclude) {
        v->exclude = malloc(v->opts.n_exclude * sizeof *v->exclude);
        if (!v->exclude)
            goto oom;
        memcpy(v->exclude, v->opts.exclude_claims_by, v->opts.n_exclude * sizeof *v->exclude);
    }
    v->opts.exclude_claims_by = v->exclude;
    v->present = calloc(na ? na : 1, 1);
    /* A relation of a symmetric type is kept once in each direction. */
    size_t cap = nr + ent__graph_symmetric_count(g);
    kept = malloc((cap ? cap : 1) * sizeof *kept);
    tmp = malloc((cap ? cap : 1) * sizeof *tmp);
    count = calloc(na + 1, sizeof *count);
    v->first_edge = calloc(na + 1, sizeof *v->first_edge);
    if (!v->present || !kept || !tmp || !count || !v->first_edge)
        goto oom;

    /* Select and weigh: one scan of the packed spans. */
    size_t nk = 0, cap_uncertain = 0;
    const ent_rel_span *spans = ent__graph_spans(g);
    for (size_t i = 0; i < nr; i++) {
        const ent_rel_span *r = &spans[i];
        /* The dates first: most relations are not in force on a given day, and
         * the test reads fewer fields than keeps(). */
        if (!in_force(v, r) || !keeps(&v->opts, r))
            continue;
        double w = weigh_in_force(v, r);
        if (isnan(w))
            continue;
        if (!r->durable && r->first < day - v->opts.window_days + 1) {
            if (v->n_uncertain == cap_uncertain) {
                size_t nc = cap_uncertain ? 2 * cap_uncertain : 16;
                uint32_t *grown = realloc(v->uncertain, nc * sizeof *grown);
                if (!grown)
                    goto oom;
                v->uncertain = grown;
                cap_uncertain = nc;
            }
            v->uncertain[v->n_uncertain++] = (uint32_t)i;
        }
        kept[nk] = (kept_rel){r->source, r->target, (uint32_t)i, 0, r->rely, r->halvings, w};
        nk++;
        if (r->symmetric) {
            kept[nk] =
                (kept_rel){r->target, r->source, (uint32_t)i, 1, r->rely_back, r->halvings, w};
            nk++;
        }
    }

    /* Group by (source, target): counting sort by target, then stably by
     * source; relations of one pair stay in file order. */
    for (int pass = 0; pass < 2; pass++) {
        memset(count, 0, (na + 1) * sizeof *count);
        for (size_t k = 0; k < nk; k++)
            count[(pass ? kept[k].source : kept[k].target) + 1]++;
        for (size_t a = 0; a < na; a++)
            count[a + 1] += count[a];
        for (size_t k = 0; k < nk; k++)
            tmp[count[pass ? kept[k].source : kept[k].target]++] = kept[k];
        kept_rel *swap = kept;
        kept = tmp;
        tmp = swap;
    }
    free(tmp);
    tmp = NULL;

    /* Form the edges. */
    v->grouped = malloc((nk ? nk : 1) * sizeof *v->grouped);
    v->edges = malloc((nk ? nk : 1) * sizeof *v->edges);
    v->reliance = malloc((nk ? nk : 1) * 2 * sizeof *v->reliance);
    if (!v->grouped || !v->edges || !v->reliance)
        goto oom;
    for (size_t k = 0; k < nk; k++)
        v->grouped[k] = kept[k].rel;
    for (size_t k = 0; k < nk;) {
        ent_edge *e = &v->edges[v->n_edges++];
        e->source = kept[k].source;
        e->target = kept[k].target;
        e->positive = e->negative = e->mirrored = 0;
        e->relations = &v->grouped[k];
        size_t j = k;
        double *rely = &v->reliance[2 * (v->n_edges - 1)];
        rely[0] = rely[1] = 0;
        for (; j < nk && kept[j].source == e->source && kept[j].target == e->target; j++) {
            add_reliance(&kept[j], e->source, e->target, &rely[0], &rely[1]);
            double w = kept[j].weight;
            if (kept[j].mirror)
                e->mirrored += w;
            if (w > 0)
                e->positive += w;
            else
                e->negative += w;
        }
        e->n_relations = j - k;
        e->weight = e->positive + e->negative;
        v->present[e->source] = v->present[e->target] = 1;
        k = j;
    }
    free(kept);
    kept = NULL;
    if (v->n_edges) {
        ent_edge *shrunk = realloc(v->edges, v->n_edges * sizeof *v->edges);
        if (shrunk)
            v->edges = shrunk;
    }
    /* Outgoing edge ranges per actor. */
    for (size_t e = 0, a = 0; a <= na; a++) {
        while (e < v->n_edges && v->edges[e].source < a)
            e++;
        v->first_edge[a] = e;
    }
    for (size_t a = 0; a < na; a++) {
        if (!v->present[a] && exists_on(ent_graph_actor(g, a), day))
            v->present[a] = 1;
        v->n_present += v->present[a];
    }
    free(count);
    *out = v;
    return ENT_OK;
oom:
    free(kept);
    free(tmp);
    free(count);
    ent_view_free(v);
    return ent_error_set(ENT_ENOMEM, "out of memory while taking a snapshot");
}

const ent_graph *ent_view_graph(const ent_view *v)
{
    return v->g;
}

int32_t ent_view_day(const ent_view *v)
{
    return v->day;
}

const ent_view_options *ent_view_opts(const ent_view *v)
{
    return &v->opts;
}

int ent_view_has_actor(const ent_view *v, uint32_t a)
{
    return a < ent_graph_actor_count(v->g) && v->present[a];
}

size_t ent_view_actor_count(const ent_view *v)
{
    return v->n_present;
}

size_t ent_view_edge_count(const ent_view *v)
{
    return v->n_edges;
}

const ent_edge *ent_view_edge(const ent_view *v, size_t i)
{
    return i < v->n_edges ? &v->edges[i] : NULL;
}

const ent_edge *ent_view_out(const ent_view *v, uint32_t a, size_t *n)
{
    if (a >= ent_graph_actor_count(v->g)) {
        *n = 0;
        return NULL;
    }
    *n = v->first_edge[a + 1] - v->first_edge[a];
    return v->edges + v->first_edge[a];
}

const ent_edge *ent_view_find_edge(const ent_view *v, uint32_t s, uint32_t t)
{
    if (s >= ent_graph_actor_count(v->g))
        return NULL;
    size_t lo = v->first_edge[s], hi = v->first_edge[s + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->edges[mid].target < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->first_edge[s + 1] && v->edges[lo].target == t ? &v->edges[lo] : NULL;
}

size_t ent_view_uncertain_count(const ent_view *v)
{
    return v->n_uncertain;
}

uint32_t ent_view_uncertain(const ent_view *v, size_t i)
{
    return i < v->n_uncertain ? v->uncertain[i] : UINT32_MAX;
}

double ent_view_relation_weight(const ent_view *v, uint32_t r)
{
    /* Recomputed rather than stored: a view of a million relations then
     * writes only what it keeps. */
    if (r >= ent_graph_relation_count(v->g))
        return NAN;
    const ent_rel_span *s = &ent__graph_spans(v->g)[r];
    if (!keeps(&v->opts, s))
        return NAN;
    return weigh(v, s);
}

int ent__view_edge_reliance(const ent_view *v, const ent_edge *x, double *to, double *from)
{
    uintptr_t at = (uintptr_t)x, begin = (uintptr_t)v->edges;
    if (at < begin || at >= begin + v->n_edges * sizeof *v->edges)
        return 0;
    const double *rely = &v->reliance[2 * (size_t)(x - v->edges)];
    *to = rely[0];
    *from = rely[1];
    return 1;
}

int ent__view_reliance(const ent_view *v, uint32_t r, uint32_t from, double *amount)
{
    const ent_rel_span *s = &ent__graph_spans(v->g)[r];
    int code = s->source == from ? s->rely : s->rely_back;
    if (code == ENT_RELY_NONE || !keeps(&v->opts, s))
        return ENT_RELY_NONE;
    double w = weigh(v, s);
    if (isnan(w) || w == 0)
        return ENT_RELY_NONE;
    *amount = fabs(w) * halved[s->halvings];
    return code;
}

int ent_resolve_when(const ent_graph *g, const char *when, int32_t *day, const char **suggestion)
{
    if (suggestion)
        *suggestion = NULL;
    long s = ent_graph_snapshot_by_id(g, when);
    if (s >= 0) {
        *day = ent_date_last_day(ent_graph_snapshot(g, (size_t)s)->at);
        return 0;
    }
    ent_date d;
    if (ent_date_parse(&d, when, strlen(when)) == ENT_DATE_OK) {
        *day = ent_date_last_day(d);
        return 0;
    }
    if (suggestion) {
        ent_fuzzy fz;
        ent_fuzzy_init(&fz, when);
        for (size_t i = 0; i < ent_graph_snapshot_count(g); i++)
            ent_fuzzy_offer(&fz, ent_graph_snapshot(g, i)->id);
        *suggestion = fz.best;
    }
    return -1;
}
