/*
 * select.c: what a diagram shows: the actors present on its dates (or near
 * the focus, of the kinds and types asked for), the weight of each edge once
 * filtered, and the alliances that get a box around their members.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "model/model.h"
#include "render/render_impl.h"
#include "snapshot/edges.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/strmap.h"

static int type_allowed(const render *r, uint32_t type)
{
    if (!r->o->n_types)
        return 1;
    const ent_reltype *t = ent_graph_type(r->g, type);
    for (size_t i = 0; i < r->o->n_types; i++)
        if (strcmp(r->o->types[i], t->id) == 0 || strcmp(r->o->types[i], t->family) == 0)
            return 1;
    return 0;
}

/* Weighs edge e of view vi: the relations of an allowed type, without the
 * memberships that a box already shows when `boxed` is set. A symmetric
 * relation stands behind the edges of both directions; it is drawn once, on
 * the edge of the direction it was coded in. */
weighed ent__render_weigh(const render *r, int vi, const ent_edge *e, int boxed)
{
    weighed w = {0, 0.0, 1, 1, 1};
    for (size_t k = 0; k < e->n_relations; k++) {
        const ent_relation *rel = ent_graph_relation(r->g, e->relations[k]);
        if (rel->source != e->source || !type_allowed(r, rel->type))
            continue;
        if (!ent_graph_type(r->g, rel->type)->symmetric)
            w.mutual = 0;
        if (boxed && (int32_t)rel->type == r->member_type)
            continue;
        w.kept++;
        w.weight += ent_view_relation_weight(r->v[vi], e->relations[k]);
        if (rel->status != ENT_STATUS_CLAIMED && rel->status != ENT_STATUS_DISPUTED)
            w.claimed = 0;
        if ((int32_t)rel->type != r->leader_type)
            w.leads = 0;
    }
    if (!w.kept)
        w.claimed = w.leads = w.mutual = 0;
    return w;
}

static int add_node(render *r, uint32_t a)
{
    if (r->index[a] >= 0)
        return (int)r->index[a];
    rnode *grown = realloc(r->nodes, (r->n_nodes + 1) * sizeof *r->nodes);
    if (!grown)
        return -1;
    r->nodes = grown;
    rnode n = {a, {0, 0}, -1, {-1, -1}, 0, 0, 0, 0, NULL};
    r->nodes[r->n_nodes] = n;
    r->index[a] = (int32_t)r->n_nodes;
    return (int)r->n_nodes++;
}

/* The actors drawn: present on a date, of a kind asked for, with a kept
 * relation on one of the dates (unless all_actors: the others are listed in
 * r->left_out for the note under the picture; with --types, only relations
 * of those types count); with a focus and a depth, only the actors within
 * that many steps of a focus actor. A focus actor is always drawn. */
int ent__render_select_actors(render *r)
{
    const ent_graph *g = r->g;
    size_t na = ent_graph_actor_count(g);
    unsigned char *keep = calloc(na ? na : 1, 1);
    int32_t *dist = NULL;
    int rc = ENT_ENOMEM;
    if (!keep)
        goto done;
    for (size_t a = 0; a < na; a++) {
        int in = 0;
        for (int vi = 0; vi < r->nviews; vi++)
            in |= ent_view_has_actor(r->v[vi], (uint32_t)a);
        unsigned kind = (unsigned)ent_graph_actor(g, a)->kind;
        if (in && (!r->o->kinds || (r->o->kinds & (1u << kind))))
            keep[a] = r->o->n_types || !r->o->all_actors ? 1 : 2; /* 1: only with a relation */
    }
    if (r->o->n_types || !r->o->all_actors)
        for (int vi = 0; vi < r->nviews; vi++)
            for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
                const ent_edge *e = ent_view_edge(r->v[vi], i);
                if (keep[e->source] && keep[e->target] && ent__render_weigh(r, vi, e, 0).kept)
                    keep[e->source] = keep[e->target] = 2;
            }
    if (!(r->focused = calloc(na ? na : 1, 1)))
        goto done;
    for (size_t k = 0; k < r->o->n_focus; k++) {
        uint32_t f = r->o->focus[k];
        if (f >= na || !keep[f] || (r->o->n_types && keep[f] != 2)) {
            rc = ent_error_set(ENT_EUSAGE, "%s is not in the %s drawn",
                               f < na ? ent_graph_actor(g, f)->id : "the focus actor",
                               r->nviews > 1 ? "snapshots" : "snapshot");
            goto done;
        }
        keep[f] = 2; /* drawn, related or not */
        r->focused[f] = 1;
    }
    if (r->o->n_focus && r->o->depth) {
        if (!(dist = malloc(na * sizeof *dist)))
            goto done;
        for (size_t a = 0; a < na; a++)
            dist[a] = r->focused[a] ? 0 : -1;
        for (unsigned d = 0; d < r->o->depth; d++) {
            for (int vi = 0; vi < r->nviews; vi++)
                for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
                    const ent_edge *e = ent_view_edge(r->v[vi], i);
                    uint32_t s = e->source, t = e->target;
                    if (keep[s] != 2 || keep[t] != 2 || !ent__render_weigh(r, vi, e, 0).kept)
                        continue;
                    if (dist[s] == (int32_t)d && dist[t] < 0)
                        dist[t] = (int32_t)d + 1;
                    else if (dist[t] == (int32_t)d && dist[s] < 0)
                        dist[s] = (int32_t)d + 1;
                }
        }
        for (size_t a = 0; a < na; a++)
            if (dist[a] < 0)
                keep[a] = 0;
    }
    for (size_t a = 0; a < na; a++) {
        if (keep[a] == 1 && !r->o->n_types) {
            /* Present, of a kind drawn, but related to no one on the days. */
            uint32_t *grown = realloc(r->left_out, (r->n_left_out + 1) * sizeof *grown);
            if (!grown)
                goto done;
            r->left_out = grown;
            r->left_out[r->n_left_out++] = (uint32_t)a;
        }
        if (keep[a] != 2)
            continue;
        int n = add_node(r, (uint32_t)a);
        if (n < 0)
            goto done;
        for (int vi = 0; vi < r->nviews; vi++)
            r->nodes[n].in[vi] = (unsigned char)ent_view_has_actor(r->v[vi], (uint32_t)a);
    }
    rc = r->n_nodes ? ENT_OK
                    : ent_error_set(ENT_EUSAGE, "nothing to draw: no actor is left once the "
                                                "kinds, types and focus are applied, and "
                                                "actors without a relation left out (see "
                                                "--all-actors)");
done:
    free(keep);
    free(dist);
    return rc;
}

/* Alliance boxes: an alliance drawn with members on a date gets a box; each
 * actor is laid out in at most one box (the first alliance, in the order of
 * the graph files, it is a member of on the first date, else the second).
 * A leader is not a member: it is drawn beside its state, outside the box. */
int ent__render_find_boxes(render *r)
{
    if (!r->clusters || r->member_type < 0)
        return ENT_OK;
    for (int vi = 0; vi < r->nviews; vi++)
        for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
            const ent_edge *e = ent_view_edge(r->v[vi], i);
            int32_t m = r->index[e->source], al = r->index[e->target];
            if (m < 0 || al < 0 || m == al ||
                ent_graph_actor(r->g, e->target)->kind != ENT_KIND_ALLIANCE ||
                !ent__has_type(r->g, e, r->member_type))
                continue;
            int b = -1;
            for (size_t k = 0; k < r->n_boxes; k++)
                if (r->boxes[k] == (uint32_t)al)
                    b = (int)k;
            if (b < 0) {
                uint32_t *grown = realloc(r->boxes, (r->n_boxes + 1) * sizeof *r->boxes);
                if (!grown)
                    return ENT_ENOMEM;
                r->boxes = grown;
                b = (int)r->n_boxes;
                r->boxes[r->n_boxes++] = (uint32_t)al;
                r->nodes[al].box = b;
                r->nodes[al].member[0] = r->nodes[al].member[1] = b;
            }
            rnode *n = &r->nodes[m];
            /* The first alliance in graph order wins; edges come by source, so compare. */
            if (n->member[vi] < 0 || r->boxes[n->member[vi]] > (uint32_t)al)
                n->member[vi] = b;
        }
    /* An alliance that is itself a member of another keeps its own box. */
    for (size_t k = 0; k < r->n_boxes; k++) {
        rnode *al = &r->nodes[r->boxes[k]];
        al->member[0] = al->member[1] = (int)k;
    }
    for (size_t i = 0; i < r->n_nodes; i++) {
        rnode *n = &r->nodes[i];
        if (n->box < 0)
            n->box = n->member[0] >= 0 ? n->member[0] : n->member[1];
    }
    return ENT_OK;
}
