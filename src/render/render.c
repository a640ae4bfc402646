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
 *      ("x,y!" in points) and drawn by the "nop" engine, with the panels,
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

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "entente/error.h"
#include "entente/render.h"
#include "passes/common.h"
#include "render/edges.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/strmap.h"

/* ---------------------------------------------------------------------------
 * Styles (docs/diagrams.md lists them; keep the two in step)
 * ------------------------------------------------------------------------- */

#define FONT            "DejaVu Sans"
#define COOP_COLOR      "#2166ac" /* cooperative: blue */
#define HOSTILE_COLOR   "#b2182b" /* hostile: red */
#define NEUTRAL_COLOR   "#8c8c8c" /* neutral: grey */
#define LEADS_COLOR     "#5a5a5a" /* a leader attached to its state */
#define FORMED_COLOR    "#1a9850"
#define DISSOLVED_COLOR "#9e9e9e"
#define FLIPPED_COLOR   "#762a83"
#define CHANGED_COLOR   "#e08214"
#define UNCHANGED_COLOR "#cfcfcf"
#define APPEARED_COLOR  "#1a9850"
#define GONE_COLOR      "#9e9e9e"
#define LABEL_CHARS     22   /* a name is wrapped at this many characters a line */
#define LABEL_LINES     3    /* and cut after this many lines */
#define PANEL_GAP       54.0 /* points between the panels of a comparison */
#define BOX_PAD         10.0 /* around the members of an alliance */
#define BOX_LABEL       16.0 /* room for the alliance's name above them */

static const struct {
    const char *shape, *style, *fill, *label;
} kind_style[ENT_KIND_COUNT_] = {
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

/*
 * Engines, and how they keep an alliance's members together so that a box
 * can be drawn around them: dot with Graphviz clusters; neato and fdp with
 * short, heavy edges from each member to its alliance in the layout graph
 * (not clusters: fdp 2.43 lays out clustered graphs differently from run to
 * run); the others not at all, and draw no boxes.
 */
enum { BOX_NONE, BOX_CLUSTER, BOX_PULL };
static const struct {
    const char *name;
    int boxes;
} engines[] = {
    {"dot", BOX_CLUSTER}, {"fdp", BOX_PULL},   {"neato", BOX_PULL},
    {"sfdp", BOX_NONE},   {"circo", BOX_NONE}, {"twopi", BOX_NONE},
};

/* Up to this many actors the automatic choice is neato (stress majorization:
 * distances that read well, boxes), beyond it sfdp (multilevel, seconds for
 * thousands of actors, no boxes). docs/diagrams.md gives the measurements. */
#define AUTO_NEATO_MAX 500

void ent_render_options_init(ent_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->focus = ENT_NO_ACTOR;
    o->depth = 1;
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

static int engine_index(const char *name)
{
    for (size_t i = 0; i < sizeof engines / sizeof *engines; i++)
        if (strcmp(engines[i].name, name) == 0)
            return (int)i;
    return -1;
}

int ent_render_layout_known(const char *name)
{
    return name && engine_index(name) >= 0;
}

/* ---------------------------------------------------------------------------
 * Escaping
 * ------------------------------------------------------------------------- */

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Appends one character of s at i (k bytes) to an HTML-like label: & < > "
 * as entities, a backslash doubled, control characters as spaces. */
static void add_html_char(ent_strbuf *sb, const char *s, size_t k)
{
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&':
        ent_strbuf_adds(sb, "&amp;");
        break;
    case '<':
        ent_strbuf_adds(sb, "&lt;");
        break;
    case '>':
        ent_strbuf_adds(sb, "&gt;");
        break;
    case '"':
        ent_strbuf_adds(sb, "&quot;");
        break;
    case '\\': /* Graphviz expands \N, \G ... in HTML-like labels too */
        ent_strbuf_adds(sb, "\\\\");
        break;
    default:
        if (c < 0x20 || c == 0x7F)
            ent_strbuf_addc(sb, ' ');
        else
            ent_strbuf_add(sb, s, k);
    }
}

/* Text for an HTML-like label, escaped. Wrapped at spaces into lines of at
 * most `width` characters where the words allow (0: one line; a word longer
 * than a line is cut), at most `lines` lines, the rest cut with an ellipsis. */
static void add_html(ent_strbuf *sb, const char *s, size_t width, size_t lines)
{
    size_t col = 0, line = 1, n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len((unsigned char)s[i]);
        if (i + k > n)
            k = n - i;
        int brk = 0;
        if (width && s[i] == ' ' && col > 0) {
            /* Break here when the next word would not fit on this line. */
            size_t j = i + 1, w = 0;
            while (j < n && s[j] != ' ') {
                j += utf8_len((unsigned char)s[j]);
                w++;
            }
            brk = col + 1 + w > width;
        } else if (width && col >= width + 4)
            brk = 2; /* a word too long for any line */
        if (brk) {
            if (line == lines) {
                ent_strbuf_adds(sb, "\xE2\x80\xA6");
                return;
            }
            ent_strbuf_adds(sb, "<br/>");
            line++;
            col = 0;
            if (brk == 1) {
                i++; /* the space */
                continue;
            }
        }
        add_html_char(sb, s + i, k);
        i += k;
        col++;
    }
}

/* Text for a plain attribute (tooltip, edge label): Graphviz reads
 * backslash escapes (\N, \n ...) and entities in them, so a backslash is
 * doubled and & written &amp;; control characters become spaces. At most
 * `max` bytes of the text are kept (0: all), cut at a character boundary. */
static void add_plain(ent_strbuf *sb, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (max && n > max) {
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
            max--;
        n = max;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\')
            ent_strbuf_adds(sb, "\\\\");
        else if (c == '&')
            ent_strbuf_adds(sb, "&amp;");
        else if (c < 0x20 || c == 0x7F)
            ent_strbuf_addc(sb, ' ');
        else
            ent_strbuf_addc(sb, (char)c);
    }
    if (n < strlen(s))
        ent_strbuf_adds(sb, "\xE2\x80\xA6");
}

/* ---------------------------------------------------------------------------
 * Graphviz errors
 * ------------------------------------------------------------------------- */

static char gv_message[512];
static int gv_errors;

static int on_gv_error(char *msg)
{
    if (!gv_errors++) {
        snprintf(gv_message, sizeof gv_message, "%s", msg);
        size_t n = strlen(gv_message);
        while (n && (gv_message[n - 1] == '\n' || gv_message[n - 1] == ' '))
            gv_message[--n] = '\0';
    }
    return 0;
}

/* ---------------------------------------------------------------------------
 * Object ids in creation order
 *
 * cgraph's default discipline makes a named object's id the address of its
 * interned name, and walks subgraphs (clusters) in the order of their ids:
 * the order in which clusters were drawn, and fdp's layout of them, changed
 * from run to run with the addresses malloc handed out. This discipline
 * numbers names in the order they are first seen instead (even ids; the
 * anonymous objects get odd ones, as in cgraph's own).
 * ------------------------------------------------------------------------- */

typedef struct seq_ids {
    Agraph_t *g;    /* the root graph, whose string pool holds the names */
    ent_strmap map; /* name -> index into names */
    char **names;
    size_t n, cap;
    IDTYPE anon;
} seq_ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    seq_ids *s = calloc(1, sizeof *s);
    if (s) {
        s->g = g;
        ent_strmap_init(&s->map);
        s->anon = 1;
    }
    return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int create)
{
    seq_ids *s = state;
    (void)objtype;
    if (!str) {
        if (!create)
            return 0;
        *id = s->anon;
        s->anon += 2;
        return 1;
    }
    uint32_t v;
    if (ent_strmap_get(&s->map, str, &v)) {
        *id = (IDTYPE)(v + 1) * 2;
        return 1;
    }
    if (!create || s->n >= UINT32_MAX - 1)
        return 0;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        char **grown = realloc(s->names, nc * sizeof *grown);
        if (!grown)
            return 0;
        s->names = grown;
        s->cap = nc;
    }
    /* A string of the graph's pool (agstrdup), as cgraph's own discipline
     * gives: the DOT writer reads the pool's header before each name. */
    char *copy = agstrdup(s->g, str);
    if (!copy || ent_strmap_put(&s->map, copy, (uint32_t)s->n, NULL) < 0) {
        if (copy)
            agstrfree(s->g, copy);
        return 0;
    }
    s->names[s->n] = copy;
    *id = (IDTYPE)(++s->n) * 2;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0; /* ids are never chosen by the caller here */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id; /* names live until the graph is closed */
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    seq_ids *s = state;
    (void)objtype;
    if (id & 1 || id == 0 || id / 2 > s->n)
        return NULL;
    return s->names[id / 2 - 1];
}

static void ids_close(void *state)
{
    seq_ids *s = state;
    /* The names go with the graph's string pool, closed after this. */
    free(s->names);
    ent_strmap_release(&s->map);
    free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t seq_id_disc = {ids_open,  ids_map,   ids_alloc,   ids_free,
                                 ids_print, ids_close, ids_register};

static Agraph_t *open_graph(const char *name)
{
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &seq_id_disc;
    disc.io = &AgIoDisc;
    return agopen((char *)name, Agdirected, &disc);
}

/* ---------------------------------------------------------------------------
 * What is drawn
 * ------------------------------------------------------------------------- */

typedef struct rnode {
    uint32_t actor;
    unsigned char in[2]; /* present in view a, view b */
    int box;             /* the alliance box it is laid out in (index into boxes), or -1 */
    int member[2];       /* the box it belongs to on each date, or -1 */
    double x, y, w, h;   /* position and size from the layout, points */
    Agnode_t *ln;        /* its node in the layout graph */
} rnode;

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
    ent_strbuf sb;
} render;

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

/* What an edge of view `vi` amounts to once filtered. */
typedef struct weighed {
    size_t kept;   /* relations kept */
    double weight; /* their weight on the view's day */
    int claimed;   /* every kept relation is claimed or disputed */
    int leads;     /* every kept relation is leader_of */
    int mutual;    /* every kept relation is of a symmetric type: no arrowhead */
} weighed;

/* Weighs edge e of view vi: the relations of an allowed type, without the
 * memberships that a box already shows when `boxed` is set. A symmetric
 * relation stands behind the edges of both directions; it is drawn once, on
 * the edge of the direction it was coded in. */
static weighed weigh(const render *r, int vi, const ent_edge *e, int boxed)
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

/* The actors drawn: present on a date, of a kind asked for; with --types,
 * only those with a kept relation; with --focus, only its neighbourhood. */
static int select_actors(render *r)
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
            keep[a] = r->o->n_types ? 1 : 2; /* 1: only if it has a kept relation */
    }
    if (r->o->n_types)
        for (int vi = 0; vi < r->nviews; vi++)
            for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
                const ent_edge *e = ent_view_edge(r->v[vi], i);
                if (keep[e->source] && keep[e->target] && weigh(r, vi, e, 0).kept)
                    keep[e->source] = keep[e->target] = 2;
            }
    if (r->o->focus != ENT_NO_ACTOR) {
        uint32_t f = r->o->focus;
        if (f >= na || keep[f] != 2) {
            rc = ent_error_set(ENT_EUSAGE, "%s is not in the %s drawn",
                               f < na ? ent_graph_actor(g, f)->id : "the focus actor",
                               r->nviews > 1 ? "snapshots" : "snapshot");
            goto done;
        }
        if (!(dist = malloc(na * sizeof *dist)))
            goto done;
        for (size_t a = 0; a < na; a++)
            dist[a] = -1;
        dist[f] = 0;
        for (unsigned d = 0; d < r->o->depth; d++) {
            for (int vi = 0; vi < r->nviews; vi++)
                for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
                    const ent_edge *e = ent_view_edge(r->v[vi], i);
                    uint32_t s = e->source, t = e->target;
                    if (keep[s] != 2 || keep[t] != 2 || !weigh(r, vi, e, 0).kept)
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
                                                "kinds, types and focus are applied");
done:
    free(keep);
    free(dist);
    return rc;
}

/* Alliance boxes: an alliance drawn with members on a date gets a box; each
 * actor is laid out in at most one box (the first alliance, in the order of
 * the graph files, it is a member of on the first date, else the second),
 * and a leader in the box of the state it leads. */
static int find_boxes(render *r)
{
    if (!r->clusters || r->member_type < 0)
        return ENT_OK;
    for (int vi = 0; vi < r->nviews; vi++)
        for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
            const ent_edge *e = ent_view_edge(r->v[vi], i);
            int32_t m = r->index[e->source], al = r->index[e->target];
            if (m < 0 || al < 0 || m == al ||
                ent_graph_actor(r->g, e->target)->kind != ENT_KIND_ALLIANCE ||
                !has_type(r->g, e, r->member_type))
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
    /* Leaders without an alliance of their own go with their state, on each
     * date it is in a box. */
    unsigned char *own = calloc(r->n_nodes ? r->n_nodes : 1, 1);
    if (!own)
        return ENT_ENOMEM;
    for (size_t i = 0; i < r->n_nodes; i++)
        own[i] = r->nodes[i].member[0] >= 0 || r->nodes[i].member[1] >= 0;
    if (r->leader_type >= 0)
        for (int vi = 0; vi < r->nviews; vi++)
            for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
                const ent_edge *e = ent_view_edge(r->v[vi], i);
                int32_t l = r->index[e->source], s = r->index[e->target];
                if (l < 0 || s < 0 || !has_type(r->g, e, r->leader_type))
                    continue;
                rnode *ln = &r->nodes[l];
                if (own[l] || r->nodes[s].box < 0 ||
                    ent_graph_actor(r->g, e->source)->kind == ENT_KIND_ALLIANCE ||
                    (ln->box >= 0 && ln->box != r->nodes[s].box))
                    continue;
                ln->box = r->nodes[s].box;
                if (r->nodes[s].member[vi] == ln->box)
                    ln->member[vi] = ln->box;
            }
    free(own);
    return ENT_OK;
}

/* ---------------------------------------------------------------------------
 * Nodes and labels
 * ------------------------------------------------------------------------- */

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

/* Sets the label of node n to the actor's name as an HTML-like label. */
static void set_name_label(render *r, Agnode_t *n, const ent_actor *a)
{
    ent_strbuf_reset(&r->sb);
    add_html(&r->sb, a->name[0] ? a->name : a->id, LABEL_CHARS, LABEL_LINES);
    char *html = agstrdup_html(agraphof(n), (char *)ent_strbuf_str(&r->sb));
    agsafeset(n, "label", html, "");
    agstrfree(agraphof(n), html);
}

static void style_node(render *r, Agnode_t *n, const ent_actor *a)
{
    set(n, "shape", kind_style[a->kind].shape);
    set(n, "style", kind_style[a->kind].style);
    set(n, "fillcolor", kind_style[a->kind].fill);
    set_name_label(r, n, a);
}

/* ---------------------------------------------------------------------------
 * Step 1: the layout
 * ------------------------------------------------------------------------- */

typedef struct pair {
    uint32_t a, b; /* node indices, a < b */
    int leads;
} pair;

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

static int lay_out(render *r, GVC_t *gvc, const char *engine)
{
    int rc = ENT_ENOMEM;
    pair *pairs = NULL;
    size_t np = 0, cap = 0;
    Agraph_t *lg = open_graph("layout");
    Agraph_t **sub = calloc(r->n_boxes ? r->n_boxes : 1, sizeof *sub);
    if (!lg || !sub)
        goto done;
    set(lg, "start", "1"); /* the seed of fdp's and neato's first positions */
    set(lg, "overlap", "false");
    set(lg, "sep", "+8"); /* room for the lines between the nodes (route.c) */
    set(lg, "nodesep", "0.3");
    set(lg, "outputorder", "edgesfirst");
    agattr(lg, AGNODE, "fontname", FONT);
    agattr(lg, AGNODE, "fontsize", "10");
    agattr(lg, AGNODE, "margin", "0.08,0.04");
    char name[32];
    for (size_t k = 0; r->clusters == BOX_CLUSTER && k < r->n_boxes; k++) {
        snprintf(name, sizeof name, "cluster_%zu", k);
        sub[k] = agsubg(lg, name, 1);
        if (!sub[k])
            goto done;
        set(sub[k], "label", "alliance"); /* room for the name, like the drawing's */
    }
    for (size_t i = 0; i < r->n_nodes; i++) {
        rnode *n = &r->nodes[i];
        snprintf(name, sizeof name, "n%zu", i);
        Agraph_t *home = n->box >= 0 && sub[n->box] ? sub[n->box] : lg;
        if (!(n->ln = agnode(home, name, 1)))
            goto done;
        style_node(r, n->ln, ent_graph_actor(r->g, n->actor));
    }
    /* One edge per linked pair, whatever the direction and the date. */
    for (int vi = 0; vi < r->nviews; vi++)
        for (size_t i = 0; i < ent_view_edge_count(r->v[vi]); i++) {
            const ent_edge *e = ent_view_edge(r->v[vi], i);
            int32_t s = r->index[e->source], t = r->index[e->target];
            if (s < 0 || t < 0 || s == t)
                continue;
            weighed w = weigh(r, vi, e, 0);
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
            set(e, "len", "0.4");
            set(e, "weight", "4");
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
        set(e, "len", "0.6");
        set(e, "weight", "3");
    }
    gv_errors = 0;
    if (gvLayout(gvc, lg, engine) != 0 || gv_errors) {
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not lay out the diagram with %s: %s",
                           engine, gv_errors ? gv_message : "the engine failed");
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
        r->minx = fmin(r->minx, n->x - n->w / 2);
        r->maxx = fmax(r->maxx, n->x + n->w / 2);
        r->miny = fmin(r->miny, n->y - n->h / 2);
        r->maxy = fmax(r->maxy, n->y + n->h / 2 + (n->box >= 0 ? BOX_LABEL : 0));
    }
    gvFreeLayout(gvc, lg);
    rc = ENT_OK;
done:
    free(pairs);
    free(sub);
    if (lg)
        agclose(lg);
    return rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory while laying out") : rc;
}

/* ---------------------------------------------------------------------------
 * Step 2: the drawing
 * ------------------------------------------------------------------------- */

typedef struct drawing {
    render *r;
    Agraph_t *g;
    unsigned kinds_seen; /* bit per kind drawn, for the legend */
    int seen_coop, seen_hostile, seen_neutral, seen_claimed, seen_leads, seen_mutual, seen_box;
    int seen_change[5]; /* diff: formed, dissolved, flipped, intensity, unchanged */
    int seen_appeared, seen_gone;
    double legend_y; /* top of the legend */
} drawing;

static void set_pos(void *obj, double x, double y)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f,%.2f!", x, y);
    set(obj, "pos", buf);
}

/* The size of a node in points, as Graphviz's width and height (inches),
 * for the routing of the lines around it (edges.c). */
static void set_size(Agnode_t *n, double w, double h)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.4f", w / 72);
    set(n, "width", buf);
    snprintf(buf, sizeof buf, "%.4f", h / 72);
    set(n, "height", buf);
}

static void set_bb(Agraph_t *sg, double x0, double y0, double x1, double y1)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%.2f,%.2f,%.2f,%.2f", x0, y0, x1, y1);
    set(sg, "bb", buf);
}

static const char *change_names[5] = {"formed", "dissolved", "sign-flipped", "intensity changed",
                                      "unchanged"};
static const char *change_colors[5] = {FORMED_COLOR, DISSOLVED_COLOR, FLIPPED_COLOR, CHANGED_COLOR,
                                       UNCHANGED_COLOR};

static int sign_of(double x)
{
    return (x > 1e-12) - (x < -1e-12);
}

static void style_edge_sign(Agedge_t *e, double weight, double width_of)
{
    int s = sign_of(weight);
    char buf[32];
    if (s == 0) {
        set(e, "color", NEUTRAL_COLOR);
        set(e, "arrowhead", "odot");
    } else {
        set(e, "color", s > 0 ? COOP_COLOR : HOSTILE_COLOR);
        set(e, "arrowhead", s > 0 ? "normal" : "tee");
    }
    snprintf(buf, sizeof buf, "%.2f", 0.8 + fmin(fabs(width_of), 20.0) / 5.0);
    set(e, "penwidth", buf);
}

/* Tooltip of an edge: its relations, described, after `prefix` (a diff's change). */
static void edge_tooltip(drawing *d, Agedge_t *ge, const ent_edge *e, const char *prefix)
{
    ent_strbuf rel = ENT_STRBUF_INIT;
    describe_own(d->r->g, e, &rel);
    ent_strbuf_reset(&d->r->sb);
    if (prefix)
        ent_strbuf_addf(&d->r->sb, "%s: ", prefix);
    add_plain(&d->r->sb, ent_strbuf_str(&rel), 1000);
    set(ge, "tooltip", ent_strbuf_str(&d->r->sb));
    ent_strbuf_release(&rel);
}

/* "claimed by X, Y" for an edge all of whose relations are claimed or disputed. */
static void claim_label(drawing *d, Agedge_t *ge, const ent_edge *e)
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
        add_plain(&d->r->sb, ent_strbuf_str(&txt), 200);
    } else
        ent_strbuf_adds(&d->r->sb, disputed ? "disputed" : "claimed");
    set(ge, "label", ent_strbuf_str(&d->r->sb));
    ent_strbuf_release(&txt);
}

/* The node of actor node i in a panel (prefix "" or "1/", "2/"), inside `home`. */
static Agnode_t *draw_node(drawing *d, Agraph_t *home, const char *prefix, size_t i, double dx)
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
    style_node(r, gn, a);
    set_pos(gn, n->x + dx, n->y);
    set_size(gn, n->w, n->h);
    ent_strbuf_reset(&r->sb);
    add_plain(&r->sb, a->name, 300);
    ent_strbuf_addf(&r->sb, " (%s)", kind_style[a->kind].label);
    set(gn, "tooltip", ent_strbuf_str(&r->sb));
    const char *const *colors = prefix[0] == '2' && r->o->colors_b ? r->o->colors_b : r->o->colors;
    if (colors && colors[n->actor] && colors[n->actor][0]) {
        set(gn, "fillcolor", colors[n->actor]);
        set(gn, "style", strstr(kind_style[a->kind].style, "dashed") ? "filled,dashed" : "filled");
    }
    d->kinds_seen |= 1u << a->kind;
    return gn;
}

/* Whether node i is drawn inside box b on date vi (vi 2: either date). */
static int in_box(const render *r, size_t i, int b, int vi)
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
    return b >= 0 && (uint32_t)t == r->boxes[b] && in_box(r, (size_t)s, b, vi) && boxes[b];
}

typedef struct diff_ctx {
    drawing *d;
    Agnode_t **gn;          /* the drawn nodes */
    Agraph_t *const *boxes; /* the drawn boxes */
    int rc;
} diff_ctx;

/* One pair of a diff: x its edge on the earlier date, y on the later one
 * (either NULL), drawn in the style of its change (walk_pairs callback). */
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
        wx = weigh(r, 0, x, shown);
    if (y)
        wy = weigh(r, 1, y, shown);
    if (!wx.kept)
        x = NULL;
    if (!wy.kept)
        y = NULL;
    if (!x && !y)
        return;
    int ch;
    if (x && !y)
        ch = 1;
    else if (!x)
        ch = 0;
    else if (sign_of(wx.weight) && sign_of(wy.weight) && sign_of(wx.weight) != sign_of(wy.weight))
        ch = 2;
    else if (fabs(wx.weight - wy.weight) > 1e-9)
        ch = 3;
    else
        ch = 4;
    Agedge_t *ge = agedge(c->d->g, c->gn[s], c->gn[t], NULL, 1);
    if (!ge) {
        c->rc = ENT_ENOMEM;
        return;
    }
    double w = y ? wy.weight : wx.weight;
    style_edge_sign(ge, w, ch == 4 ? 0 : w);
    if (y ? wy.mutual : wx.mutual)
        set(ge, "arrowhead", "none");
    set(ge, "color", change_colors[ch]);
    if (ch == 1)
        set(ge, "style", "dashed");
    if (ch == 2)
        set(ge, "penwidth", "3");
    c->d->seen_change[ch] = 1;
    edge_tooltip(c->d, ge, y ? y : x, change_names[ch]);
}

/*
 * One panel: the actors of view vi (2: the diff of both) at offset dx, in
 * `panel`. Nodes get names prefixed with `prefix`. Returns 0 or ENT_ENOMEM.
 */
static int draw_panel(drawing *d, Agraph_t *panel, const char *prefix, int vi, double dx)
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
            if (!present || !in_box(r, i, (int)k, vi))
                continue;
            members += i != r->boxes[k];
            x0 = fmin(x0, n->x - n->w / 2);
            x1 = fmax(x1, n->x + n->w / 2);
            y0 = fmin(y0, n->y - n->h / 2);
            y1 = fmax(y1, n->y + n->h / 2);
        }
        if (!members)
            continue;
        snprintf(name, sizeof name, "cluster_%s%zu", prefix[0] ? prefix : "", k);
        for (char *c = name; *c; c++)
            if (*c == '/')
                *c = '_';
        if (!(boxes[k] = agsubg(panel, name, 1)))
            goto done;
        set_bb(boxes[k], x0 - BOX_PAD + dx, y0 - BOX_PAD, x1 + BOX_PAD + dx,
               y1 + BOX_PAD + BOX_LABEL);
        const ent_actor *al = ent_graph_actor(r->g, r->nodes[r->boxes[k]].actor);
        ent_strbuf_reset(&r->sb);
        add_html(&r->sb, al->name[0] ? al->name : al->id, 40, 2);
        char *html = agstrdup_html(d->g, (char *)ent_strbuf_str(&r->sb));
        agsafeset(boxes[k], "label", html, "");
        agstrfree(d->g, html);
        set(boxes[k], "style", "rounded,filled");
        set(boxes[k], "fillcolor", "#f7f4fb");
        set(boxes[k], "color", "#8073ac");
        set(boxes[k], "fontsize", "10");
        set(boxes[k], "labeljust", "l");
        d->seen_box = 1;
    }
    for (size_t i = 0; i < r->n_nodes; i++) {
        const rnode *n = &r->nodes[i];
        int present = vi == 2 ? (n->in[0] || n->in[1]) : n->in[vi];
        if (!present)
            continue;
        Agraph_t *home = panel;
        if (n->box >= 0 && boxes[n->box] && in_box(r, i, n->box, vi))
            home = boxes[n->box];
        if (!(gn[i] = draw_node(d, home, prefix, i, dx)))
            goto done;
        if (vi == 2 && n->in[0] != n->in[1]) {
            set(gn[i], "color", n->in[1] ? APPEARED_COLOR : GONE_COLOR);
            set(gn[i], "penwidth", n->in[1] ? "2.5" : "1.5");
            if (!n->in[1]) {
                set(gn[i], "style", "filled,dotted");
                set(gn[i], "fontcolor", GONE_COLOR);
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
            weighed w = weigh(r, vi, e, boxed(r, boxes, s, t, vi));
            if (!w.kept)
                continue;
            Agedge_t *ge = agedge(d->g, gn[s], gn[t], NULL, 1);
            if (!ge)
                goto done;
            if (w.leads) {
                set(ge, "color", LEADS_COLOR);
                set(ge, "arrowhead", "none");
                set(ge, "penwidth", "2.5");
                d->seen_leads = 1;
            } else {
                style_edge_sign(ge, w.weight, w.weight);
                int sg = sign_of(w.weight);
                *(sg > 0 ? &d->seen_coop : sg < 0 ? &d->seen_hostile : &d->seen_neutral) = 1;
                if (w.mutual) {
                    set(ge, "arrowhead", "none");
                    d->seen_mutual = 1;
                }
            }
            if (w.claimed) {
                set(ge, "style", "dashed");
                set(ge, "fontsize", "8");
                set(ge, "fontcolor", "#555555");
                claim_label(d, ge, e);
                d->seen_claimed = 1;
            }
            edge_tooltip(d, ge, e, NULL);
        }
    } else {
        /* The diff: every pair of either date, styled by how it changed. */
        diff_ctx c = {d, gn, boxes, ENT_OK};
        walk_pairs(r->v[0], r->v[1], diff_pair, &c);
        if (c.rc)
            goto done;
    }
    rc = ENT_OK;
done:
    free(gn);
    free(boxes);
    return rc;
}

/* ---------------------------------------------------------------------------
 * Title and legend
 * ------------------------------------------------------------------------- */

static void date_words(const render *r, int vi, ent_strbuf *sb)
{
    char day[11];
    day_str(ent_view_day(r->v[vi]), day);
    const char *label = r->o->label[vi];
    if (label && *label) {
        add_html(sb, label, 0, 1);
        ent_strbuf_addf(sb, " (%s)", day);
    } else
        ent_strbuf_adds(sb, day);
}

static int set_title(drawing *d)
{
    render *r = d->r;
    ent_strbuf t = ENT_STRBUF_INIT;
    const char *title = r->o->title ? r->o->title : ent_graph_title(r->g);
    ent_strbuf_adds(&t, "<b>");
    add_html(&t, title && *title ? title : "entente", 80, 2);
    ent_strbuf_adds(&t, "</b><br/>");
    ent_strbuf_adds(&t, "<font point-size=\"11\">");
    if (r->mode == ENT_RENDER_ONE)
        date_words(r, 0, &t);
    else if (r->mode == ENT_RENDER_COMPARE) {
        date_words(r, 0, &t);
        ent_strbuf_adds(&t, " and ");
        date_words(r, 1, &t);
        ent_strbuf_adds(&t, ", on one layout");
    } else {
        ent_strbuf_adds(&t, "Changes from ");
        date_words(r, 0, &t);
        ent_strbuf_adds(&t, " to ");
        date_words(r, 1, &t);
    }
    if (r->o->focus != ENT_NO_ACTOR) {
        ent_strbuf_adds(&t, ": around ");
        add_html(&t, ent_graph_actor(r->g, r->o->focus)->name, 0, 1);
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
    set(n, "shape", "plaintext");
    set(n, "label", text);
    set(n, "fontsize", "9");
    set_pos(n, x + w / 2, y);
    set_size(n, w, 12);
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
        set(ns[i], "shape", "point");
        set(ns[i], "width", "0.02");
        set(ns[i], "height", "0.02");
        set(ns[i], "style", "invis");
        set(ns[i], "label", "");
        set_pos(ns[i], x + (i ? 44 : 4), y);
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
    set(n, "shape", kind_style[k].shape);
    set(n, "style", kind_style[k].style);
    set(n, "fillcolor", kind_style[k].fill);
    set(n, "label", kind_style[k].label);
    set(n, "fontsize", "9");
    set(n, "fixedsize", "true");
    set(n, "width", "1.35");
    set(n, "height", "0.32");
    set_pos(n, x + 49, y);
    l->right = fmax(l->right, x + 98);
    return ENT_OK;
}

static int draw_legend(drawing *d, double x0, double width)
{
    render *r = d->r;
    legend l;
    memset(&l, 0, sizeof l);
    l.d = d;
    l.box = agsubg(d->g, "cluster_legend", 1);
    if (!l.box)
        return ENT_ENOMEM;
    set(l.box, "label", "Legend");
    set(l.box, "fontsize", "10");
    set(l.box, "labeljust", "l");
    set(l.box, "style", "rounded");
    set(l.box, "color", "#bbbbbb");
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
            style_edge_sign(e, 1, 6);
        }
        if (d->seen_hostile) {
            LINE("hostile (width: intensity)");
            style_edge_sign(e, -1, 6);
        }
        if (d->seen_neutral) {
            LINE("neutral (reports, control ...)");
            style_edge_sign(e, 0, 0);
        }
        if (d->seen_claimed) {
            LINE("claimed or disputed");
            style_edge_sign(e, 1, 2);
            set(e, "style", "dashed");
        }
        if (d->seen_mutual) {
            LINE("both ways (alliance, war ...)");
            style_edge_sign(e, 1, 2);
            set(e, "arrowhead", "none");
            set(e, "color", "#555555");
        }
        if (d->seen_leads) {
            LINE("leads (leader and state)");
            set(e, "color", LEADS_COLOR);
            set(e, "arrowhead", "none");
            set(e, "penwidth", "2.5");
        }
    } else {
        static const char *texts[5] = {"formed", "dissolved", "sign flipped", "intensity changed",
                                       "unchanged"};
        for (int c = 0; c < 5; c++) {
            if (!d->seen_change[c])
                continue;
            LINE(texts[c]);
            style_edge_sign(e, 1, c == 4 ? 0 : 6);
            set(e, "color", change_colors[c]);
            if (c == 1)
                set(e, "style", "dashed");
            if (c == 2)
                set(e, "penwidth", "3");
        }
        LINE("arrowhead: cooperative");
        style_edge_sign(e, 1, 0);
        set(e, "color", "#555555");
        LINE("tee: hostile");
        style_edge_sign(e, -1, 0);
        set(e, "color", "#555555");
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
        add_plain(&r->sb, r->o->color_legend, 60);
        if (legend_text(&l, x, y, ent_strbuf_str(&r->sb), name))
            return ENT_ENOMEM;
    }
    set_bb(l.box, x0, l.y - 20, fmax(l.right + 12, x0 + width), d->legend_y);
    return ENT_OK;
}

/* ---------------------------------------------------------------------------
 * The whole picture
 * ------------------------------------------------------------------------- */

static int draw(render *r, GVC_t *gvc, ent_render_format format, char **out, size_t *len)
{
    drawing d;
    memset(&d, 0, sizeof d);
    d.r = r;
    int rc = ENT_ENOMEM;
    if (!(d.g = open_graph("entente")))
        return ent_error_set(ENT_ENOMEM, "out of memory while drawing");
    /* nop2: the nodes where they are pinned, the lines as routed here
     * (edges.c); `dot -Tsvg` on the DOT output draws the same. */
    set(d.g, "layout", "nop2");
    set(d.g, "labelloc", "t");
    set(d.g, "fontname", FONT);
    set(d.g, "fontsize", "14");
    set(d.g, "bgcolor", "white");
    set(d.g, "pad", "0.25");
    set(d.g, "outputorder", "edgesfirst");
    agattr(d.g, AGNODE, "fontname", FONT);
    agattr(d.g, AGNODE, "fontsize", "10");
    agattr(d.g, AGNODE, "margin", "0.08,0.04");
    agattr(d.g, AGEDGE, "fontname", FONT);
    agattr(d.g, AGEDGE, "arrowsize", "0.7");
    agattr(d.g, AGRAPH, "fontname", FONT);
    if (set_title(&d))
        goto done;
    double width = r->maxx - r->minx, dx = 0;
    if (r->mode == ENT_RENDER_COMPARE) {
        dx = width + PANEL_GAP;
        for (int p = 0; p < 2; p++) {
            char name[16];
            snprintf(name, sizeof name, "cluster_panel%d", p + 1);
            Agraph_t *panel = agsubg(d.g, name, 1);
            if (!panel)
                goto done;
            ent_strbuf_reset(&r->sb);
            ent_strbuf_adds(&r->sb, "<b>");
            date_words(r, p, &r->sb);
            ent_strbuf_adds(&r->sb, "</b>");
            char *html = agstrdup_html(d.g, (char *)ent_strbuf_str(&r->sb));
            agsafeset(panel, "label", html, "");
            agstrfree(d.g, html);
            set(panel, "color", "#999999");
            set(panel, "fontsize", "12");
            set_bb(panel, r->minx - 14 + dx * p, r->miny - 14, r->maxx + 14 + dx * p, r->maxy + 34);
            if (draw_panel(&d, panel, p ? "2/" : "1/", p, dx * p))
                goto done;
        }
        width = 2 * width + PANEL_GAP;
    } else if (draw_panel(&d, d.g, "", r->mode == ENT_RENDER_DIFF ? 2 : 0, 0))
        goto done;
    d.legend_y = r->miny - 26;
    if (draw_legend(&d, r->minx - 14, width + 28))
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
    gv_errors = 0;
    if (gvLayout(gvc, d.g, "nop2") != 0 || gv_errors) {
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not place the drawing: %s",
                           gv_errors ? gv_message : "the nop engine failed");
        goto done;
    }
    static const char *names[] = {"svg", "png", "pdf"};
    char *data = NULL;
    unsigned int n = 0;
    int bad = gvRenderData(gvc, d.g, names[format], &data, &n) != 0 || gv_errors || !data;
    gvFreeLayout(gvc, d.g);
    if (bad) {
        if (data)
            gvFreeRenderData(data);
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not render %s: %s", names[format],
                           gv_errors ? gv_message : "no output");
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
    r.member_type = type_by_id(r.g, "member_of");
    r.leader_type = type_by_id(r.g, "leader_of");
    size_t na = ent_graph_actor_count(r.g);
    int rc = ENT_ENOMEM;
    GVC_t *gvc = NULL;
    agusererrf old_f = agseterrf(on_gv_error);
    agerrlevel_t old_level = agseterr(AGERR);
    if (!(r.index = malloc((na ? na : 1) * sizeof *r.index)))
        goto done;
    for (size_t i = 0; i < na; i++)
        r.index[i] = -1;
    if ((rc = select_actors(&r)))
        goto done;
    const char *eng = o->layout ? o->layout : ent_render_auto_layout(r.n_nodes);
    r.clusters = engines[engine_index(eng)].boxes;
    if ((rc = find_boxes(&r)))
        goto done;
    rc = ENT_ENOMEM;
    if (!(gvc = shared_context())) {
        rc = ent_error_set(ENT_EINTERNAL, "Graphviz could not start");
        goto done;
    }
    if ((rc = lay_out(&r, gvc, eng)) || (rc = draw(&r, gvc, format, out, len)))
        goto done;
    if (engine)
        *engine = eng;
done:
    agseterrf(old_f);
    agseterr(old_level);
    free(r.nodes);
    free(r.index);
    free(r.boxes);
    ent_strbuf_release(&r.sb);
    if (rc == ENT_ENOMEM)
        ent_error_set(rc, "out of memory while drawing");
    return rc;
}
