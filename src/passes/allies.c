/*
 * allies.c: membership of a collective-defence alliance binds the members to
 * one another. This file finds those bonds in a view (the pairs of members,
 * for the signed projection) and describes them as evidence; who and
 * commitments find them around one actor through the graph's indexes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "model/model.h"
#include "util/grow.h"
#include "passes/allies.h"
#include "passes/common.h"
#include "util/error.h"

int ent__is_defence_alliance(const ent_graph *g, uint32_t a)
{
    return ent_graph_actor(g, a)->kind == ENT_KIND_ALLIANCE &&
           ent_graph_actor(g, a)->collective_defense == 1;
}

int ent__is_defence_membership(const ent_graph *g, uint32_t r)
{
    const ent_relation *rel = ent_graph_relation(g, r);
    return strcmp(ent_graph_type(g, rel->type)->id, "member_of") == 0 &&
           ent__is_defence_alliance(g, rel->target);
}

/* The best membership among the relations of edge e (see ent__defence_membership). */
static uint32_t best_membership(const ent_view *v, const ent_edge *e, double *w)
{
    const ent_graph *g = ent_view_graph(v);
    uint32_t best = UINT32_MAX;
    double bw = 0;
    for (size_t k = 0; k < e->n_relations; k++) {
        uint32_t r = e->relations[k];
        if (strcmp(ent_graph_type(g, ent_graph_relation(g, r)->type)->id, "member_of") != 0)
            continue;
        double x = ent_view_relation_weight(v, r);
        if (x > bw) {
            bw = x;
            best = r;
        }
    }
    if (w)
        *w = bw;
    return best;
}

uint32_t ent__defence_membership(const ent_view *v, uint32_t member, uint32_t alliance, double *w)
{
    if (w)
        *w = 0;
    if (member == alliance || !ent__is_defence_alliance(ent_view_graph(v), alliance))
        return UINT32_MAX;
    const ent_edge *e = ent_view_find_edge(v, member, alliance);
    return e ? best_membership(v, e, w) : UINT32_MAX;
}

/* A member of an alliance, with the weight of its membership. */
typedef struct membership {
    uint32_t alliance, member;
    double w;
} membership;

static int by_alliance(const void *x, const void *y)
{
    const membership *a = x, *b = y;
    if (a->alliance != b->alliance)
        return a->alliance < b->alliance ? -1 : 1;
    return (a->member > b->member) - (a->member < b->member);
}

static int by_key(const void *x, const void *y)
{
    const bound_pair *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->w < b->w) - (a->w > b->w); /* the largest weight first */
}

int ent__bound_pairs(const ent_view *v, bound_pair **out, size_t *n)
{
    const ent_graph *g = ent_view_graph(v);
    size_t ne = ent_view_edge_count(v), nm = 0, np = 0;
    *out = NULL;
    *n = 0;
    membership *ms = NULL;
    bound_pair *ps = NULL;
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        nm += e->source != e->target && ent__is_defence_alliance(g, e->target);
    }
    if (!nm)
        return ENT_OK;
    if (!(ms = malloc(nm * sizeof *ms)))
        goto oom;
    nm = 0;
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        double w;
        if (e->source == e->target || !ent__is_defence_alliance(g, e->target) ||
            best_membership(v, e, &w) == UINT32_MAX)
            continue;
        membership m = {e->target, e->source, w};
        ms[nm++] = m;
    }
    qsort(ms, nm, sizeof *ms, by_alliance);
    /* k(k-1)/2 pairs per alliance, counted first so that one allocation holds them. */
    for (size_t i = 0; i < nm;) {
        size_t j = i;
        while (j < nm && ms[j].alliance == ms[i].alliance)
            j++;
        size_t k = j - i;
        if (k > 1 && (k / 2 > SIZE_MAX / sizeof *ps / (k - 1) || np > SIZE_MAX / 2))
            goto oom;
        np += k * (k - 1) / 2;
        i = j;
    }
    if (!np) {
        free(ms);
        return ENT_OK;
    }
    if (np > SIZE_MAX / sizeof *ps || !(ps = malloc(np * sizeof *ps)))
        goto oom;
    np = 0;
    for (size_t i = 0; i < nm;) {
        size_t j = i;
        while (j < nm && ms[j].alliance == ms[i].alliance)
            j++;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                /* members ascend within an alliance: a's is the lower index */
                ps[np].key = (uint64_t)ms[a].member << 32 | ms[b].member;
                ps[np++].w = ms[a].w < ms[b].w ? ms[a].w : ms[b].w;
            }
        i = j;
    }
    free(ms);
    qsort(ps, np, sizeof *ps, by_key);
    size_t k = 0; /* one per pair, its largest weight (sorted first) */
    for (size_t i = 0; i < np; i++)
        if (!k || ps[k - 1].key != ps[i].key)
            ps[k++] = ps[i];
    *out = ps;
    *n = k;
    return ENT_OK;
oom:
    free(ms);
    free(ps);
    return ent_error_set(ENT_ENOMEM, "out of memory while pairing the members of alliances");
}

size_t ent__describe_bound(const ent_view *v, uint32_t x, uint32_t y, const char *sep,
                           ent_strbuf *sb)
{
    const ent_graph *g = ent_view_graph(v);
    size_t n = 0, count = 0;
    const ent_edge *e = ent_view_out(v, x, &n);
    for (size_t i = 0; i < n; i++) {
        uint32_t a = e[i].target, rx, ry;
        if (a == y || (rx = ent__defence_membership(v, x, a, NULL)) == UINT32_MAX ||
            (ry = ent__defence_membership(v, y, a, NULL)) == UINT32_MAX)
            continue;
        ent_strbuf_adds(sb, count++ ? " | " : sep);
        ent_strbuf_addf(sb, "bound by alliance %s: %s->%s ", ent_graph_actor(g, a)->id,
                        ent_graph_actor(g, x)->id, ent_graph_actor(g, a)->id);
        ent__describe_relation(g, rx, sb);
        ent_strbuf_addf(sb, "; %s->%s ", ent_graph_actor(g, y)->id, ent_graph_actor(g, a)->id);
        ent__describe_relation(g, ry, sb);
    }
    return count;
}
