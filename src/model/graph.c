/*
 * graph.c: the model's accessors, lookups and teardown. Graphs are built by
 * the loader (src/load) and read-only afterwards.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "model/graph_impl.h"
#include "util/fuzzy.h"

const ent_rel_span *ent__graph_spans(const ent_graph *g)
{
    return g->spans;
}

const ent_pair_span *ent__graph_pairs(const ent_graph *g, size_t *n)
{
    *n = g->n_pairs;
    return g->pairs;
}

size_t ent__graph_symmetric_count(const ent_graph *g)
{
    return g->n_symmetric;
}

size_t ent_graph_relations_to(const ent_graph *g, size_t a, const uint32_t **rels)
{
    if (a >= g->n_actors) {
        *rels = NULL;
        return 0;
    }
    *rels = g->by_target + g->in_start[a];
    return g->in_start[a + 1] - g->in_start[a];
}

size_t ent_graph_relations_from(const ent_graph *g, size_t a, const uint32_t **rels)
{
    if (a >= g->n_actors) {
        *rels = NULL;
        return 0;
    }
    *rels = g->by_source + g->out_start[a];
    return g->out_start[a + 1] - g->out_start[a];
}

ent_span ent_graph_relation_span(const ent_graph *g, size_t r)
{
    ent_span s = {0, 0, 0, 0};
    if (r < g->n_relations) {
        const ent_rel_span *x = &g->spans[r];
        s.first = x->first;
        s.last = x->last;
        s.begins = x->begins;
        s.durable = x->durable;
    }
    return s;
}

ent_graph *ent__graph_new(void)
{
    ent_graph *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->title = g->description = "";
    g->headline = -1;
    size_t n = ent_vocab_builtin_count();
    if (ent__grow((void **)&g->types, &g->cap_types, n, sizeof *g->types) < 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        g->types[i] = *ent_vocab_builtin(i);
        if (ent_strmap_put(&g->type_ids, g->types[i].id, (uint32_t)i, NULL) < 0)
            goto fail;
    }
    g->n_types = n;
    return g;
fail:
    ent_graph_free(g);
    return NULL;
}

char *ent__graph_lower(ent_graph *g, const char *s)
{
    char *p = ent_arena_strdup(&g->arena, s);
    if (p)
        for (char *q = p; *q; q++)
            *q = (char)tolower((unsigned char)*q);
    return p;
}

/*
 * Fills the by-target and by-source indexes with counting sorts: O(R + A). A
 * relation of a symmetric type holds both ways, so it is also listed among
 * its source's incoming and its target's outgoing relations (in_other and
 * out_other give the other end as seen from the actor listed).
 */
static int index_neighbours(ent_graph *g)
{
    size_t na = g->n_actors, nr = g->n_relations, nvia = 0, nsym = 0;
    for (size_t i = 0; i < nr; i++) {
        nvia += g->relations[i].via != ENT_NO_ACTOR;
        nsym += g->types[g->relations[i].type].symmetric != 0;
    }
    free(g->by_target);
    free(g->by_source);
    free(g->in_start);
    free(g->out_start);
    g->by_target = malloc((nr + nsym ? nr + nsym : 1) * sizeof *g->by_target);
    g->by_source = malloc((nr + nvia + nsym ? nr + nvia + nsym : 1) * sizeof *g->by_source);
    g->in_start = calloc(na + 2, sizeof *g->in_start);
    g->out_start = calloc(na + 2, sizeof *g->out_start);
    if (!g->by_target || !g->by_source || !g->in_start || !g->out_start)
        return -1;
    for (size_t i = 0; i < nr; i++) {
        const ent_relation *r = &g->relations[i];
        g->in_start[r->target + 2]++;
        g->out_start[r->source + 2]++;
        if (r->via != ENT_NO_ACTOR)
            g->out_start[r->via + 2]++;
        if (g->types[r->type].symmetric) {
            g->in_start[r->source + 2]++;
            g->out_start[r->target + 2]++;
        }
    }
    for (size_t a = 0; a < na; a++) {
        g->in_start[a + 2] += g->in_start[a + 1];
        g->out_start[a + 2] += g->out_start[a + 1];
    }
    for (size_t i = 0; i < nr; i++) {
        const ent_relation *r = &g->relations[i];
        g->by_target[g->in_start[r->target + 1]++] = (uint32_t)i;
        g->by_source[g->out_start[r->source + 1]++] = (uint32_t)i;
        if (r->via != ENT_NO_ACTOR)
            g->by_source[g->out_start[r->via + 1]++] = (uint32_t)i;
        if (g->types[r->type].symmetric) {
            g->by_target[g->in_start[r->source + 1]++] = (uint32_t)i;
            g->by_source[g->out_start[r->target + 1]++] = (uint32_t)i;
        }
    }
    return 0;
}

/* The reliance code (ENT_RELY_*) of a relation of type t read towards actor
 * `to` (docs/analyses.md, "Leverage"). */
static uint8_t rely_code(const ent_graph *g, const ent_reltype *t, uint32_t to)
{
    switch (t->role) {
    case ENT_ROLE_PROVIDES:
        return ENT_RELY_TO_ON_FROM;
    case ENT_ROLE_REFUSES:
        return ENT_RELY_REFUSAL;
    case ENT_ROLE_SEEKS:
    case ENT_ROLE_YIELDS:
        return ENT_RELY_FROM_ON_TO;
    case ENT_ROLE_STRUCTURE: {
        /* Membership of an alliance bound to defend its members. */
        const ent_actor *x = &g->actors[to];
        if (x->kind != ENT_KIND_ALLIANCE || x->collective_defense != 1 ||
            strcmp(t->id, "member_of") != 0)
            return ENT_RELY_NONE;
        return ENT_RELY_FROM_ON_TO;
    }
    default:
        return ENT_RELY_NONE;
    }
}

/* Orders readings of one source by target, then relation: (target, rel) is
 * unique among them, so this order is the stable one. */
static int by_target_rel(const void *x, const void *y)
{
    const ent_pair_span *a = x, *b = y;
    if (a->target != b->target)
        return a->target < b->target ? -1 : 1;
    return (a->rel > b->rel) - (a->rel < b->rel);
}

/*
 * Builds g->pairs (see ent_pair_span): the readings of every relation are
 * counted by source, laid out in relation order within each source's block
 * by one scatter pass, and each block is then ordered by target (insertion
 * sort for the usual few readings, qsort for a hub's many). Linear in
 * relations plus actors but for the hubs' n log n. 0 or -1 (no memory).
 */
static int index_pairs(ent_graph *g)
{
    size_t na = g->n_actors, nr = g->n_relations, n = nr + g->n_symmetric;
    free(g->pairs);
    g->n_pairs = 0;
    g->pairs = malloc((n ? n : 1) * sizeof *g->pairs);
    size_t *start = calloc(na + 1, sizeof *start);
    if (!g->pairs || !start) {
        free(start);
        return -1;
    }
    for (size_t i = 0; i < nr; i++) {
        const ent_rel_span *r = &g->spans[i];
        start[r->source + 1]++;
        if (r->symmetric)
            start[r->target + 1]++;
    }
    for (size_t a = 1; a <= na; a++)
        start[a] += start[a - 1];
    /* start[a] now runs ahead as block a fills; block a ends where a + 1's
     * begins, which the fill leaves in start[a] once done. */
    for (size_t i = 0; i < nr; i++) {
        const ent_rel_span *r = &g->spans[i];
        uint32_t bits = (uint32_t)r->status | (r->durable ? ENT_PAIR_DURABLE : 0) |
                        (uint32_t)r->rely << 5 | (uint32_t)r->halvings << 7 |
                        (!r->durable && r->first < r->last ? ENT_PAIR_PARTIAL : 0) |
                        (r->claimed_by != ENT_NO_ACTOR ? ENT_PAIR_CLAIMED : 0);
        ent_pair_span p = {r->begins,   r->last, r->source,   r->target,
                           (uint32_t)i, bits,    r->intensity};
        g->pairs[start[r->source]++] = p;
        if (r->symmetric) {
            p.source = r->target;
            p.target = r->source;
            p.bits = (bits & ~(3u << 5)) | ENT_PAIR_MIRROR | (uint32_t)r->rely_back << 5;
            g->pairs[start[r->target]++] = p;
        }
    }
    for (size_t a = 0, from = 0; a < na; a++) {
        size_t to = start[a];
        ent_pair_span *b = g->pairs + from;
        size_t k = to - from;
        if (k > 32)
            qsort(b, k, sizeof *b, by_target_rel);
        else
            for (size_t x = 1; x < k; x++) {
                ent_pair_span t = b[x];
                size_t y = x;
                for (; y > 0 && (b[y - 1].target > t.target ||
                                 (b[y - 1].target == t.target && b[y - 1].rel > t.rel));
                     y--)
                    b[y] = b[y - 1];
                b[y] = t;
            }
        from = to;
    }
    g->n_pairs = n;
    free(start);
    return 0;
}

typedef struct pair_job {
    ent_graph *g;
    int rc;
} pair_job;

static void *run_pairs(void *arg)
{
    pair_job *j = arg;
    j->rc = index_pairs(j->g);
    return NULL;
}

/* From this many relations, the index is built on two threads (spans in
 * halves, then the pair order beside the neighbour lists). */
#define INDEX_THREAD_MIN 20000

/* Computes the spans of relations [from, to); returns how many of them are of
 * a symmetric type. Reads the relations, types, actors and sources; writes
 * only those spans, so two ranges may be filled at once. */
static size_t fill_spans(ent_graph *g, size_t from, size_t to)
{
    size_t nsym = 0;
    for (size_t i = from; i < to; i++) {
        const ent_relation *r = &g->relations[i];
        ent_rel_span *s = &g->spans[i];
        s->durable = (uint8_t)g->types[r->type].durable;
        s->symmetric = (uint8_t)g->types[r->type].symmetric;
        nsym += s->symmetric;
        if (s->durable) {
            s->first = r->from.year ? ent_date_first_day(r->from) : INT32_MIN;
            s->last = r->to.year ? ent_date_last_day(r->to) : INT32_MAX;
            s->begins = r->from.year ? ent_date_last_day(r->from) : INT32_MIN;
        } else {
            s->first = ent_date_first_day(r->at);
            s->last = ent_date_last_day(r->at);
            s->begins = s->last;
        }
        if (s->begins > s->last) /* "from": "2023-09", "to": "2023-09-10" */
            s->begins = s->last;
        s->source = r->source;
        s->target = r->target;
        s->intensity = r->intensity;
        s->claimed_by = r->claimed_by;
        s->status = (uint8_t)r->status;
        const ent_reltype *t = &g->types[r->type];
        s->rely = rely_code(g, t, r->target);
        s->rely_back = s->symmetric ? rely_code(g, t, r->source) : ENT_RELY_NONE;
        s->halvings = (uint8_t)(!ent_mode_is_material(t->mode) + !t->durable);
        s->kinds = 0;
        for (size_t e = 0; e < r->n_evidence; e++) {
            const char *kind = g->sources[r->evidence[e].source].kind;
            for (size_t k = 0; kind[0] && k < g->n_source_kinds; k++)
                if (g->source_kinds[k] == kind)
                    s->kinds |= 1u << k;
        }
    }
    return nsym;
}

/* Spans are computed in chunks of this many relations, claimed by whichever
 * thread is free, so that one held-up thread does not hold up the index. */
#define SPAN_CHUNK 16384

typedef struct span_job {
    ent_graph *g;
    _Atomic size_t *next; /* the first relation not yet claimed */
    size_t nsym;          /* out: relations of a symmetric type among this thread's */
} span_job;

static void *run_spans(void *arg)
{
    span_job *j = arg;
    size_t nr = j->g->n_relations, from;
    while ((from = atomic_fetch_add_explicit(j->next, SPAN_CHUNK, memory_order_relaxed)) < nr)
        j->nsym += fill_spans(j->g, from, nr - from > SPAN_CHUNK ? from + SPAN_CHUNK : nr);
    return NULL;
}

int ent__graph_index(ent_graph *g)
{
    free(g->spans);
    g->spans = malloc((g->n_relations ? g->n_relations : 1) * sizeof *g->spans);
    if (!g->spans)
        return -1;
    /* Each span is computed on its own: on a large graph, on two threads. */
    size_t nr = g->n_relations;
    _Atomic size_t next;
    atomic_init(&next, 0);
    span_job mine = {g, &next, 0}, other = {g, &next, 0};
    pthread_t sth;
    int split = nr >= INDEX_THREAD_MIN && pthread_create(&sth, NULL, run_spans, &other) == 0;
    run_spans(&mine);
    if (split)
        pthread_join(sth, NULL);
    g->n_symmetric = mine.nsym + other.nsym;
    /* The pair order and the neighbour lists read the relations and their
     * spans and write apart: on a large graph, build them side by side. */
    pair_job pj = {g, 0};
    pthread_t th;
    int threaded =
        g->n_relations >= INDEX_THREAD_MIN && pthread_create(&th, NULL, run_pairs, &pj) == 0;
    if (!threaded)
        run_pairs(&pj);
    int rc = index_neighbours(g);
    if (threaded)
        pthread_join(th, NULL);
    return rc < 0 || pj.rc < 0 ? -1 : 0;
}

void ent_graph_free(ent_graph *g)
{
    if (!g)
        return;
    free(g->spans);
    free(g->pairs);
    free(g->by_target);
    free(g->by_source);
    free(g->in_start);
    free(g->out_start);
    free(g->sources);
    free(g->actors);
    free(g->relations);
    free(g->snapshots);
    free(g->comparisons);
    free(g->types);
    ent_strmap_release(&g->source_ids);
    ent_strmap_release(&g->actor_ids);
    ent_strmap_release(&g->snapshot_ids);
    ent_strmap_release(&g->comparison_ids);
    ent_strmap_release(&g->type_ids);
    ent_strmap_release(&g->relation_ids);
    ent_strmap_release(&g->names);
    ent_arena_release(&g->arena);
    free(g);
}

const char *ent_graph_title(const ent_graph *g)
{
    return g->title;
}

const char *ent_graph_description(const ent_graph *g)
{
    return g->description;
}

size_t ent_graph_file_count(const ent_graph *g)
{
    return g->n_files;
}

const char *ent_graph_file(const ent_graph *g, size_t i)
{
    return i < g->n_files ? g->files[i] : "";
}

size_t ent_graph_source_count(const ent_graph *g)
{
    return g->n_sources;
}

const ent_source *ent_graph_source(const ent_graph *g, size_t i)
{
    return i < g->n_sources ? &g->sources[i] : NULL;
}

size_t ent_graph_actor_count(const ent_graph *g)
{
    return g->n_actors;
}

const ent_actor *ent_graph_actor(const ent_graph *g, size_t i)
{
    return i < g->n_actors ? &g->actors[i] : NULL;
}

size_t ent_graph_relation_count(const ent_graph *g)
{
    return g->n_relations;
}

const ent_relation *ent_graph_relation(const ent_graph *g, size_t i)
{
    return i < g->n_relations ? &g->relations[i] : NULL;
}

size_t ent_graph_snapshot_count(const ent_graph *g)
{
    return g->n_snapshots;
}

const ent_declared_snapshot *ent_graph_snapshot(const ent_graph *g, size_t i)
{
    return i < g->n_snapshots ? &g->snapshots[i] : NULL;
}

size_t ent_graph_comparison_count(const ent_graph *g)
{
    return g->n_comparisons;
}

const ent_comparison *ent_graph_comparison(const ent_graph *g, size_t i)
{
    return i < g->n_comparisons ? &g->comparisons[i] : NULL;
}

size_t ent_graph_type_count(const ent_graph *g)
{
    return g->n_types;
}

const ent_reltype *ent_graph_type(const ent_graph *g, size_t i)
{
    return i < g->n_types ? &g->types[i] : NULL;
}

long ent_graph_actor_by_id(const ent_graph *g, const char *id)
{
    uint32_t v;
    return ent_strmap_get(&g->actor_ids, id, &v) ? (long)v : -1;
}

long ent_graph_snapshot_by_id(const ent_graph *g, const char *id)
{
    uint32_t v;
    return ent_strmap_get(&g->snapshot_ids, id, &v) ? (long)v : -1;
}

long ent_graph_comparison_by_id(const ent_graph *g, const char *id)
{
    uint32_t v;
    return ent_strmap_get(&g->comparison_ids, id, &v) ? (long)v : -1;
}

long ent_graph_headline_comparison(const ent_graph *g)
{
    return g->headline;
}

long ent_graph_resolve_actor(const ent_graph *g, const char *name, const char **suggestion)
{
    uint32_t v;
    if (suggestion)
        *suggestion = NULL;
    if (ent_strmap_get(&g->actor_ids, name, &v))
        return (long)v;
    size_t len = strlen(name);
    char small[256];
    char *low = len < sizeof small ? small : malloc(len + 1);
    if (!low)
        return -1;
    for (size_t i = 0; i <= len; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    int found = ent_strmap_get(&g->names, low, &v);
    if (low != small)
        free(low);
    if (found)
        return v == ENT_NAME_AMBIGUOUS ? -2 : (long)v;
    if (suggestion) {
        ent_fuzzy f;
        ent_fuzzy_init(&f, name);
        for (size_t i = 0; i < g->n_actors; i++) {
            ent_fuzzy_offer(&f, g->actors[i].id);
            ent_fuzzy_offer(&f, g->actors[i].name);
            for (size_t k = 0; k < g->actors[i].n_aliases; k++)
                ent_fuzzy_offer(&f, g->actors[i].aliases[k]);
        }
        *suggestion = f.best;
    }
    return -1;
}

size_t ent_graph_source_kind_count(const ent_graph *g)
{
    return g->n_source_kinds;
}

const char *ent_graph_source_kind(const ent_graph *g, size_t k)
{
    return k < g->n_source_kinds ? g->source_kinds[k] : NULL;
}

long ent_graph_source_kind_by_name(const ent_graph *g, const char *kind)
{
    for (size_t k = 0; k < g->n_source_kinds; k++)
        if (strcmp(g->source_kinds[k], kind) == 0)
            return (long)k;
    return -1;
}

static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

size_t ent_graph_actor_matches(const ent_graph *g, const char *name, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < g->n_actors; i++) {
        const ent_actor *a = &g->actors[i];
        int hit = same_ignoring_case(a->id, name) || same_ignoring_case(a->name, name);
        for (size_t k = 0; !hit && k < a->n_aliases; k++)
            hit = same_ignoring_case(a->aliases[k], name);
        if (hit && n++ < max)
            out[n - 1] = (uint32_t)i;
    }
    return n;
}

const char *ent_actor_kind_str(ent_actor_kind k)
{
    static const char *const names[] = {"state",    "de_facto_state", "leader", "person",
                                        "alliance", "organization",   "force",  "group",
                                        "place",    "issue"};
    return (unsigned)k < ENT_KIND_COUNT_ ? names[k] : "unknown";
}

const char *ent_status_str(ent_status s)
{
    static const char *const names[] = {"confirmed", "reported", "claimed", "disputed"};
    return (unsigned)s < ENT_STATUS_COUNT_ ? names[s] : "unknown";
}

int ent_graph_resolve_when(const ent_graph *g, const char *when, int32_t *day,
                           const char **suggestion)
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
