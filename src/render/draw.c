/*
 * draw.c: step 2 of every picture, the drawing: nodes pinned at the
 * positions of step 1, edges styled by sign, claim and change, alliance
 * boxes computed from the members on each date.
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

const char *const ent__render_change_names[CH_COUNT] = {"formed",       "dissolved", "sign flipped",
                                                        "strengthened", "weakened",  "unchanged"};
/* + formed, x dissolved (U+00D7), a double arrow for a flip (U+21C4), up and
 * down triangles (U+25B2, U+25BC); DejaVu Sans has them all. */
const char *const ent__render_change_badges[CH_COUNT] = {
    "+", "\xC3\x97", "\xE2\x87\x84", "\xE2\x96\xB2", "\xE2\x96\xBC", ""};

void ent__render_set_pos(void *obj, double x, double y)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f,%.2f!", x, y);
    ent__render_set(obj, "pos", buf);
}

void ent__render_set_size(Agnode_t *n, double w, double h)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.4f", w / 72);
    ent__render_set(n, "width", buf);
    snprintf(buf, sizeof buf, "%.4f", h / 72);
    ent__render_set(n, "height", buf);
}

void ent__render_set_bb(Agraph_t *sg, double x0, double y0, double x1, double y1)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%.2f,%.2f,%.2f,%.2f", x0, y0, x1, y1);
    ent__render_set(sg, "bb", buf);
}

int ent__render_sign_of(double x)
{
    return (x > 1e-12) - (x < -1e-12);
}

void ent__render_style_edge_sign(Agedge_t *e, double weight, double width_of)
{
    int s = ent__render_sign_of(weight);
    char buf[32];
    if (s == 0) {
        ent__render_set(e, "color", NEUTRAL_COLOR);
        ent__render_set(e, "arrowhead", "odot");
    } else {
        ent__render_set(e, "color", s > 0 ? COOP_COLOR : HOSTILE_COLOR);
        ent__render_set(e, "arrowhead", s > 0 ? "normal" : "tee");
    }
    snprintf(buf, sizeof buf, "%.2f", 0.8 + fmin(fabs(width_of), 20.0) / 5.0);
    ent__render_set(e, "penwidth", buf);
}

/* Tooltip of an edge: its relations, described, after `prefix` (a diff's change).
 * 0, or -1 when its text could not be allocated (a drawing without it would
 * differ from the one asked for). */
static int edge_tooltip(drawing *d, Agedge_t *ge, const ent_edge *e, const char *prefix)
{
    ent_strbuf rel = ENT_STRBUF_INIT;
    ent__describe_own(d->r->g, e, &rel);
    ent_strbuf_reset(&d->r->sb);
    if (prefix)
        ent_strbuf_addf(&d->r->sb, "%s: ", prefix);
    ent__escape_dot_plain(&d->r->sb, ent_strbuf_str(&rel), 1000);
    int failed = rel.failed || d->r->sb.failed;
    if (!failed)
        ent__render_set(ge, "tooltip", ent_strbuf_str(&d->r->sb));
    ent_strbuf_release(&rel);
    return failed ? -1 : 0;
}

/* "claimed by X, Y" for an edge all of whose relations are claimed or disputed.
 * 0, or -1 when its text could not be allocated. */
static int claim_label(drawing *d, Agedge_t *ge, const ent_edge *e)
{
    const ent_graph *g = d->r->g;
    ent_strbuf txt = ENT_STRBUF_INIT;
    int disputed = 0;
    uint32_t seen[8];
    size_t ns = 0;
    for (size_t k = 0; k < e->n_relations; k++) {
        const ent_relation *rel = ent_graph_relation(g, e->relations[k]);
        if (rel->status == ENT_STATUS_DISPUTED)
            disputed = 1;
        if (rel->claimed_by == ENT_NO_ACTOR)
            continue;
        size_t j = 0;
        while (j < ns && seen[j] != rel->claimed_by)
            j++;
        if (j < ns || ns == 8)
            continue;
        seen[ns++] = rel->claimed_by;
        ent_strbuf_adds(&txt, ns > 1 ? ", " : "");
        ent_strbuf_adds(&txt, ent_graph_actor(g, rel->claimed_by)->name);
    }
    ent_strbuf_reset(&d->r->sb);
    if (ns) {
        ent_strbuf_adds(&d->r->sb, disputed ? "disputed, claimed by " : "claimed by ");
        ent__escape_dot_plain(&d->r->sb, ent_strbuf_str(&txt), 200);
    } else
        ent_strbuf_adds(&d->r->sb, disputed ? "disputed" : "claimed");
    int failed = txt.failed || d->r->sb.failed;
    if (!failed)
        ent__render_set(ge, "label", ent_strbuf_str(&d->r->sb));
    ent_strbuf_release(&txt);
    return failed ? -1 : 0;
}

/* The node of actor node i in a panel (prefix "" or "1/", "2/"), inside `home`. */
static Agnode_t *draw_node(drawing *d, Agraph_t *home, const char *prefix, size_t i, double dx,
                           double dy)
{
    render *r = d->r;
    const rnode *n = &r->nodes[i];
    const ent_actor *a = ent_graph_actor(r->g, n->actor);
    ent_strbuf_reset(&r->sb);
    ent_strbuf_adds(&r->sb, prefix);
    ent_strbuf_adds(&r->sb, a->id);
    if (r->sb.failed)
        return NULL;
    Agnode_t *gn = agnode(home, (char *)ent_strbuf_str(&r->sb), 1);
    if (!gn)
        return NULL;
    ent__render_style_node(r, gn, n->actor);
    ent__render_set_pos(gn, n->x + dx, n->y + dy);
    ent__render_set_size(gn, n->w, n->h);
    /* Graphviz reads a node's tooltip for escapes twice (Graphviz 2.43: "\\N"
     * in the attribute still shows the node's name), so every backslash of
     * the escaped text is doubled once more: four show as one. */
    ent_strbuf tip = ENT_STRBUF_INIT;
    ent__escape_dot_plain(&tip, a->name, 300);
    ent_strbuf_reset(&r->sb);
    for (const char *c = ent_strbuf_str(&tip); *c; c++) {
        if (*c == '\\')
            ent_strbuf_addc(&r->sb, '\\');
        ent_strbuf_addc(&r->sb, *c);
    }
    ent_strbuf_addf(&r->sb, " (%s)", ent__render_kind_style[a->kind].label);
    int failed = tip.failed;
    ent_strbuf_release(&tip);
    if (failed)
        return NULL;
    ent__render_set(gn, "tooltip", ent_strbuf_str(&r->sb));
    const char *const *colors = prefix[0] == '2' && r->o->colors_b ? r->o->colors_b : r->o->colors;
    if (colors) {
        /* The fill is the colour given (a bloc), white for none: never the
         * kind's, so that one fill means one thing. */
        const char *fill =
            colors[n->actor] && colors[n->actor][0] ? colors[n->actor] : NO_BLOC_FILL;
        ent__render_set(gn, "fillcolor", fill);
        ent__render_set(gn, "style",
                        strstr(ent__render_kind_style[a->kind].style, "dashed") ? "filled,dashed"
                                                                                : "filled");
        size_t k = 0;
        while (k < d->n_fills && strcmp(d->fills[k], fill) != 0)
            k++;
        if (k == d->n_fills && k < sizeof d->fills / sizeof *d->fills)
            d->fills[d->n_fills++] = fill;
    }
    d->kinds_seen |= 1u << a->kind;
    return gn;
}

int ent__render_in_box(const render *r, size_t i, int b, int vi)
{
    const rnode *n = &r->nodes[i];
    if (n->box != b)
        return 0;
    if (vi == 2)
        return n->member[0] == b || n->member[1] == b;
    return n->member[vi] == b;
}

/* Whether the line s -> t is a membership that the box of t, drawn in
 * `boxes` for date vi (2: either date), already shows. */
static int boxed(const render *r, Agraph_t *const *boxes, int32_t s, int32_t t, int vi)
{
    int b = r->nodes[t].box;
    return b >= 0 && (uint32_t)t == r->boxes[b] && ent__render_in_box(r, (size_t)s, b, vi) &&
           boxes[b];
}

/* A line of a focus actor is drawn wider. */
static void widen_focus(drawing *d, Agedge_t *ge, const ent_edge *e)
{
    const render *r = d->r;
    if (!r->focused || !(r->focused[e->source] || r->focused[e->target]))
        return;
    char *w = agget(ge, "penwidth");
    char buf[32];
    snprintf(buf, sizeof buf, "%.2f", (w && *w ? strtod(w, NULL) : 1.0) * FOCUS_WIDEN);
    ent__render_set(ge, "penwidth", buf);
    d->seen_focus = 1;
}

typedef struct diff_ctx {
    drawing *d;
    Agnode_t **gn;          /* the drawn nodes */
    Agraph_t *const *boxes; /* the drawn boxes */
    int rc;
} diff_ctx;

/* One pair of a diff: x its edge on the earlier date, y on the later one
 * (either NULL), drawn in the style of its change (ent__walk_pairs callback). */
static void diff_pair(void *ud, const ent_edge *x, const ent_edge *y)
{
    diff_ctx *c = ud;
    render *r = c->d->r;
    const ent_edge *any = x ? x : y;
    int32_t s = r->index[any->source], t = r->index[any->target];
    if (c->rc || s < 0 || t < 0 || !c->gn[s] || !c->gn[t])
        return;
    int shown = boxed(r, c->boxes, s, t, 2);
    weighed wx = {0, 0, 0, 0, 0}, wy = {0, 0, 0, 0, 0};
    if (x)
        wx = ent__render_weigh(r, 0, x, shown);
    if (y)
        wy = ent__render_weigh(r, 1, y, shown);
    if (!wx.kept)
        x = NULL;
    if (!wy.kept)
        y = NULL;
    if (!x && !y)
        return;
    int ch;
    if (x && !y)
        ch = CH_DISSOLVED;
    else if (!x)
        ch = CH_FORMED;
    else if (ent__render_sign_of(wx.weight) && ent__render_sign_of(wy.weight) &&
             ent__render_sign_of(wx.weight) != ent__render_sign_of(wy.weight))
        ch = CH_FLIPPED;
    else if (fabs(fabs(wy.weight) - fabs(wx.weight)) > 1e-9)
        ch = fabs(wy.weight) > fabs(wx.weight) ? CH_STRONGER : CH_WEAKER;
    else
        ch = CH_SAME;
    Agedge_t *ge = agedge(c->d->g, c->gn[s], c->gn[t], NULL, 1);
    if (!ge) {
        c->rc = ENT_ENOMEM;
        return;
    }
    /* The hue and head: the sign on the later date, or the earlier one's
     * for a dissolved line; the width its intensity, thin when unchanged. */
    const weighed *w = y ? &wy : &wx;
    ent__render_style_edge_sign(ge, w->weight, ch == CH_SAME ? 0 : w->weight);
    int sg = ent__render_sign_of(w->weight);
    if (!w->leads)
        *(sg > 0 ? &c->d->seen_coop : sg < 0 ? &c->d->seen_hostile : &c->d->seen_neutral) = 1;
    if (w->leads) {
        ent__render_set(ge, "color", LEADS_COLOR);
        ent__render_set(ge, "arrowhead", "none");
        ent__render_set(ge, "penwidth", ch == CH_SAME ? "1.2" : "2.5");
        c->d->seen_leads = 1;
    } else if (w->mutual) {
        ent__render_set(ge, "arrowhead", "none");
        c->d->seen_mutual = 1;
    }
    if (ch == CH_DISSOLVED)
        ent__render_set(ge, "style", "dotted");
    else if (w->claimed) {
        ent__render_set(ge, "style", "dashed");
        c->d->seen_claimed = 1;
    }
    if (ent__render_change_badges[ch][0]) {
        ent__render_set(ge, "label", ent__render_change_badges[ch]);
        ent__render_set(ge, "fontsize", "11");
        ent__render_set(ge, "fontcolor", BADGE_COLOR);
    }
    c->d->seen_change[ch] = 1;
    if (edge_tooltip(c->d, ge, y ? y : x, ent__render_change_names[ch]))
        c->rc = ENT_ENOMEM;
    widen_focus(c->d, ge, any);
}

/*
 * One panel: the actors of view vi (2: the diff of both) moved by (dx, dy),
 * in `panel`. Nodes get names prefixed with `prefix`. Returns 0 or ENT_ENOMEM.
 */
int ent__render_draw_panel(drawing *d, Agraph_t *panel, const char *prefix, int vi, double dx,
                           double dy)
{
    render *r = d->r;
    int rc = ENT_ENOMEM;
    Agnode_t **gn = calloc(r->n_nodes, sizeof *gn);
    Agraph_t **boxes = calloc(r->n_boxes ? r->n_boxes : 1, sizeof *boxes);
    if (!gn || !boxes)
        goto done;
    char name[48];
    for (size_t k = 0; k < r->n_boxes; k++) {
        /* The box: around the members on the date, with the alliance's name. */
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        int members = 0;
        for (size_t i = 0; i < r->n_nodes; i++) {
            const rnode *n = &r->nodes[i];
            int present = vi == 2 ? (n->in[0] || n->in[1]) : n->in[vi];
            if (!present || !ent__render_in_box(r, i, (int)k, vi))
                continue;
            members += i != r->boxes[k];
            x0 = fmin(x0, n->x - n->w / 2);
            x1 = fmax(x1, n->x + n->w / 2);
            y0 = fmin(y0, n->y - n->h / 2);
            y1 = fmax(y1, n->y + n->h / 2);
        }
        /* A box that would hold a non-member (layout.c could not clear it)
         * is not drawn: its memberships are drawn as lines instead. */
        if (!members || (r->box_dirty && r->box_dirty[(vi == 1) * r->n_boxes + k]))
            continue;
        snprintf(name, sizeof name, "cluster_%s%zu", prefix[0] ? prefix : "", k);
        for (char *c = name; *c; c++)
            if (*c == '/')
                *c = '_';
        if (!(boxes[k] = agsubg(panel, name, 1)))
            goto done;
        ent__render_set_bb(boxes[k], x0 - BOX_PAD + dx, y0 - BOX_PAD + dy, x1 + BOX_PAD + dx,
                           y1 + BOX_PAD + BOX_LABEL + dy);
        const ent_actor *al = ent_graph_actor(r->g, r->nodes[r->boxes[k]].actor);
        ent_strbuf_reset(&r->sb);
        ent__escape_dot_label(&r->sb, al->name[0] ? al->name : al->id, 40, 2);
        char *html = agstrdup_html(d->g, (char *)ent_strbuf_str(&r->sb));
        agsafeset(boxes[k], "label", html, "");
        agstrfree(d->g, html);
        ent__render_set(boxes[k], "style", "rounded,filled");
        ent__render_set(boxes[k], "fillcolor", "#f7f4fb");
        ent__render_set(boxes[k], "color", "#8073ac");
        ent__render_set(boxes[k], "fontsize", "10");
        ent__render_set(boxes[k], "labeljust", "l");
        d->seen_box = 1;
    }
    for (size_t i = 0; i < r->n_nodes; i++) {
        const rnode *n = &r->nodes[i];
        int present = vi == 2 ? (n->in[0] || n->in[1]) : n->in[vi];
        if (!present)
            continue;
        Agraph_t *home = panel;
        if (n->box >= 0 && boxes[n->box] && ent__render_in_box(r, i, n->box, vi))
            home = boxes[n->box];
        if (!(gn[i] = draw_node(d, home, prefix, i, dx, dy)))
            goto done;
        if (vi == 2 && n->in[0] != n->in[1]) {
            /* Appeared: a bold outline; gone: a dotted one, its name grey. */
            if (n->in[1])
                ent__render_set(gn[i], "penwidth", "2.5");
            else {
                ent__render_set(gn[i], "style", "filled,dotted");
                ent__render_set(gn[i], "fontcolor", GONE_TEXT);
            }
            *(n->in[1] ? &d->seen_appeared : &d->seen_gone) = 1;
        }
    }
    if (vi < 2) {
        const ent_view *v = r->v[vi];
        for (size_t i = 0; i < ent_view_edge_count(v); i++) {
            const ent_edge *e = ent_view_edge(v, i);
            int32_t s = r->index[e->source], t = r->index[e->target];
            if (s < 0 || t < 0 || !gn[s] || !gn[t])
                continue;
            weighed w = ent__render_weigh(r, vi, e, boxed(r, boxes, s, t, vi));
            if (!w.kept)
                continue;
            Agedge_t *ge = agedge(d->g, gn[s], gn[t], NULL, 1);
            if (!ge)
                goto done;
            if (w.leads) {
                ent__render_set(ge, "color", LEADS_COLOR);
                ent__render_set(ge, "arrowhead", "none");
                ent__render_set(ge, "penwidth", "2.5");
                d->seen_leads = 1;
            } else {
                ent__render_style_edge_sign(ge, w.weight, w.weight);
                int sg = ent__render_sign_of(w.weight);
                *(sg > 0 ? &d->seen_coop : sg < 0 ? &d->seen_hostile : &d->seen_neutral) = 1;
                if (w.mutual) {
                    ent__render_set(ge, "arrowhead", "none");
                    d->seen_mutual = 1;
                }
            }
            if (w.claimed) {
                ent__render_set(ge, "style", "dashed");
                ent__render_set(ge, "fontsize", "8");
                ent__render_set(ge, "fontcolor", "#555555");
                if (claim_label(d, ge, e))
                    goto done;
                d->seen_claimed = 1;
            }
            if (edge_tooltip(d, ge, e, NULL))
                goto done;
            widen_focus(d, ge, e);
        }
    } else {
        /* The diff: every pair of either date, styled by how it changed. */
        diff_ctx c = {d, gn, boxes, ENT_OK};
        ent__walk_pairs(r->v[0], r->v[1], diff_pair, &c);
        if (c.rc)
            goto done;
    }
    rc = ENT_OK;
done:
    free(gn);
    free(boxes);
    return rc;
}
