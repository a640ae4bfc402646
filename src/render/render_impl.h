/*
 * render_impl.h: the inside of ent_render, shared by its files:
 *   style.c    the styles of actors and lines, the engines, node labels;
 *   graphviz.c Graphviz's error callback and the id discipline of graphs;
 *   select.c   what is drawn: actors, filtered edges, alliance boxes;
 *   layout.c   step 1, the layout;
 *   draw.c     step 2, the drawing of each panel;
 *   legend.c   the title and the legend;
 *   render.c   the whole picture, ent_render.
 * Only src/render includes it (and it is the only place Graphviz is seen).
 */
#ifndef ENT_RENDER_RENDER_IMPL_H
#define ENT_RENDER_RENDER_IMPL_H

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "entente/render.h"
#include "util/strbuf.h"

/* Styles (docs/diagrams.md lists them; keep the two in step). */
#define FONT           "DejaVu Sans"
#define COOP_COLOR     "#2166ac" /* cooperative: blue */
#define HOSTILE_COLOR  "#b2182b" /* hostile: red */
#define NEUTRAL_COLOR  "#8c8c8c" /* neutral: grey */
#define LEADS_COLOR    "#5a5a5a" /* a leader attached to its state */
#define BADGE_COLOR    "#222222" /* a diff's change marks: never a hue of their own */
#define GONE_TEXT      "#8c8c8c" /* the name of an actor gone in a diff */
#define NO_BLOC_FILL   "#ffffff" /* by bloc: an actor in no bloc */
#define LABEL_CHARS    22        /* a name is wrapped at this many characters a line */
#define LABEL_LINES    3         /* and cut after this many lines */
#define PANEL_GAP      54.0      /* points between the panels of a comparison */
#define BOX_PAD        10.0      /* around the members of an alliance */
#define BOX_LABEL      16.0      /* room for the alliance's name above them */
#define FOCUS_FONTSIZE "14"      /* a focus actor's name (others: 10) */
#define FOCUS_WIDEN    1.6       /* a focus actor's lines, wider by this factor */
#define BOX_GAP        16.0      /* between an actor moved out of a box and the box (boxes.c) */

/* How each kind of actor is drawn, and its word in the legend. */
typedef struct ent__render_kind_look {
    const char *shape, *style, *fill, *label;
} ent__render_kind_look;
extern const ent__render_kind_look ent__render_kind_style[ENT_KIND_COUNT_];

/*
 * Engines, and how they keep an alliance's members together so that a box
 * can be drawn around them: dot with Graphviz clusters; neato and fdp with
 * short, heavy edges from each member to its alliance in the layout graph
 * (not clusters: fdp 2.43 lays out clustered graphs differently from run to
 * run); the others not at all, and draw no boxes.
 */
enum { BOX_NONE, BOX_CLUSTER, BOX_PULL };
typedef struct ent__render_engine {
    const char *name; /* as Graphviz knows it */
    int boxes;        /* BOX_* */
} ent__render_engine;
#define ENT__RENDER_ENGINES 6
extern const ent__render_engine ent__render_engines[ENT__RENDER_ENGINES];

/*
 * One visual language for every picture: the hue of a line is its sign
 * (blue cooperative, red hostile, grey neutral), always; a diff tells the
 * change by a second channel, a mark (badge) beside the line's middle, and
 * a dissolved line is dotted. The kinds of change, in this order: formed,
 * dissolved, sign-flipped, strengthened, weakened, unchanged.
 */
enum { CH_FORMED, CH_DISSOLVED, CH_FLIPPED, CH_STRONGER, CH_WEAKER, CH_SAME, CH_COUNT };
extern const char *const ent__render_change_names[CH_COUNT];  /* in tooltips and the legend */
extern const char *const ent__render_change_badges[CH_COUNT]; /* the mark; "" for none */

/* The first Graphviz error since ent__render_gv_errors was last set to 0,
 * and how many there were (see ent__render_on_gv_error). */
extern char ent__render_gv_message[512];
extern int ent__render_gv_errors;

/* An actor drawn. */
typedef struct rnode {
    uint32_t actor;
    unsigned char in[2]; /* present in view a, view b */
    int box;             /* the alliance box it is laid out in (index into boxes), or -1 */
    int member[2];       /* the box it belongs to on each date, or -1 */
    double x, y, w, h;   /* position and size from the layout, points */
    Agnode_t *ln;        /* its node in the layout graph */
} rnode;

/* One picture being made. */
typedef struct render {
    const ent_graph *g;
    const ent_view *v[2];
    int nviews;
    ent_render_mode mode;
    const ent_render_options *o;
    rnode *nodes;
    size_t n_nodes;
    int32_t *index;  /* actor -> node, -1 when not drawn */
    uint32_t *boxes; /* node index of each alliance that has a box */
    size_t n_boxes;
    int clusters; /* how the engine keeps boxes together: BOX_* */
    int32_t member_type, leader_type;
    double minx, miny, maxx, maxy; /* extent of the layout, points */
    unsigned char *focused;        /* per actor: one of the focus actors */
    uint32_t *left_out;            /* actors present but without a relation: not drawn */
    size_t n_left_out;
    unsigned char *box_dirty; /* per panel (2) and box: still holds a non-member,
                               * so drawn as lines instead (layout.c) */
    ent_strbuf sb;
} render;

/* What an edge of view `vi` amounts to once filtered. */
typedef struct weighed {
    size_t kept;   /* relations kept */
    double weight; /* their weight on the view's day */
    int claimed;   /* every kept relation is claimed or disputed */
    int leads;     /* every kept relation is leader_of */
    int mutual;    /* every kept relation is of a symmetric type: no arrowhead */
} weighed;

/* A pair of linked actors in the layout graph. */
typedef struct pair {
    uint32_t a, b; /* node indices, a < b */
    int leads;
} pair;

/* The drawing graph of step 2, and what it showed (for the legend). */
typedef struct drawing {
    render *r;
    Agraph_t *g;
    unsigned kinds_seen; /* bit per kind drawn, for the legend */
    int seen_coop, seen_hostile, seen_neutral, seen_claimed, seen_leads, seen_mutual, seen_box;
    int seen_change[CH_COUNT]; /* diff: the kinds of change drawn */
    int seen_appeared, seen_gone;
    int seen_focus;        /* a focus actor's line was drawn */
    const char *fills[12]; /* with colors: the distinct fills drawn, in order of first use */
    size_t n_fills;
    double legend_y; /* top of the legend */
} drawing;

/* --- style.c -------------------------------------------------------------- */

/* The index of engine `name` in ent__render_engines, or -1. */
int ent__render_engine_index(const char *name);

/* Sets attribute `name` of a graph, node or edge to `value`. */
void ent__render_set(void *obj, const char *name, const char *value);

/* The shape, fill and label of actor `actor`'s node; larger for a focus actor. */
void ent__render_style_node(render *r, Agnode_t *n, uint32_t actor);

/* +1, -1 or 0: the sign of x. */
int ent__render_sign_of(double x);

/* --- graphviz.c ------------------------------------------------------------- */

/* Graphviz's error callback: keeps the first message, counts them all. */
int ent__render_on_gv_error(char *msg);

/* A new directed graph named `name` whose objects are numbered in creation
 * order (deterministic output); NULL when out of memory. */
Agraph_t *ent__render_open_graph(const char *name);

/* --- select.c --------------------------------------------------------------- */

/* Weighs edge e of view vi: the relations of an allowed type, without the
 * memberships that a box already shows when `boxed` is set. A symmetric
 * relation stands behind the edges of both directions; it is drawn once, on
 * the edge of the direction it was coded in. */
weighed ent__render_weigh(const render *r, int vi, const ent_edge *e, int boxed);

/* The actors drawn: present on a date, of a kind asked for; with --types,
 * only those with a kept relation; with --focus, only its neighbourhood. */
int ent__render_select_actors(render *r);

/* Alliance boxes: an alliance drawn with members on a date gets a box; each
 * actor is laid out in at most one box (the first alliance, in the order of
 * the graph files, it is a member of on the first date, else the second),
 * and a leader in the box of the state it leads. */
int ent__render_find_boxes(render *r);

/* --- layout.c --------------------------------------------------------------- */

/* Whether node i is drawn inside box b on date vi (vi 2: either date). */
int ent__render_in_box(const render *r, size_t i, int b, int vi);

int ent__render_lay_out(render *r, GVC_t *gvc, const char *engine);

/* --- draw.c ----------------------------------------------------------------- */

/* Pins obj at (x, y) points. */
void ent__render_set_pos(void *obj, double x, double y);

/* Sets node n's width and height (inches) to w and h points: its size for
 * the routing of the lines around it (edges.c). */
void ent__render_set_size(Agnode_t *n, double w, double h);

/* Sets the bounding box of subgraph sg. */
void ent__render_set_bb(Agraph_t *sg, double x0, double y0, double x1, double y1);

void ent__render_style_edge_sign(Agedge_t *e, double weight, double width_of);

/*
 * One panel: the actors of view vi (2: the diff of both) moved by (dx, dy),
 * in `panel`. Nodes get names prefixed with `prefix`. Returns 0 or ENT_ENOMEM.
 */
int ent__render_draw_panel(drawing *d, Agraph_t *panel, const char *prefix, int vi, double dx,
                           double dy);

/* --- legend.c --------------------------------------------------------------- */

void ent__render_date_words(const render *r, int vi, ent_strbuf *sb);

int ent__render_set_title(drawing *d);

int ent__render_draw_legend(drawing *d, double x0, double width);

#endif
