/*
 * render.c: alliance diagrams with Graphviz (cgraph + gvc), the only module
 * that sees Graphviz.
 *
 * Every picture is made in two steps:
 *   1. the layout: one graph with every actor the picture shows (both dates'
 *      actors for a comparison or a diff) and one edge per linked pair, laid
 *      out once by the chosen engine; the positions are read back with
 *      attach_attrs;
 *   2. the drawing: a second graph whose nodes are pinned at those positions
 *      ("x,y!" in points) and drawn by the "nop2" engine, with the panels,
 *      the alliance boxes and the legend placed by entente itself. Nothing
 *      moves between the panels of a comparison: both come from step 1, and
 *      the boxes are computed here, from the members on each date.
 * Graphviz reports errors through a callback set with agseterrf (gvLayout
 * returns 0 after some of them); any error fails the call with its message.
 * Every string from the graph file is escaped for HTML-like labels (names)
 * or for plain attributes (tooltips, edge labels) before it reaches Graphviz.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "entente/render.h"
#include "render/edges.h"
#include "render/render_impl.h"
#include "model/model.h"
#include "snapshot/edges.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/strmap.h"

static int draw(render *r, GVC_t *gvc, ent_render_format format, char **out, size_t *len)
{
    drawing d;
    memset(&d, 0, sizeof d);
    d.r = r;
    int rc = ENT_ENOMEM;
    if (!(d.g = ent__render_open_graph("entente")))
        return ent_error_set(ENT_ENOMEM, "out of memory while drawing");
    /* nop2: the nodes where they are pinned, the lines as routed by edges.c;
     * `dot -Tsvg` on the DOT output draws the same. */
    ent__render_set(d.g, "layout", "nop2");
    ent__render_set(d.g, "labelloc", "t");
    ent__render_set(d.g, "fontname", FONT);
    ent__render_set(d.g, "fontsize", "14");
    ent__render_set(d.g, "bgcolor", "white");
    ent__render_set(d.g, "pad", "0.25");
    ent__render_set(d.g, "outputorder", "edgesfirst");
    agattr(d.g, AGNODE, "fontname", FONT);
    agattr(d.g, AGNODE, "fontsize", "10");
    agattr(d.g, AGNODE, "margin", "0.08,0.04");
    agattr(d.g, AGEDGE, "fontname", FONT);
    agattr(d.g, AGEDGE, "arrowsize", "0.7");
    agattr(d.g, AGRAPH, "fontname", FONT);
    if (ent__render_set_title(&d))
        goto done;
    /* A comparison's second panel is the first moved right (or, stacked,
     * down) by the panel's size plus a gap: each actor keeps its place
     * within its panel. y grows upwards in Graphviz's coordinates. */
    double width = r->maxx - r->minx, height = r->maxy - r->miny, dx = 0, dy = 0;
    if (r->mode == ENT_RENDER_COMPARE) {
        if (r->o->stack)
            dy = -(height + 48 + PANEL_GAP - 28); /* the frames as far apart as side by side */
        else
            dx = width + PANEL_GAP;
        for (int p = 0; p < 2; p++) {
            char name[16];
            snprintf(name, sizeof name, "cluster_panel%d", p + 1);
            Agraph_t *panel = agsubg(d.g, name, 1);
            if (!panel)
                goto done;
            ent_strbuf_reset(&r->sb);
            ent_strbuf_adds(&r->sb, "<b>");
            ent__render_date_words(r, p, &r->sb);
            ent_strbuf_adds(&r->sb, "</b>");
            char *html = agstrdup_html(d.g, (char *)ent_strbuf_str(&r->sb));
            agsafeset(panel, "label", html, "");
            agstrfree(d.g, html);
            ent__render_set(panel, "color", "#999999");
            ent__render_set(panel, "fontsize", "12");
            ent__render_set_bb(panel, r->minx - 14 + dx * p, r->miny - 14 + dy * p,
                               r->maxx + 14 + dx * p, r->maxy + 34 + dy * p);
            if (ent__render_draw_panel(&d, panel, p ? "2/" : "1/", p, dx * p, dy * p))
                goto done;
        }
        if (!r->o->stack)
            width = 2 * width + PANEL_GAP;
    } else if (ent__render_draw_panel(&d, d.g, "", r->mode == ENT_RENDER_DIFF ? 2 : 0, 0, 0))
        goto done;
    d.legend_y = r->miny - 26 + dy;
    if (ent__render_draw_legend(&d, r->minx - 14, width + 28))
        goto done;

    if ((rc = ent__route_graph(d.g, NULL)))
        goto done;
    rc = ENT_ENOMEM;
    if (format == ENT_RENDER_DOT) {
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);
        if (!f)
            goto done;
        int bad = agwrite(d.g, f) != 0;
        if (fclose(f) != 0 || bad) {
            free(buf);
            goto done;
        }
        *out = buf;
        *len = n;
        rc = ENT_OK;
        goto done;
    }
    ent__render_gv_errors = 0;
    if (gvLayout(gvc, d.g, "nop2") != 0 || ent__render_gv_errors) {
        rc =
            ent_error_set(ENT_EINTERNAL, "Graphviz could not place the drawing: %s",
                          ent__render_gv_errors ? ent__render_gv_message : "the nop engine failed");
        goto done;
    }
    static const char *names[] = {"svg", "png", "pdf"};
    char *data = NULL;
    unsigned int n = 0;
    int bad =
        gvRenderData(gvc, d.g, names[format], &data, &n) != 0 || ent__render_gv_errors || !data;
    gvFreeLayout(gvc, d.g);
    if (bad) {
        if (data)
            gvFreeRenderData(data);
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not render %s: %s", names[format],
                           ent__render_gv_errors ? ent__render_gv_message : "no output");
        goto done;
    }
    if ((*out = malloc(n ? n : 1)))
        memcpy(*out, data, n);
    gvFreeRenderData(data);
    if (!*out)
        goto done;
    *len = n;
    rc = ENT_OK;
done:
    agclose(d.g);
    return rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory while drawing") : rc;
}

/*
 * One Graphviz context for the whole process, made on first use and never
 * freed. Graphviz 2.42's pango text plugin keeps font data from the first
 * context that measured text; once that context is freed, the next drawing
 * in a new context reads freed memory (AddressSanitizer: heap-use-after-free
 * in textspan_size, seen as soon as one process draws twice, as the report
 * does). Every layout is freed after use, so the context holds no drawing.
 * Like Graphviz's error callback, this makes rendering single-threaded.
 */
static GVC_t *shared_context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

int ent_render(const ent_view *a, const ent_view *b, ent_render_mode mode,
               const ent_render_options *o, ent_render_format format, char **out, size_t *len,
               const char **engine)
{
    *out = NULL;
    *len = 0;
    if (!a || (mode == ENT_RENDER_ONE) != !b || format < ENT_RENDER_SVG ||
        format > ENT_RENDER_DOT || (b && ent_view_graph(a) != ent_view_graph(b)))
        return ent_error_set(ENT_EUSAGE, "ent_render: bad arguments");
    ent_render_options defaults = ENT_RENDER_OPTIONS_INIT;
    if (!o)
        o = &defaults;
    else if (ent__options_version(o->version, ENT_RENDER_OPTIONS_VERSION, "ent_render_options"))
        return ENT_EUSAGE;
    if (o->layout && !ent_render_layout_known(o->layout))
        return ent_error_set(ENT_EUSAGE,
                             "unknown layout '%s'; use dot, fdp, neato, sfdp, circo or twopi",
                             o->layout);
    render r;
    memset(&r, 0, sizeof r);
    r.g = ent_view_graph(a);
    r.v[0] = a;
    r.v[1] = b;
    r.nviews = b ? 2 : 1;
    r.mode = mode;
    r.o = o;
    r.member_type = ent__type_by_id(r.g, "member_of");
    r.leader_type = ent__type_by_id(r.g, "leader_of");
    size_t na = ent_graph_actor_count(r.g);
    int rc = ENT_ENOMEM;
    GVC_t *gvc = NULL;
    agusererrf old_f = agseterrf(ent__render_on_gv_error);
    agerrlevel_t old_level = agseterr(AGERR);
    if (!(r.index = malloc((na ? na : 1) * sizeof *r.index)))
        goto done;
    for (size_t i = 0; i < na; i++)
        r.index[i] = -1;
    if ((rc = ent__render_select_actors(&r)))
        goto done;
    const char *eng = o->layout ? o->layout : ent_render_auto_layout(r.n_nodes);
    r.clusters = ent__render_engines[ent__render_engine_index(eng)].boxes;
    if ((rc = ent__render_find_boxes(&r)))
        goto done;
    rc = ENT_ENOMEM;
    if (!(gvc = shared_context())) {
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not start");
        goto done;
    }
    if ((rc = ent__render_lay_out(&r, gvc, eng)) || (rc = draw(&r, gvc, format, out, len)))
        goto done;
    if (engine)
        *engine = eng;
done:
    agseterrf(old_f);
    agseterr(old_level);
    free(r.nodes);
    free(r.index);
    free(r.boxes);
    free(r.box_dirty);
    free(r.focused);
    free(r.left_out);
    ent_strbuf_release(&r.sb);
    if (rc == ENT_ENOMEM)
        ent_error_set(rc, "out of memory while drawing");
    return rc;
}

void ent_render_free(char *buf)
{
    free(buf);
}
