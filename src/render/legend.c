/*
 * legend.c: a diagram's title (its dates and filters) and its legend, which
 * shows only what the drawing used.
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

void ent__render_date_words(const render *r, int vi, ent_strbuf *sb)
{
    char day[11];
    ent__day_str(ent_view_day(r->v[vi]), day);
    const char *label = r->o->label[vi];
    if (label && *label) {
        ent__escape_dot_label(sb, label, 0, 1);
        ent_strbuf_addf(sb, " (%s)", day);
    } else
        ent_strbuf_adds(sb, day);
}

int ent__render_set_title(drawing *d)
{
    render *r = d->r;
    ent_strbuf t = ENT_STRBUF_INIT;
    const char *title = r->o->title ? r->o->title : ent_graph_title(r->g);
    ent_strbuf_adds(&t, "<b>");
    ent__escape_dot_label(&t, title && *title ? title : "entente", 80, 2);
    ent_strbuf_adds(&t, "</b><br/>");
    ent_strbuf_adds(&t, "<font point-size=\"11\">");
    if (r->mode == ENT_RENDER_ONE)
        ent__render_date_words(r, 0, &t);
    else if (r->mode == ENT_RENDER_COMPARE) {
        ent__render_date_words(r, 0, &t);
        ent_strbuf_adds(&t, " and ");
        ent__render_date_words(r, 1, &t);
        ent_strbuf_adds(&t, ", on one layout");
    } else {
        ent_strbuf_adds(&t, "Changes from ");
        ent__render_date_words(r, 0, &t);
        ent_strbuf_adds(&t, " to ");
        ent__render_date_words(r, 1, &t);
    }
    if (r->o->focus != ENT_NO_ACTOR) {
        ent_strbuf_adds(&t, ": around ");
        ent__escape_dot_label(&t, ent_graph_actor(r->g, r->o->focus)->name, 0, 1);
        ent_strbuf_addf(&t, ", %u step%s out", r->o->depth, r->o->depth == 1 ? "" : "s");
    }
    ent_strbuf_adds(&t, "</font>");
    int rc = t.failed ? ENT_ENOMEM : ENT_OK;
    if (!rc) {
        char *html = agstrdup_html(d->g, (char *)ent_strbuf_str(&t));
        agsafeset(d->g, "label", html, "");
        agstrfree(d->g, html);
    }
    ent_strbuf_release(&t);
    return rc;
}

typedef struct legend {
    drawing *d;
    Agraph_t *box;
    double x0, y, colw;
    int col, cols, items;
    double right;
} legend;

/* The next free cell of the legend. */
static double legend_cell(legend *l, double *y)
{
    if (l->col == l->cols) {
        l->col = 0;
        l->y -= 30;
    }
    *y = l->y;
    l->items++;
    return l->x0 + l->colw * l->col++;
}

static int legend_text(legend *l, double x, double y, const char *text, const char *name)
{
    Agnode_t *n = agnode(l->box, (char *)name, 1);
    if (!n)
        return ENT_ENOMEM;
    double w = (double)strlen(text) * 5.2 + 6;
    ent__render_set(n, "shape", "plaintext");
    ent__render_set(n, "label", text);
    ent__render_set(n, "fontsize", "9");
    ent__render_set_pos(n, x + w / 2, y);
    ent__render_set_size(n, w, 12);
    l->right = fmax(l->right, x + w);
    return ENT_OK;
}

/* A sample line: two invisible points joined by an edge styled by `style`. */
static Agedge_t *legend_line(legend *l, const char *text, int k)
{
    double y, x = legend_cell(l, &y);
    char a[32], b[32], t[32];
    snprintf(a, sizeof a, "legend/%d/a", k);
    snprintf(b, sizeof b, "legend/%d/b", k);
    snprintf(t, sizeof t, "legend/%d/text", k);
    Agnode_t *na = agnode(l->box, a, 1), *nb = agnode(l->box, b, 1);
    if (!na || !nb || legend_text(l, x + 50, y, text, t))
        return NULL;
    Agnode_t *ns[2] = {na, nb};
    for (int i = 0; i < 2; i++) {
        ent__render_set(ns[i], "shape", "point");
        ent__render_set(ns[i], "width", "0.02");
        ent__render_set(ns[i], "height", "0.02");
        ent__render_set(ns[i], "style", "invis");
        ent__render_set(ns[i], "label", "");
        ent__render_set_pos(ns[i], x + (i ? 44 : 4), y);
    }
    return agedge(l->d->g, na, nb, NULL, 1);
}

static int legend_kind(legend *l, ent_actor_kind k)
{
    double y, x = legend_cell(l, &y);
    char name[32];
    snprintf(name, sizeof name, "legend/kind/%d", (int)k);
    Agnode_t *n = agnode(l->box, name, 1);
    if (!n)
        return ENT_ENOMEM;
    ent__render_set(n, "shape", ent__render_kind_style[k].shape);
    ent__render_set(n, "style", ent__render_kind_style[k].style);
    ent__render_set(n, "fillcolor", ent__render_kind_style[k].fill);
    ent__render_set(n, "label", ent__render_kind_style[k].label);
    ent__render_set(n, "fontsize", "9");
    ent__render_set(n, "fixedsize", "true");
    ent__render_set(n, "width", "1.35");
    ent__render_set(n, "height", "0.32");
    ent__render_set_pos(n, x + 49, y);
    l->right = fmax(l->right, x + 98);
    return ENT_OK;
}

int ent__render_draw_legend(drawing *d, double x0, double width)
{
    render *r = d->r;
    legend l;
    memset(&l, 0, sizeof l);
    l.d = d;
    l.box = agsubg(d->g, "cluster_legend", 1);
    if (!l.box)
        return ENT_ENOMEM;
    ent__render_set(l.box, "label", "Legend");
    ent__render_set(l.box, "fontsize", "10");
    ent__render_set(l.box, "labeljust", "l");
    ent__render_set(l.box, "style", "rounded");
    ent__render_set(l.box, "color", "#bbbbbb");
    l.colw = 200;
    l.cols = (int)fmax(2, floor(width / l.colw));
    l.x0 = x0 + 12;
    l.y = d->legend_y - 30;
    l.right = x0;
    int k = 0;
    for (int kind = 0; kind < ENT_KIND_COUNT_; kind++)
        if ((d->kinds_seen & (1u << kind)) && legend_kind(&l, (ent_actor_kind)kind))
            return ENT_ENOMEM;
    Agedge_t *e;
#define LINE(text)                               \
    do {                                         \
        if (!(e = legend_line(&l, (text), k++))) \
            return ENT_ENOMEM;                   \
    } while (0)
    if (r->mode != ENT_RENDER_DIFF) {
        if (d->seen_coop) {
            LINE("cooperative (width: intensity)");
            ent__render_style_edge_sign(e, 1, 6);
        }
        if (d->seen_hostile) {
            LINE("hostile (width: intensity)");
            ent__render_style_edge_sign(e, -1, 6);
        }
        if (d->seen_neutral) {
            LINE("neutral (reports, control ...)");
            ent__render_style_edge_sign(e, 0, 0);
        }
        if (d->seen_claimed) {
            LINE("claimed or disputed");
            ent__render_style_edge_sign(e, 1, 2);
            ent__render_set(e, "style", "dashed");
        }
        if (d->seen_mutual) {
            LINE("both ways (alliance, war ...)");
            ent__render_style_edge_sign(e, 1, 2);
            ent__render_set(e, "arrowhead", "none");
            ent__render_set(e, "color", "#555555");
        }
        if (d->seen_leads) {
            LINE("leads (leader and state)");
            ent__render_set(e, "color", LEADS_COLOR);
            ent__render_set(e, "arrowhead", "none");
            ent__render_set(e, "penwidth", "2.5");
        }
    } else {
        static const char *texts[5] = {"formed", "dissolved", "sign flipped", "intensity changed",
                                       "unchanged"};
        for (int c = 0; c < 5; c++) {
            if (!d->seen_change[c])
                continue;
            LINE(texts[c]);
            ent__render_style_edge_sign(e, 1, c == 4 ? 0 : 6);
            ent__render_set(e, "color", ent__render_change_colors[c]);
            if (c == 1)
                ent__render_set(e, "style", "dashed");
            if (c == 2)
                ent__render_set(e, "penwidth", "3");
        }
        LINE("arrowhead: cooperative");
        ent__render_style_edge_sign(e, 1, 0);
        ent__render_set(e, "color", "#555555");
        LINE("tee: hostile");
        ent__render_style_edge_sign(e, -1, 0);
        ent__render_set(e, "color", "#555555");
    }
#undef LINE
    double y, x;
    char name[32];
    if (d->seen_box) {
        x = legend_cell(&l, &y);
        snprintf(name, sizeof name, "legend/text/%d", k++);
        if (legend_text(&l, x, y, "box: an alliance and its members", name))
            return ENT_ENOMEM;
    }
    if (d->seen_appeared || d->seen_gone) {
        x = legend_cell(&l, &y);
        snprintf(name, sizeof name, "legend/text/%d", k++);
        if (legend_text(&l, x, y, "green outline: actor appeared", name))
            return ENT_ENOMEM;
        x = legend_cell(&l, &y);
        snprintf(name, sizeof name, "legend/text/%d", k++);
        if (legend_text(&l, x, y, "grey, dotted: actor gone", name))
            return ENT_ENOMEM;
    }
    if (r->o->colors && r->o->color_legend) {
        x = legend_cell(&l, &y);
        snprintf(name, sizeof name, "legend/text/%d", k++);
        ent_strbuf_reset(&r->sb);
        ent__escape_dot_plain(&r->sb, r->o->color_legend, 60);
        if (legend_text(&l, x, y, ent_strbuf_str(&r->sb), name))
            return ENT_ENOMEM;
    }
    ent__render_set_bb(l.box, x0, l.y - 20, fmax(l.right + 12, x0 + width), d->legend_y);
    return ENT_OK;
}
