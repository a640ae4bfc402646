/*
 * layout.c: step 1 of every picture, the layout: one graph with every actor
 * the picture shows and one edge per linked pair, laid out once by the
 * chosen engine; the positions are read back with attach_attrs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "model/model.h"
#include "render/boxes.h"
#include "render/render_impl.h"
#include "snapshot/edges.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/strmap.h"

static int pair_cmp(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return q->leads - p->leads; /* a leadership first, so that it is the one kept */
}

static double num_attr(void *obj, const char *name)
{
    char *s = agget(obj, (char *)name);
    return s && *s ? strtod(s, NULL) : 0.0;
}

/* Moves every actor drawn over an alliance's box without being a member of
 * it out of the way (boxes.c), for each panel the picture draws: one, two
 * for a comparison, one holding both dates for a diff. A box that still
 * holds a non-member is marked in r->box_dirty and drawn as lines. */
static int clear_boxes(render *r)
{
    if (!r->n_boxes)
        return ENT_OK;
    int panels = r->mode == ENT_RENDER_COMPARE ? 2 : 1;
    size_t ng = (size_t)panels * r->n_boxes, n = r->n_nodes;
    int rc = ENT_ENOMEM;
    ent__route_box *nb = malloc((n ? n : 1) * sizeof *nb);
    uint32_t *members = malloc(ng * (n ? n : 1) * sizeof *members);
    unsigned char *present = malloc(2 * (n ? n : 1));
    ent__box_group *groups = calloc(ng, sizeof *groups);
    r->box_dirty = calloc(2 * r->n_boxes, 1);
    if (!nb || !members || !present || !groups || !r->box_dirty)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const rnode *x = &r->nodes[i];
        nb[i] = (ent__route_box){x->x, x->y, x->w / 2, x->h / 2};
        for (int p = 0; p < panels; p++) {
            int vi = r->mode == ENT_RENDER_DIFF ? 2 : p;
            present[p * n + i] = vi == 2 ? (x->in[0] || x->in[1]) : x->in[vi];
        }
    }
    for (int p = 0; p < panels; p++) {
        int vi = r->mode == ENT_RENDER_DIFF ? 2 : p;
        for (size_t k = 0; k < r->n_boxes; k++) {
            ent__box_group *g = &groups[(size_t)p * r->n_boxes + k];
            uint32_t *m = members + ((size_t)p * r->n_boxes + k) * n;
            g->members = m;
            g->present = present + (size_t)p * n;
            for (size_t i = 0; i < n; i++)
                if (ent__render_in_box(r, i, (int)k, vi))
                    m[g->n_members++] = (uint32_t)i;
        }
    }
    if ((rc = ent__boxes_separate(nb, n, groups, ng, BOX_PAD, BOX_LABEL, BOX_GAP, r->box_dirty)))
        goto done;
    for (size_t i = 0; i < n; i++) {
        r->nodes[i].x = nb[i].x;
        r->nodes[i].y = nb[i].y;
    }
    rc = ENT_OK;
done:
    free(nb);
    free(members);
    free(present);
    free(groups);
    return rc;
}

int ent__render_lay_out(render *r, GVC_t *gvc, const char *engine)
{
    int rc = ENT_ENOMEM;
    pair *pairs = NULL;
    size_t np = 0, cap = 0;
    Agraph_t *lg = ent__render_open_graph("layout");
    Agraph_t **sub = calloc(r->n_boxes ? r->n_boxes : 1, sizeof *sub);
    if (!lg || !sub)
        goto done;
    ent__render_set(lg, "start", "1"); /* the seed of fdp's and neato's first positions */
    ent__render_set(lg, "overlap", "false");
    ent__render_set(lg, "sep", "+8"); /* room for lines between nodes (route.c) */
    ent__render_set(lg, "nodesep", "0.3");
    ent__render_set(lg, "outputorder", "edgesfirst");
    agattr(lg, AGNODE, "fontname", FONT);
    agattr(lg, AGNODE, "fontsize", "10");
    agattr(lg, AGNODE, "margin", "0.08,0.04");
    char name[32];
    for (size_t k = 0; r->clusters == BOX_CLUSTER && k < r->n_boxes; k++) {
        snprintf(name, sizeof name, "cluster_%zu", k);
        sub[k] = agsubg(lg, name, 1);
        if (!sub[k])
            goto done;
        ent__render_set(sub[k], "label", "alliance"); /* room for the name, like the drawing's */
    }
    for (size_t i = 0; i < r->n_nodes; i++) {
        rnode *n = &r->nodes[i];
        snprintf(name, sizeof name, "n%zu", i);
        Agraph_t *home = n->box >= 0 && sub[n->box] ? sub[n->box] : lg;
        if (!(n->ln = agnode(home, name, 1)))
            goto done;
        ent__render_style_node(r, n->ln, n->actor);
    }
    /* One edge per linked pair, whatever the direction and the date. */
    for (int vi = 0; vi < r->nviews; vi++)
        for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
            const ent_edge *e = ent_view_edge(r->v[vi], i);
            int32_t s = r->index[e->source], t = r->index[e->target];
            if (s < 0 || t < 0 || s == t)
                continue;
            weighed w = ent__render_weigh(r, vi, e, 0);
            if (!w.kept)
                continue;
            if (np == cap) {
                size_t nc = cap ? cap * 2 : 64;
                pair *grown = realloc(pairs, nc * sizeof *pairs);
                if (!grown)
                    goto done;
                pairs = grown;
                cap = nc;
            }
            pair p = {(uint32_t)(s < t ? s : t), (uint32_t)(s < t ? t : s), w.leads};
            pairs[np++] = p;
        }
    if (np)
        qsort(pairs, np, sizeof *pairs, pair_cmp);
    for (size_t i = 0; i < np; i++) {
        if (i && pairs[i].a == pairs[i - 1].a && pairs[i].b == pairs[i - 1].b)
            continue;
        Agedge_t *e = agedge(lg, r->nodes[pairs[i].a].ln, r->nodes[pairs[i].b].ln, NULL, 1);
        if (!e)
            goto done;
        if (pairs[i].leads) { /* keep a leader next to its state */
            ent__render_set(e, "len", "0.4");
            ent__render_set(e, "weight", "4");
        }
    }
    /* Pull the members of an alliance towards it, so that its box holds few others. */
    for (size_t i = 0; r->clusters == BOX_PULL && i < r->n_nodes; i++) {
        const rnode *n = &r->nodes[i];
        if (n->box < 0 || i == r->boxes[n->box])
            continue;
        Agedge_t *e = agedge(lg, n->ln, r->nodes[r->boxes[n->box]].ln, NULL, 1);
        if (!e)
            goto done;
        ent__render_set(e, "len", "0.6");
        ent__render_set(e, "weight", "3");
    }
    ent__render_gv_errors = 0;
    if (gvLayout(gvc, lg, engine) != 0 || ent__render_gv_errors) {
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not lay out the diagram with %s: %s",
                           engine,
                           ent__render_gv_errors ? ent__render_gv_message : "the engine failed");
        goto done;
    }
    attach_attrs(lg);
    r->minx = r->miny = HUGE_VAL;
    r->maxx = r->maxy = -HUGE_VAL;
    for (size_t i = 0; i < r->n_nodes; i++) {
        rnode *n = &r->nodes[i];
        char *pos = agget(n->ln, "pos");
        if (!pos || sscanf(pos, "%lf,%lf", &n->x, &n->y) != 2) {
            gvFreeLayout(gvc, lg);
            rc = ent_error_set(ENT_EINTERNAL, "Graphviz gave no position for %s",
                               ent_graph_actor(r->g, n->actor)->id);
            goto done;
        }
        /* Fixed precision, so that the drawing does not depend on the last bits. */
        n->x = round(n->x * 100) / 100;
        n->y = round(n->y * 100) / 100;
        n->w = num_attr(n->ln, "width") * 72;
        n->h = num_attr(n->ln, "height") * 72;
    }
    gvFreeLayout(gvc, lg);
    if ((rc = clear_boxes(r)))
        goto done;
    for (size_t i = 0; i < r->n_nodes; i++) {
        rnode *n = &r->nodes[i];
        r->minx = fmin(r->minx, n->x - n->w / 2);
        r->maxx = fmax(r->maxx, n->x + n->w / 2);
        r->miny = fmin(r->miny, n->y - n->h / 2);
        r->maxy = fmax(r->maxy, n->y + n->h / 2 + (n->box >= 0 ? BOX_LABEL : 0));
    }
    rc = ENT_OK;
done:
    free(pairs);
    free(sub);
    if (lg)
        agclose(lg);
    return rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory while laying out") : rc;
}
