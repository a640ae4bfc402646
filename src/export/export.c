/*
 * export.c: the graph for other tools: GEXF and GraphML (written with
 * libxml2's xmlTextWriter, the only module that sees libxml2, so that escaping
 * is right by construction), node-link JSON and two CSV tables.
 *
 * All four formats share one description of the columns (the tables below):
 * one node per actor, one directed edge per relation, every attribute written
 * for every node and edge (an empty string when the file gives none), so that
 * a reader finds the same keys whatever the format.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "entente/error.h"
#include "entente/export.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/strbuf.h"

/* ---------------------------------------------------------------------------
 * Columns
 * ------------------------------------------------------------------------- */

typedef enum col_type { T_STRING, T_INT, T_DOUBLE, T_BOOL } col_type;

typedef struct column {
    const char *name; /* attribute name in every format */
    col_type type;
} column;

enum { N_KIND, N_FROM, N_TO, N_ALIASES, N_TAGS, N_COLLECTIVE, N_DESCRIPTION, N_COUNT };
static const column node_cols[N_COUNT] = {
    {"kind", T_STRING},    {"from", T_STRING}, {"to", T_STRING},
    {"aliases", T_STRING}, {"tags", T_STRING}, {"collective_defense", T_STRING},
    {"description", T_STRING},
};

enum {
    E_RELATION,
    E_TYPE,
    E_SIGN,
    E_DURABLE,
    E_FROM,
    E_TO,
    E_AT,
    E_START,
    E_END,
    E_STATUS,
    E_CLAIMED_BY,
    E_VIA,
    E_SYMMETRIC,
    E_ROLE,
    E_MODE,
    E_EVIDENCE,
    E_NOTE,
    E_COUNT
};
static const column edge_cols[E_COUNT] = {
    {"relation", T_STRING}, {"type", T_STRING},      {"sign", T_INT},      {"durable", T_BOOL},
    {"from", T_STRING},     {"to", T_STRING},        {"at", T_STRING},     {"first_day", T_STRING},
    {"last_day", T_STRING}, {"status", T_STRING},    {"claimed_by", T_STRING},
    {"via", T_STRING},      {"symmetric", T_BOOL},   {"role", T_STRING},   {"mode", T_STRING},
    {"evidence", T_STRING}, {"note", T_STRING},
};

/* Separator of list values (aliases, tags, evidence) in the formats that have
 * no lists; node-link JSON writes arrays. */
#define LIST_SEP "; "

/* ---------------------------------------------------------------------------
 * Selection: which actors and relations, and each relation's interval
 * ------------------------------------------------------------------------- */

#define OPEN_START INT32_MIN
#define OPEN_END   INT32_MAX

typedef struct sel {
    const ent_graph *g;
    unsigned char *actor; /* 1: written */
    unsigned char *rel;   /* 1: written */
    int dynamic;          /* write the time (no view) */
} sel;

/* The days relation r covers: an event its day(s), a durable relation from
 * its start to its end, open ends as OPEN_START / OPEN_END. */
static void rel_span(const ent_relation *r, int32_t *start, int32_t *end)
{
    if (ent_date_is_set(r->at)) {
        *start = ent_date_first_day(r->at);
        *end = ent_date_last_day(r->at);
        return;
    }
    *start = ent_date_is_set(r->from) ? ent_date_first_day(r->from) : OPEN_START;
    *end = ent_date_is_set(r->to) ? ent_date_last_day(r->to) : OPEN_END;
}

static void actor_span(const ent_actor *a, int32_t *start, int32_t *end)
{
    *start = ent_date_is_set(a->from) ? ent_date_first_day(a->from) : OPEN_START;
    *end = ent_date_is_set(a->to) ? ent_date_last_day(a->to) : OPEN_END;
}

static int select_parts(sel *s, const ent_graph *g, const ent_export_options *o)
{
    size_t na = ent_graph_actor_count(g), nr = ent_graph_relation_count(g);
    s->g = g;
    s->dynamic = !o->view;
    s->actor = calloc(na + 1, 1);
    s->rel = calloc(nr + 1, 1);
    if (!s->actor || !s->rel)
        return ent_error_set(ENT_ENOMEM, "out of memory selecting what to export");
    if (o->view) {
        if (ent_view_graph(o->view) != g)
            return ent_error_set(ENT_EUSAGE, "the view is not of the graph exported");
        for (size_t i = 0; i < na; i++)
            s->actor[i] = ent_view_has_actor(o->view, (uint32_t)i) != 0;
        size_t ne = ent_view_edge_count(o->view);
        for (size_t i = 0; i < ne; i++) {
            const ent_edge *e = ent_view_edge(o->view, i);
            for (size_t k = 0; k < e->n_relations; k++)
                s->rel[e->relations[k]] = 1;
        }
    } else {
        for (size_t i = 0; i < nr; i++) {
            int32_t a, b;
            rel_span(ent_graph_relation(g, i), &a, &b);
            s->rel[i] = !o->has_range || (a <= o->to_day && b >= o->from_day);
        }
        for (size_t i = 0; i < na; i++) {
            int32_t a, b;
            actor_span(ent_graph_actor(g, i), &a, &b);
            s->actor[i] = !o->has_range || (a <= o->to_day && b >= o->from_day);
        }
    }
    for (size_t i = 0; i < nr; i++) {
        if (!s->rel[i])
            continue;
        if (o->keep && !ent_view_options_keep(g, o->keep, (uint32_t)i)) {
            s->rel[i] = 0;
            continue;
        }
        const ent_relation *r = ent_graph_relation(g, i);
        s->actor[r->source] = s->actor[r->target] = 1;
    }
    return 0;
}

static void sel_release(sel *s)
{
    free(s->actor);
    free(s->rel);
}

/* ---------------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------------- */

/* A day number as YYYY-MM-DD, or "" when open. buf holds 11 bytes. */
static const char *day_str(int32_t day, char *buf)
{
    if (day == OPEN_START || day == OPEN_END) {
        buf[0] = '\0';
        return buf;
    }
    return ent_date_format(ent_date_from_day(day), buf);
}

/* The shortest of %.15g and %.17g that reads back as the same double. */
static void fmt_double(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, n, "%.17g", v);
}

static const char *actor_id_or_empty(const ent_graph *g, uint32_t a)
{
    return a == ENT_NO_ACTOR ? "" : ent_graph_actor(g, a)->id;
}

/* Node column k of actor a as text into sb (reset first). */
static void node_value(ent_strbuf *sb, const ent_actor *a, int k)
{
    char d[11];
    ent_strbuf_reset(sb);
    switch (k) {
    case N_KIND:
        ent_strbuf_adds(sb, ent_actor_kind_str(a->kind));
        break;
    case N_FROM:
        ent_strbuf_adds(sb, ent_date_format(a->from, d));
        break;
    case N_TO:
        ent_strbuf_adds(sb, ent_date_format(a->to, d));
        break;
    case N_ALIASES:
    case N_TAGS: {
        const char *const *v = k == N_ALIASES ? a->aliases : a->tags;
        size_t n = k == N_ALIASES ? a->n_aliases : a->n_tags;
        for (size_t i = 0; i < n; i++) {
            if (i)
                ent_strbuf_adds(sb, LIST_SEP);
            ent_strbuf_adds(sb, v[i]);
        }
        break;
    }
    case N_COLLECTIVE:
        ent_strbuf_adds(sb, a->collective_defense < 0   ? ""
                            : a->collective_defense ? "true"
                                                    : "false");
        break;
    case N_DESCRIPTION:
        ent_strbuf_adds(sb, a->description);
        break;
    }
}

/* Edge column k of relation r as text into sb (reset first). */
static void edge_value(ent_strbuf *sb, const ent_graph *g, const ent_relation *r, int k)
{
    char d[11];
    const ent_reltype *t = ent_graph_type(g, r->type);
    int32_t start, end;
    ent_strbuf_reset(sb);
    switch (k) {
    case E_RELATION:
        ent_strbuf_adds(sb, r->id);
        break;
    case E_TYPE:
        ent_strbuf_adds(sb, t->id);
        break;
    case E_SIGN:
        ent_strbuf_addf(sb, "%d", t->sign);
        break;
    case E_DURABLE:
        ent_strbuf_adds(sb, t->durable ? "true" : "false");
        break;
    case E_FROM:
        ent_strbuf_adds(sb, ent_date_format(r->from, d));
        break;
    case E_TO:
        ent_strbuf_adds(sb, ent_date_format(r->to, d));
        break;
    case E_AT:
        ent_strbuf_adds(sb, ent_date_format(r->at, d));
        break;
    case E_START:
    case E_END:
        rel_span(r, &start, &end);
        ent_strbuf_adds(sb, day_str(k == E_START ? start : end, d));
        break;
    case E_STATUS:
        ent_strbuf_adds(sb, ent_status_str(r->status));
        break;
    case E_CLAIMED_BY:
        ent_strbuf_adds(sb, actor_id_or_empty(g, r->claimed_by));
        break;
    case E_VIA:
        ent_strbuf_adds(sb, actor_id_or_empty(g, r->via));
        break;
    case E_SYMMETRIC:
        ent_strbuf_adds(sb, t->symmetric ? "true" : "false");
        break;
    case E_ROLE:
        ent_strbuf_adds(sb, ent_role_name(t->role));
        break;
    case E_MODE:
        ent_strbuf_adds(sb, ent_mode_name(t->mode));
        break;
    case E_EVIDENCE:
        for (size_t i = 0; i < r->n_evidence; i++) {
            if (i)
                ent_strbuf_adds(sb, LIST_SEP);
            ent_strbuf_adds(sb, ent_graph_source(g, r->evidence[i].source)->id);
        }
        break;
    case E_NOTE:
        ent_strbuf_adds(sb, r->note);
        break;
    }
}

/* ---------------------------------------------------------------------------
 * XML: GEXF and GraphML
 * ------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (!n || p[0] > 0xF4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    uint32_t c = n == 2   ? (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
                 : n == 3 ? (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
                                (p[2] & 0x3F)
                          : (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
                                (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
        return 0;
    return n;
}

/* s as XML 1.0 can hold it: characters it cannot (control characters other
 * than tab, LF and CR; bytes that are not UTF-8) become U+FFFD. Returns s
 * itself when it needs nothing, else the text in `tmp`. */
static const char *xml_clean(const char *s, ent_strbuf *tmp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n;
    for (; *p; p += n) {
        n = utf8_len(p);
        if (!n || (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r'))
            break;
    }
    if (!*p)
        return s;
    ent_strbuf_reset(tmp);
    ent_strbuf_add(tmp, s, (size_t)((const char *)p - s));
    for (; *p; p += n) {
        n = utf8_len(p);
        if (!n || (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')) {
            ent_strbuf_adds(tmp, "\xEF\xBF\xBD");
            n = 1;
        } else
            ent_strbuf_add(tmp, (const char *)p, n);
    }
    return ent_strbuf_str(tmp);
}

typedef struct xw {
    xmlTextWriterPtr w;
    ent_strbuf tmp;
    int failed; /* a writer call returned an error */
} xw;

static void x_start(xw *x, const char *name)
{
    if (!x->failed && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
        x->failed = 1;
}

static void x_end(xw *x)
{
    if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
        x->failed = 1;
}

static void x_attr(xw *x, const char *name, const char *value)
{
    if (!x->failed &&
        xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST xml_clean(value, &x->tmp)) < 0)
        x->failed = 1;
}

static void x_text(xw *x, const char *value)
{
    if (!x->failed && xmlTextWriterWriteString(x->w, BAD_CAST xml_clean(value, &x->tmp)) < 0)
        x->failed = 1;
}

static void x_elem(xw *x, const char *name, const char *text)
{
    x_start(x, name);
    x_text(x, text);
    x_end(x);
}

static const char *gexf_type(col_type t)
{
    return t == T_INT ? "integer" : t == T_DOUBLE ? "double" : t == T_BOOL ? "boolean" : "string";
}

static const char *graphml_type(col_type t)
{
    return t == T_INT ? "int" : t == T_DOUBLE ? "double" : t == T_BOOL ? "boolean" : "string";
}

/* The days [st, en] an element covers, in GEXF 1.2's form: the element's own
 * start and end attributes (written before its children). An open end is
 * left out, which Gephi and NetworkX read as unbounded. */
static void gexf12_span(xw *x, int32_t st, int32_t en)
{
    char d[11];
    if (st != OPEN_START)
        x_attr(x, "start", day_str(st, d));
    if (en != OPEN_END)
        x_attr(x, "end", day_str(en, d));
}

/* The same days in GEXF 1.3's form: a <spells> child holding one <spell>
 * with inclusive start and end (1.3 has no startopen/endopen); nothing when
 * both ends are open, since a spell needs a bound to say anything. */
static void gexf13_spells(xw *x, int32_t st, int32_t en)
{
    if (st == OPEN_START && en == OPEN_END)
        return;
    x_start(x, "spells");
    x_start(x, "spell");
    gexf12_span(x, st, en);
    x_end(x);
    x_end(x);
}

/* GEXF 1.3 (v13) or 1.2. The two hold the same nodes, edges and attributes;
 * 1.3 writes time as spells, says how (timerepresentation, timezone) and
 * gives each edge its type as its kind, so that Gephi keeps parallel edges
 * of different types apart instead of merging them. */
static void gexf_body(xw *x, const sel *s, int v13, ent_strbuf *val)
{
    const ent_graph *g = s->g;
    char num[32];
    x_start(x, "gexf");
    if (v13) {
        x_attr(x, "xmlns", "http://gexf.net/1.3");
        x_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
        x_attr(x, "xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
        x_attr(x, "version", "1.3");
    } else {
        x_attr(x, "xmlns", "http://www.gexf.net/1.2draft");
        x_attr(x, "version", "1.2");
    }
    x_start(x, "meta");
    x_elem(x, "creator", "entente");
    x_elem(x, "description", ent_graph_title(g));
    x_end(x);
    x_start(x, "graph");
    x_attr(x, "defaultedgetype", "directed");
    x_attr(x, "mode", s->dynamic ? "dynamic" : "static");
    if (s->dynamic) {
        x_attr(x, "timeformat", "date");
        if (v13) {
            /* Intervals, not timestamps; days read in UTC whatever the
             * reader's own time zone, so an event stays on its day. */
            x_attr(x, "timerepresentation", "interval");
            x_attr(x, "timezone", "UTC");
        }
    }
    for (int cls = 0; cls < 2; cls++) {
        const column *cols = cls ? edge_cols : node_cols;
        int n = cls ? E_COUNT : N_COUNT;
        x_start(x, "attributes");
        x_attr(x, "class", cls ? "edge" : "node");
        x_attr(x, "mode", "static");
        for (int k = 0; k < n; k++) {
            x_start(x, "attribute");
            x_attr(x, "id", cols[k].name);
            x_attr(x, "title", cols[k].name);
            x_attr(x, "type", gexf_type(cols[k].type));
            x_end(x);
        }
        x_end(x);
    }
    x_start(x, "nodes");
    for (size_t i = 0, na = ent_graph_actor_count(g); i < na && !x->failed; i++) {
        if (!s->actor[i])
            continue;
        const ent_actor *a = ent_graph_actor(g, i);
        x_start(x, "node");
        x_attr(x, "id", a->id);
        x_attr(x, "label", a->name);
        int32_t st, en;
        actor_span(a, &st, &en);
        if (s->dynamic && !v13)
            gexf12_span(x, st, en);
        x_start(x, "attvalues");
        for (int k = 0; k < N_COUNT; k++) {
            node_value(val, a, k);
            x_start(x, "attvalue");
            x_attr(x, "for", node_cols[k].name);
            x_attr(x, "value", ent_strbuf_str(val));
            x_end(x);
        }
        x_end(x);
        if (s->dynamic && v13)
            gexf13_spells(x, st, en);
        x_end(x);
    }
    x_end(x);
    x_start(x, "edges");
    for (size_t i = 0, nr = ent_graph_relation_count(g); i < nr && !x->failed; i++) {
        if (!s->rel[i])
            continue;
        const ent_relation *r = ent_graph_relation(g, i);
        x_start(x, "edge");
        snprintf(num, sizeof num, "%zu", i);
        x_attr(x, "id", num);
        x_attr(x, "source", ent_graph_actor(g, r->source)->id);
        x_attr(x, "target", ent_graph_actor(g, r->target)->id);
        x_attr(x, "label", ent_graph_type(g, r->type)->id);
        if (v13)
            x_attr(x, "kind", ent_graph_type(g, r->type)->id);
        fmt_double(num, sizeof num, r->intensity);
        x_attr(x, "weight", num);
        int32_t st, en;
        rel_span(r, &st, &en);
        if (s->dynamic && !v13)
            gexf12_span(x, st, en);
        x_start(x, "attvalues");
        for (int k = 0; k < E_COUNT; k++) {
            edge_value(val, g, r, k);
            x_start(x, "attvalue");
            x_attr(x, "for", edge_cols[k].name);
            x_attr(x, "value", ent_strbuf_str(val));
            x_end(x);
        }
        x_end(x);
        if (s->dynamic && v13)
            gexf13_spells(x, st, en);
        x_end(x);
    }
    x_end(x);
    x_end(x); /* graph */
    x_end(x); /* gexf */
}

static void graphml_body(xw *x, const sel *s, ent_strbuf *val)
{
    const ent_graph *g = s->g;
    char num[32], key[48];
    x_start(x, "graphml");
    x_attr(x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
    x_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    x_attr(x, "xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns "
                                    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
    /* Keys: the graph's title, then the node's label and columns, then the
     * edge's weight and columns. Key ids are "n_NAME", "e_NAME", "g_NAME". */
    x_start(x, "key");
    x_attr(x, "id", "g_title");
    x_attr(x, "for", "graph");
    x_attr(x, "attr.name", "title");
    x_attr(x, "attr.type", "string");
    x_end(x);
    x_start(x, "key");
    x_attr(x, "id", "n_label");
    x_attr(x, "for", "node");
    x_attr(x, "attr.name", "label");
    x_attr(x, "attr.type", "string");
    x_end(x);
    for (int k = 0; k < N_COUNT; k++) {
        snprintf(key, sizeof key, "n_%s", node_cols[k].name);
        x_start(x, "key");
        x_attr(x, "id", key);
        x_attr(x, "for", "node");
        x_attr(x, "attr.name", node_cols[k].name);
        x_attr(x, "attr.type", graphml_type(node_cols[k].type));
        x_end(x);
    }
    x_start(x, "key");
    x_attr(x, "id", "e_weight");
    x_attr(x, "for", "edge");
    x_attr(x, "attr.name", "weight");
    x_attr(x, "attr.type", "double");
    x_end(x);
    for (int k = 0; k < E_COUNT; k++) {
        snprintf(key, sizeof key, "e_%s", edge_cols[k].name);
        x_start(x, "key");
        x_attr(x, "id", key);
        x_attr(x, "for", "edge");
        x_attr(x, "attr.name", edge_cols[k].name);
        x_attr(x, "attr.type", graphml_type(edge_cols[k].type));
        x_end(x);
    }
    x_start(x, "graph");
    x_attr(x, "id", "G");
    x_attr(x, "edgedefault", "directed");
    x_start(x, "data");
    x_attr(x, "key", "g_title");
    x_text(x, ent_graph_title(g));
    x_end(x);
    for (size_t i = 0, na = ent_graph_actor_count(g); i < na && !x->failed; i++) {
        if (!s->actor[i])
            continue;
        const ent_actor *a = ent_graph_actor(g, i);
        x_start(x, "node");
        x_attr(x, "id", a->id);
        x_start(x, "data");
        x_attr(x, "key", "n_label");
        x_text(x, a->name);
        x_end(x);
        for (int k = 0; k < N_COUNT; k++) {
            node_value(val, a, k);
            snprintf(key, sizeof key, "n_%s", node_cols[k].name);
            x_start(x, "data");
            x_attr(x, "key", key);
            x_text(x, ent_strbuf_str(val));
            x_end(x);
        }
        x_end(x);
    }
    for (size_t i = 0, nr = ent_graph_relation_count(g); i < nr && !x->failed; i++) {
        if (!s->rel[i])
            continue;
        const ent_relation *r = ent_graph_relation(g, i);
        x_start(x, "edge");
        snprintf(num, sizeof num, "e%zu", i);
        x_attr(x, "id", num);
        x_attr(x, "source", ent_graph_actor(g, r->source)->id);
        x_attr(x, "target", ent_graph_actor(g, r->target)->id);
        fmt_double(num, sizeof num, r->intensity);
        x_start(x, "data");
        x_attr(x, "key", "e_weight");
        x_text(x, num);
        x_end(x);
        for (int k = 0; k < E_COUNT; k++) {
            edge_value(val, g, r, k);
            snprintf(key, sizeof key, "e_%s", edge_cols[k].name);
            x_start(x, "data");
            x_attr(x, "key", key);
            x_text(x, ent_strbuf_str(val));
            x_end(x);
        }
        x_end(x);
    }
    x_end(x); /* graph */
    x_end(x); /* graphml */
}

/* The output callbacks: libxml2 writes through them to the caller's FILE. */
static int xml_write(void *ctx, const char *buf, int len)
{
    return fwrite(buf, 1, (size_t)len, ctx) == (size_t)len ? len : -1;
}

static int xml_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* libxml2 prints its own "I/O error" lines through its generic error handler;
 * the library never prints, and the caller reports the failure once. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int write_xml(FILE *out, const sel *s, ent_export_format f)
{
    xw x = {NULL, ENT_STRBUF_INIT, 0};
    ent_strbuf val = ENT_STRBUF_INIT;
    int rc = 0;
    xmlGenericErrorFunc old_handler = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, xml_quiet);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(xml_write, xml_close, out, NULL);
    x.w = ob ? xmlNewTextWriter(ob) : NULL; /* owns ob from here, even on failure */
    if (!x.w) {
        xmlSetGenericErrorFunc(old_ctx, old_handler);
        return ent_error_set(ENT_ENOMEM, "out of memory starting the XML writer");
    }
    if (xmlTextWriterSetIndent(x.w, 1) < 0 || xmlTextWriterSetIndentString(x.w, BAD_CAST "  ") < 0 ||
        xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
        x.failed = 1;
    if (f == ENT_EXPORT_GRAPHML)
        graphml_body(&x, s, &val);
    else
        gexf_body(&x, s, f == ENT_EXPORT_GEXF, &val);
    if (!x.failed && xmlTextWriterEndDocument(x.w) < 0)
        x.failed = 1;
    if (!x.failed && xmlTextWriterFlush(x.w) < 0)
        x.failed = 1;
    xmlFreeTextWriter(x.w);
    xmlSetGenericErrorFunc(old_ctx, old_handler);
    if (x.tmp.failed || val.failed)
        rc = ent_error_set(ENT_ENOMEM, "out of memory writing the XML");
    else if (x.failed || ferror(out))
        rc = ent_error_set(ENT_EIO, "cannot write the %s: %s", ent_export_format_name(f),
                           strerror(errno ? errno : EIO));
    ent_strbuf_release(&x.tmp);
    ent_strbuf_release(&val);
    return rc;
}

/* ---------------------------------------------------------------------------
 * Node-link JSON
 * ------------------------------------------------------------------------- */

static void json_value(FILE *out, col_type t, const char *text)
{
    if (t == T_STRING)
        ent_json_quote(out, text);
    else
        fputs(text, out); /* numbers and true/false as written */
}

static void json_list(FILE *out, const char *const *v, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", out);
        ent_json_quote(out, v[i]);
    }
    fputc(']', out);
}

static int write_json(FILE *out, const sel *s)
{
    const ent_graph *g = s->g;
    ent_strbuf val = ENT_STRBUF_INIT;
    char num[32];
    int first = 1;
    fputs("{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {\"title\": ", out);
    ent_json_quote(out, ent_graph_title(g));
    fputs(", \"format\": \"entente/1\"},\n  \"nodes\": [", out);
    for (size_t i = 0, na = ent_graph_actor_count(g); i < na; i++) {
        if (!s->actor[i])
            continue;
        const ent_actor *a = ent_graph_actor(g, i);
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", out);
        first = 0;
        ent_json_quote(out, a->id);
        fputs(", \"label\": ", out);
        ent_json_quote(out, a->name);
        for (int k = 0; k < N_COUNT; k++) {
            fprintf(out, ", \"%s\": ", node_cols[k].name);
            if (k == N_ALIASES || k == N_TAGS) {
                json_list(out, k == N_ALIASES ? a->aliases : a->tags,
                          k == N_ALIASES ? a->n_aliases : a->n_tags);
                continue;
            }
            node_value(&val, a, k);
            json_value(out, node_cols[k].type, ent_strbuf_str(&val));
        }
        fputc('}', out);
    }
    fputs(first ? "],\n  \"links\": [" : "\n  ],\n  \"links\": [", out);
    first = 1;
    for (size_t i = 0, nr = ent_graph_relation_count(g); i < nr; i++) {
        if (!s->rel[i])
            continue;
        const ent_relation *r = ent_graph_relation(g, i);
        fputs(first ? "\n    {\"source\": " : ",\n    {\"source\": ", out);
        first = 0;
        ent_json_quote(out, ent_graph_actor(g, r->source)->id);
        fputs(", \"target\": ", out);
        ent_json_quote(out, ent_graph_actor(g, r->target)->id);
        fmt_double(num, sizeof num, r->intensity);
        fprintf(out, ", \"key\": %zu, \"weight\": %s", i, num);
        for (int k = 0; k < E_COUNT; k++) {
            fprintf(out, ", \"%s\": ", edge_cols[k].name);
            if (k == E_EVIDENCE) {
                fputc('[', out);
                for (size_t e = 0; e < r->n_evidence; e++) {
                    if (e)
                        fputs(", ", out);
                    ent_json_quote(out, ent_graph_source(g, r->evidence[e].source)->id);
                }
                fputc(']', out);
                continue;
            }
            edge_value(&val, g, r, k);
            json_value(out, edge_cols[k].type, ent_strbuf_str(&val));
        }
        fputc('}', out);
    }
    fputs(first ? "]\n}\n" : "\n  ]\n}\n", out);
    int failed = val.failed;
    ent_strbuf_release(&val);
    if (failed)
        return ent_error_set(ENT_ENOMEM, "out of memory writing the JSON graph");
    return 0;
}

/* ---------------------------------------------------------------------------
 * CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote, a line break or leading or trailing space)
 * ------------------------------------------------------------------------- */

static void csv_field(FILE *out, const char *s)
{
    size_t n = strlen(s);
    int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (const char *p = s; *p && !quote; p++)
        quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static int write_csv(FILE *out, const sel *s, int edges)
{
    const ent_graph *g = s->g;
    ent_strbuf val = ENT_STRBUF_INIT;
    char num[32];
    if (!edges) {
        fputs("id,name", out);
        for (int k = 0; k < N_COUNT; k++)
            fprintf(out, ",%s", node_cols[k].name);
        fputs("\r\n", out);
        for (size_t i = 0, na = ent_graph_actor_count(g); i < na; i++) {
            if (!s->actor[i])
                continue;
            const ent_actor *a = ent_graph_actor(g, i);
            csv_field(out, a->id);
            fputc(',', out);
            csv_field(out, a->name);
            for (int k = 0; k < N_COUNT; k++) {
                node_value(&val, a, k);
                fputc(',', out);
                csv_field(out, ent_strbuf_str(&val));
            }
            fputs("\r\n", out);
        }
    } else {
        fputs("edge,source,target,weight", out);
        for (int k = 0; k < E_COUNT; k++)
            fprintf(out, ",%s", edge_cols[k].name);
        fputs("\r\n", out);
        for (size_t i = 0, nr = ent_graph_relation_count(g); i < nr; i++) {
            if (!s->rel[i])
                continue;
            const ent_relation *r = ent_graph_relation(g, i);
            fprintf(out, "%zu,", i);
            csv_field(out, ent_graph_actor(g, r->source)->id);
            fputc(',', out);
            csv_field(out, ent_graph_actor(g, r->target)->id);
            fmt_double(num, sizeof num, r->intensity);
            fprintf(out, ",%s", num);
            for (int k = 0; k < E_COUNT; k++) {
                edge_value(&val, g, r, k);
                fputc(',', out);
                csv_field(out, ent_strbuf_str(&val));
            }
            fputs("\r\n", out);
        }
    }
    int failed = val.failed;
    ent_strbuf_release(&val);
    if (failed)
        return ent_error_set(ENT_ENOMEM, "out of memory writing the CSV table");
    return 0;
}

/* ---------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------- */

const char *ent_export_format_name(ent_export_format f)
{
    static const char *const names[ENT_EXPORT_FORMAT_COUNT_] = {
        "gexf", "gexf-1.2", "graphml", "json-graph", "csv", "csv"};
    return (unsigned)f < ENT_EXPORT_FORMAT_COUNT_ ? names[f] : "unknown";
}

void ent_export_options_init(ent_export_options *o)
{
    *o = (ent_export_options)ENT_EXPORT_OPTIONS_INIT;
}

int ent_export_write(FILE *out, const ent_graph *g, ent_export_format f,
                     const ent_export_options *o)
{
    static const ent_export_options none = ENT_EXPORT_OPTIONS_INIT;
    if (!out || !g || (unsigned)f >= ENT_EXPORT_FORMAT_COUNT_)
        return ent_error_set(ENT_EUSAGE, "ent_export_write: no output, no graph or no such format");
    if (o && ent__options_version(o->version, ENT_EXPORT_OPTIONS_VERSION, "ent_export_options"))
        return ENT_EUSAGE;
    if (o && o->keep &&
        ent__options_version(o->keep->version, ENT_VIEW_OPTIONS_VERSION, "ent_view_options"))
        return ENT_EUSAGE;
    sel s = {0};
    int rc = select_parts(&s, g, o ? o : &none);
    if (rc == 0) {
        errno = 0;
        switch (f) {
        case ENT_EXPORT_GEXF:
        case ENT_EXPORT_GEXF12:
        case ENT_EXPORT_GRAPHML:
            rc = write_xml(out, &s, f);
            break;
        case ENT_EXPORT_JSON_GRAPH:
            rc = write_json(out, &s);
            break;
        default:
            rc = write_csv(out, &s, f == ENT_EXPORT_CSV_EDGES);
            break;
        }
        if (rc == 0 && ferror(out))
            rc = ent_error_set(ENT_EIO, "cannot write the %s: %s", ent_export_format_name(f),
                               strerror(errno ? errno : EIO));
    }
    sel_release(&s);
    return rc;
}
