/*
 * style.c: how a diagram looks: the styles of each kind of actor and the
 * palette of blocs (docs/diagrams.md lists them; keep the two in step), the
 * layout engines and the automatic choice between them, and node labels.
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

const ent__render_kind_look ent__render_kind_style[ENT_KIND_COUNT_] = {
    [ENT_KIND_STATE] = {"box", "filled", "#eeeeee", "state"},
    [ENT_KIND_DE_FACTO_STATE] = {"box", "filled,dashed", "#eeeeee", "de facto state"},
    [ENT_KIND_LEADER] = {"ellipse", "filled", "#fff2cc", "leader"},
    [ENT_KIND_PERSON] = {"ellipse", "filled,dashed", "#ffffff", "person"},
    [ENT_KIND_ALLIANCE] = {"hexagon", "filled", "#e4dcf0", "alliance"},
    [ENT_KIND_ORGANIZATION] = {"tab", "filled", "#dff0f0", "organization"},
    [ENT_KIND_FORCE] = {"cds", "filled", "#f4dcdc", "force"},
    [ENT_KIND_GROUP] = {"parallelogram", "filled", "#f3f0d8", "group"},
    [ENT_KIND_PLACE] = {"house", "filled", "#e3f1dc", "place"},
    [ENT_KIND_ISSUE] = {"note", "filled", "#fffbe0", "issue"},
};

const ent__render_engine ent__render_engines[ENT__RENDER_ENGINES] = {
    {"dot", BOX_CLUSTER}, {"fdp", BOX_PULL},   {"neato", BOX_PULL},
    {"sfdp", BOX_NONE},   {"circo", BOX_NONE}, {"twopi", BOX_NONE},
};

/* Up to this many actors the automatic choice is neato (stress majorization:
 * distances that read well, boxes), beyond it sfdp (multilevel, seconds for
 * thousands of actors, no boxes). docs/diagrams.md gives the measurements. */
#define AUTO_NEATO_MAX 500

void ent_render_options_init(ent_render_options *o)
{
    *o = (ent_render_options)ENT_RENDER_OPTIONS_INIT;
}

/* Pale fills that keep black labels readable, one per bloc up to ten. */
static const char *const bloc_palette[] = {"#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6",
                                           "#ffed6f", "#8dd3c7", "#fccde5", "#80b1d3", "#ccebc5"};
#define BLOC_BEYOND "#e0e0e0"

const char *ent_render_bloc_color(uint32_t bloc)
{
    if (!bloc)
        return "";
    return bloc <= sizeof bloc_palette / sizeof *bloc_palette ? bloc_palette[bloc - 1]
                                                              : BLOC_BEYOND;
}

const char *ent_render_auto_layout(size_t actors)
{
    return actors <= AUTO_NEATO_MAX ? "neato" : "sfdp";
}

int ent__render_engine_index(const char *name)
{
    for (size_t i = 0; i < sizeof ent__render_engines / sizeof *ent__render_engines; i++)
        if (strcmp(ent__render_engines[i].name, name) == 0)
            return (int)i;
    return -1;
}

int ent_render_layout_known(const char *name)
{
    return name && ent__render_engine_index(name) >= 0;
}

void ent__render_set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

/* Sets the label of node n to the actor's name as an HTML-like label. */
static void set_name_label(render *r, Agnode_t *n, const ent_actor *a, int bold)
{
    ent_strbuf_reset(&r->sb);
    if (bold) /* <b>, not a bold font's name: SVG viewers know the weight, not the name */
        ent_strbuf_adds(&r->sb, "<b>");
    ent__escape_dot_label(&r->sb, a->name[0] ? a->name : a->id, LABEL_CHARS, LABEL_LINES);
    if (bold)
        ent_strbuf_adds(&r->sb, "</b>");
    char *html = agstrdup_html(agraphof(n), (char *)ent_strbuf_str(&r->sb));
    agsafeset(n, "label", html, "");
    agstrfree(agraphof(n), html);
}

void ent__render_style_node(render *r, Agnode_t *n, uint32_t actor)
{
    const ent_actor *a = ent_graph_actor(r->g, actor);
    ent__render_set(n, "shape", ent__render_kind_style[a->kind].shape);
    ent__render_set(n, "style", ent__render_kind_style[a->kind].style);
    ent__render_set(n, "fillcolor", ent__render_kind_style[a->kind].fill);
    /* A focus actor: larger text (so a larger node, in the layout too) in
     * bold, with a thicker outline. */
    int focus = r->focused && r->focused[actor];
    set_name_label(r, n, a, focus);
    if (focus) {
        ent__render_set(n, "fontsize", FOCUS_FONTSIZE);
        ent__render_set(n, "penwidth", "2.5");
    }
}
