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
    if (r->o->n_focus) {
        ent_strbuf_adds(&t, r->o->depth ? ": around " : ": focus on ");
        for (size_t k = 0; k < r->o->n_focus && k < 6; k++) {
            if (k)
                ent_strbuf_adds(&t, k + 1 == r->o->n_focus ? " and " : ", ");
            const ent_actor *a = ent_graph_actor(r->g, r->o->focus[k]);
            ent__escape_dot_label(&t, a->name[0] ? a->name : a->id, 0, 1);
        }
        if (r->o->n_focus > 6)
            ent_strbuf_addf(&t, " and %zu more", r->o->n_focus - 6);
        if (r->o->depth)
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
    double w = (double)strlen(text) * 5.8 + 6;
    ent__render_set(n, "shape", "plaintext");
    /* Left-justified ("\\l" ends the line so), since the width is an estimate. */
    size_t len = strlen(text);
    char *just = malloc(len + 3);
    if (!just)
        return ENT_ENOMEM;
    memcpy(just, text, len);
    memcpy(just + len, "\\l", 3);
    ent__render_set(n, "label", just);
    free(just);
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
    /* When the fill tells something else (a bloc), the shape alone. */
    ent__render_set(n, "fillcolor",
                    l->d->r->o->colors ? NO_BLOC_FILL : ent__render_kind_style[k].fill);
    ent__render_set(n, "label", ent__render_kind_style[k].label);
    ent__render_set(n, "fontsize", "9");
    ent__render_set(n, "fixedsize", "true");
    ent__render_set(n, "width", "1.35");
    ent__render_set(n, "height", "0.32");
    ent__render_set_pos(n, x + 49, y);
    l->right = fmax(l->right, x + 98);
    return ENT_OK;
}

/* A swatch of a fill, with its meaning (the bloc key). */
static int legend_fill(legend *l, const char *fill, const char *text, int k)
{
    double y, x = legend_cell(l, &y);
    char name[32], t[32];
    snprintf(name, sizeof name, "legend/fill/%d", k);
    snprintf(t, sizeof t, "legend/fill/%d/text", k);
    Agnode_t *n = agnode(l->box, name, 1);
    if (!n || legend_text(l, x + 30, y, text, t))
        return ENT_ENOMEM;
    ent__render_set(n, "shape", "box");
    ent__render_set(n, "style", "filled");
    ent__render_set(n, "fillcolor", fill);
    ent__render_set(n, "label", "");
    ent__render_set(n, "fixedsize", "true");
    ent__render_set(n, "width", "0.3");
    ent__render_set(n, "height", "0.2");
    ent__render_set_pos(n, x + 12, y);
    return ENT_OK;
}

/* What a fill given with `colors` means: a bloc's colour names its bloc. */
static void fill_words(const char *fill, char *buf, size_t size)
{
    if (strcmp(fill, NO_BLOC_FILL) == 0) {
        snprintf(buf, size, "in no bloc");
        return;
    }
    for (uint32_t b = 1; b <= 10; b++)
        if (strcmp(fill, ent_render_bloc_color(b)) == 0) {
            snprintf(buf, size, "bloc %u", (unsigned)b);
            return;
        }
    if (strcmp(fill, ent_render_bloc_color(11)) == 0)
        snprintf(buf, size, "blocs 11 and beyond");
    else
        snprintf(buf, size, "%.20s", fill);
}

/* A sample actor for a diff's outline marks. */
static int legend_outline(legend *l, int appeared, int k)
{
    double y, x = legend_cell(l, &y);
    char name[32];
    snprintf(name, sizeof name, "legend/outline/%d", k);
    Agnode_t *n = agnode(l->box, name, 1);
    if (!n)
        return ENT_ENOMEM;
    ent__render_set(n, "shape", "box");
    ent__render_set(n, "style", appeared ? "filled" : "filled,dotted");
    ent__render_set(n, "fillcolor", NO_BLOC_FILL);
    ent__render_set(n, "label", appeared ? "actor appeared" : "actor gone");
    if (appeared)
        ent__render_set(n, "penwidth", "2.5");
    else
        ent__render_set(n, "fontcolor", GONE_TEXT);
    ent__render_set(n, "fontsize", "9");
    ent__render_set(n, "fixedsize", "true");
    ent__render_set(n, "width", "1.35");
    ent__render_set(n, "height", "0.32");
    ent__render_set_pos(n, x + 49, y);
    l->right = fmax(l->right, x + 98);
    return ENT_OK;
}

/* The note under the legend: the actors present on the days shown but
 * without a relation, left out of the drawing, by name, in lines that fit
 * the legend's width (at most 8 lines, then a count of the rest). */
static int left_out_note(legend *l, double width)
{
    render *r = l->d->r;
    ent_strbuf line = ENT_STRBUF_INIT, name = ENT_STRBUF_INIT;
    size_t max = (size_t)fmax(40, (width - 30) / 5.8), lines = 0, shown = 0;
    char id[32];
    int rc = ENT_OK;
    l->col = l->cols; /* a row of its own */
    ent_strbuf_addf(&line, "Not drawn, without a relation on %s",
                    r->nviews > 1 ? "either day" : "the day");
    if (r->o->left_out_hint && r->o->left_out_hint[0]) {
        ent_strbuf_adds(&line, " (");
        ent__escape_dot_plain(&line, r->o->left_out_hint, 60);
        ent_strbuf_adds(&line, ")");
    }
    ent_strbuf_adds(&line, ": ");
    for (size_t i = 0; i < r->n_left_out && !rc; i++) {
        const ent_actor *a = ent_graph_actor(r->g, r->left_out[i]);
        ent_strbuf_reset(&name);
        ent__escape_dot_plain(&name, a->name[0] ? a->name : a->id, 60);
        ent_strbuf_adds(&name, i + 1 < r->n_left_out ? ", " : ".");
        if (line.len + name.len > max) {
            if (lines == 7) {
                ent_strbuf_addf(&line, "and %zu more.", r->n_left_out - shown);
                break;
            }
            double y, x = legend_cell(l, &y);
            l->col = l->cols;
            snprintf(id, sizeof id, "legend/note/%zu", lines++);
            rc = legend_text(l, x, y, ent_strbuf_str(&line), id);
            ent_strbuf_reset(&line);
        }
        ent_strbuf_adds(&line, ent_strbuf_str(&name));
        shown++;
    }
    if (!rc && line.len) {
        double y, x = legend_cell(l, &y);
        l->col = l->cols;
        snprintf(id, sizeof id, "legend/note/%zu", lines);
        rc = legend_text(l, x, y, ent_strbuf_str(&line), id);
    }
    if (line.failed || name.failed)
        rc = ENT_ENOMEM;
    ent_strbuf_release(&line);
    ent_strbuf_release(&name);
    return rc;
}

/*
 * The legend: a sample of every mark the picture uses and of nothing else.
 * Shapes for the kinds of actor (white when the fill tells a bloc, then the
 * bloc key); lines by sign (the hue), both ways, leadership, claims; in a
 * diff, the change marks and the outlines of actors that appeared or left.
 * Samples of a channel other than hue are drawn in a hue the picture uses.
 */
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
    l.colw = 220;
    l.cols = (int)fmax(2, floor(width / l.colw));
    l.x0 = x0 + 12;
    l.y = d->legend_y - 30;
    l.right = x0;
    int k = 0;
    for (int kind = 0; kind < ENT_KIND_COUNT_; kind++)
        if ((d->kinds_seen & (1u << kind)) && legend_kind(&l, (ent_actor_kind)kind))
            return ENT_ENOMEM;
    double y, x;
    char name[32], words[32];
    if (r->o->colors && d->n_fills) {
        if (r->o->color_legend) {
            x = legend_cell(&l, &y);
            snprintf(name, sizeof name, "legend/text/%d", k++);
            ent_strbuf_reset(&r->sb);
            ent__escape_dot_plain(&r->sb, r->o->color_legend, 60);
            if (legend_text(&l, x, y, ent_strbuf_str(&r->sb), name))
                return ENT_ENOMEM;
        }
        for (size_t f = 0; f < d->n_fills; f++) {
            fill_words(d->fills[f], words, sizeof words);
            if (legend_fill(&l, d->fills[f], words, (int)f))
                return ENT_ENOMEM;
        }
    }
    const char *sample = d->seen_coop      ? COOP_COLOR
                         : d->seen_hostile ? HOSTILE_COLOR
                                           : NEUTRAL_COLOR;
    Agedge_t *e;
#define LINE(text)                               \
    do {                                         \
        if (!(e = legend_line(&l, (text), k++))) \
            return ENT_ENOMEM;                   \
    } while (0)
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
    if (d->seen_mutual) {
        LINE("no arrowhead: both ways");
        ent__render_style_edge_sign(e, 1, 2);
        ent__render_set(e, "arrowhead", "none");
        ent__render_set(e, "color", sample);
    }
    if (d->seen_claimed) {
        LINE("dashed: claimed or disputed");
        ent__render_style_edge_sign(e, 1, 2);
        ent__render_set(e, "style", "dashed");
        ent__render_set(e, "color", sample);
    }
    if (d->seen_leads) {
        LINE("leads (leader and state)");
        ent__render_set(e, "color", LEADS_COLOR);
        ent__render_set(e, "arrowhead", "none");
        ent__render_set(e, "penwidth", "2.5");
    }
    for (int c = 0; c < CH_COUNT; c++) {
        if (!d->seen_change[c])
            continue;
        LINE(c == CH_SAME        ? "unchanged (thin, no mark)"
             : c == CH_DISSOLVED ? "dissolved (dotted)"
                                 : ent__render_change_names[c]);
        ent__render_style_edge_sign(e, 1, c == CH_SAME ? 0 : 4);
        ent__render_set(e, "color", sample);
        if (c == CH_DISSOLVED)
            ent__render_set(e, "style", "dotted");
        if (ent__render_change_badges[c][0]) {
            ent__render_set(e, "label", ent__render_change_badges[c]);
            ent__render_set(e, "fontsize", "11");
            ent__render_set(e, "fontcolor", BADGE_COLOR);
        }
    }
#undef LINE
    if (d->seen_appeared && legend_outline(&l, 1, k++))
        return ENT_ENOMEM;
    if (d->seen_gone && legend_outline(&l, 0, k++))
        return ENT_ENOMEM;
    if (d->seen_box) {
        x = legend_cell(&l, &y);
        snprintf(name, sizeof name, "legend/text/%d", k++);
        if (legend_text(&l, x, y, "box: an alliance and its members", name))
            return ENT_ENOMEM;
    }
    if (r->o->n_focus) {
        x = legend_cell(&l, &y);
        snprintf(name, sizeof name, "legend/text/%d", k++);
        if (legend_text(&l, x, y, "larger, bold: focus; wider: its lines", name))
            return ENT_ENOMEM;
    }
    if (r->n_left_out && left_out_note(&l, width))
        return ENT_ENOMEM;
    ent__render_set_bb(l.box, x0, l.y - 20, fmax(l.right + 12, x0 + width), d->legend_y);
    return ENT_OK;
}
