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
#include "entente/view.h"
#include "model/span.h"
#include "snapshot/cache.h"
#include "snapshot/reliance.h"
#include "util/error.h"

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
    *o = (ent_view_options)ENT_VIEW_OPTIONS_INIT;
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

/* What an amount of reliance is multiplied by for ent_rel_span.halvings. */
static const double halved[3] = {1.0, 0.5, 0.25};

/* Adds what relation p, of weight w on the view's day, brings to the reliance
 * of its edge (see ent__edge_reliance in src/passes/reliance.c): to *to, the
 * target's reliance on the source, or *from, the source's on the target. */
static void add_reliance(const ent_pair_span *p, double w, double *to, double *from)
{
    unsigned rely = ENT_PAIR_RELY(p->bits);
    if (rely == ENT_RELY_NONE || w == 0)
        return;
    double amount = fabs(w) * halved[ENT_PAIR_HALVINGS(p->bits)];
    if (rely == ENT_RELY_TO_ON_FROM)
        *to += amount;
    else if (rely == ENT_RELY_REFUSAL)
        *to -= amount;
    else if (p->source == p->target) /* a loop: the client is this edge's target too */
        *to += amount;
    else
        *from += amount;
}

static int by_index(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Ends edge e, whose relations run to grouped[nk). */
static void close_edge(ent_view *v, ent_edge *e, size_t nk)
{
    e->n_relations = (size_t)(&v->grouped[nk] - e->relations);
    e->weight = e->positive + e->negative;
    v->present[e->source] = v->present[e->target] = 1;
}

int ent_view_new(ent_view **out, const ent_graph *g, int32_t day, const ent_view_options *o)
{
    if (!out || !g)
        return ent_error_set(ENT_EUSAGE, "ent_view_new: NULL argument");
    *out = NULL;
    if (o && ent__options_version(o->version, ENT_VIEW_OPTIONS_VERSION, "ent_view_options"))
        return ENT_EUSAGE;
    size_t na = ent_graph_actor_count(g), np;
    const ent_pair_span *pairs = ent__graph_pairs(g, &np);
    const ent_rel_span *spans = ent__graph_spans(g);
    ent_view *v = calloc(1, sizeof *v);
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
    v->first_edge = calloc(na + 1, sizeof *v->first_edge);
    /* Room for every reading in force; pages never written cost nothing. The
     * edges point into `grouped`, which therefore never moves. */
    v->grouped = malloc((np ? np : 1) * sizeof *v->grouped);
    v->edges = malloc((np ? np : 1) * sizeof *v->edges);
    v->reliance = malloc((np ? np : 1) * 2 * sizeof *v->reliance);
    if (!v->present || !v->first_edge || !v->grouped || !v->edges || !v->reliance)
        goto oom;

    /* One scan of the relations by pair (ent_pair_span): keep what is in
     * force, weigh it, and fold each run of one pair into its edge, whose
     * relations are then in file order. */
    int32_t oldest = day - v->opts.window_days + 1; /* first day of the event window */
    double half_life = v->opts.half_life_days;
    size_t nk = 0, cap_uncertain = 0;
    ent_edge *e = NULL;
    double *rely = NULL;
    for (size_t i = 0; i < np; i++) {
        const ent_pair_span *p = &pairs[i];
        unsigned bits = p->bits, durable = bits & ENT_PAIR_DURABLE;
        /* The dates first: most relations are not in force on a given day. */
        if (p->begins > day || p->last < (durable ? day : oldest))
            continue;
        /* What the options filter on; the relation's own span is read only
         * when the pair span does not settle it. */
        if (!(v->opts.status_mask & (1u << ENT_PAIR_STATUS(bits))))
            continue;
        if ((v->opts.source_kinds || (bits & ENT_PAIR_CLAIMED && v->opts.n_exclude)) &&
            !keeps(&v->opts, &spans[p->rel]))
            continue;
        double w = durable || half_life <= 0 ? p->intensity
                                             : p->intensity * pow(0.5, (day - p->last) / half_life);
        if (isnan(w))
            continue;
        if (!(bits & ENT_PAIR_MIRROR) && bits & ENT_PAIR_PARTIAL && spans[p->rel].first < oldest) {
            if (v->n_uncertain == cap_uncertain) {
                size_t nc = cap_uncertain ? 2 * cap_uncertain : 16;
                uint32_t *grown = realloc(v->uncertain, nc * sizeof *grown);
                if (!grown)
                    goto oom;
                v->uncertain = grown;
                cap_uncertain = nc;
            }
            v->uncertain[v->n_uncertain++] = p->rel;
        }
        if (!e || e->source != p->source || e->target != p->target) {
            if (e)
                close_edge(v, e, nk);
            e = &v->edges[v->n_edges];
            rely = &v->reliance[2 * v->n_edges];
            v->n_edges++;
            e->source = p->source;
            e->target = p->target;
            e->positive = e->negative = e->mirrored = 0;
            e->relations = &v->grouped[nk];
            rely[0] = rely[1] = 0;
        }
        v->grouped[nk++] = p->rel;
        add_reliance(p, w, &rely[0], &rely[1]);
        if (bits & ENT_PAIR_MIRROR)
            e->mirrored += w;
        if (w > 0)
            e->positive += w;
        else
            e->negative += w;
    }
    if (e)
        close_edge(v, e, nk);
    /* The uncertain events were met by pair: list them in file order. */
    if (v->n_uncertain > 1)
        qsort(v->uncertain, v->n_uncertain, sizeof *v->uncertain, by_index);
    if (v->n_edges) {
        ent_edge *shrunk = realloc(v->edges, v->n_edges * sizeof *v->edges);
        if (shrunk)
            v->edges = shrunk;
        double *rs = realloc(v->reliance, v->n_edges * 2 * sizeof *v->reliance);
        if (rs)
            v->reliance = rs;
    }
    /* Outgoing edge ranges per actor. */
    for (size_t x = 0, a = 0; a <= na; a++) {
        while (x < v->n_edges && v->edges[x].source < a)
            x++;
        v->first_edge[a] = x;
    }
    for (size_t a = 0; a < na; a++) {
        if (!v->present[a] && exists_on(ent_graph_actor(g, a), day))
            v->present[a] = 1;
        v->n_present += v->present[a];
    }
    *out = v;
    return ENT_OK;
oom:
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
