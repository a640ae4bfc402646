/*
 * edges.c: reading a view's edges: the relations behind an edge described
 * for a table cell or a tooltip, whether an edge carries a type, and two
 * views' edges walked side by side. Shared by the analyses, the diagrams
 * and the report, which is why it lives with the view and not with them.
 */
#include <math.h>
#include <string.h>

#include "model/model.h"
#include "snapshot/edges.h"

void ent__describe_relation(const ent_graph *g, uint32_t r, ent_strbuf *out)
{
    const ent_relation *rel = ent_graph_relation(g, r);
    const ent_reltype *t = ent_graph_type(g, rel->type);
    char d1[11], d2[11];
    if (rel->id[0])
        ent_strbuf_adds(out, rel->id);
    else
        ent_strbuf_addf(out, "%s:%u", ent_graph_file(g, rel->loc.file), (unsigned)rel->loc.line);
    ent_strbuf_addf(out, " %s", t->id);
    if (!t->durable)
        ent_strbuf_addf(out, " %s", ent_date_format(rel->at, d1));
    else if (rel->from.year || rel->to.year)
        ent_strbuf_addf(out, " %s..%s", ent_date_format(rel->from, d1),
                        ent_date_format(rel->to, d2));
    if (rel->status == ENT_STATUS_CLAIMED || rel->status == ENT_STATUS_DISPUTED) {
        ent_strbuf_addf(out, " [%s", ent_status_str(rel->status));
        if (rel->claimed_by != ENT_NO_ACTOR)
            ent_strbuf_addf(out, " by %s", ent_graph_actor(g, rel->claimed_by)->id);
        ent_strbuf_adds(out, "]");
    }
}

void ent__describe_edge(const ent_graph *g, const ent_edge *e, ent_strbuf *out)
{
    for (size_t i = 0; e && i < e->n_relations; i++) {
        if (i)
            ent_strbuf_adds(out, "; ");
        ent__describe_relation(g, e->relations[i], out);
    }
}

size_t ent__describe_own(const ent_graph *g, const ent_edge *e, ent_strbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; e && i < e->n_relations; i++) {
        if (ent_graph_relation(g, e->relations[i])->source != e->source)
            continue;
        if (n++)
            ent_strbuf_adds(out, "; ");
        ent__describe_relation(g, e->relations[i], out);
    }
    return n;
}

static size_t count_own(const ent_graph *g, const ent_edge *e)
{
    size_t n = 0;
    for (size_t i = 0; e && i < e->n_relations; i++)
        n += ent_graph_relation(g, e->relations[i])->source == e->source;
    return n;
}

void ent__describe_tie(const ent_view *v, uint32_t x, uint32_t y, ent_strbuf *sb)
{
    const ent_graph *g = ent_view_graph(v);
    const ent_edge *e1 = ent_view_find_edge(v, x, y), *e2 = ent_view_find_edge(v, y, x);
    int first = 1;
    if (count_own(g, e1)) {
        ent_strbuf_addf(sb, "%s->%s: ", ent_graph_actor(g, x)->id, ent_graph_actor(g, y)->id);
        ent__describe_own(g, e1, sb);
        first = 0;
    }
    if (count_own(g, e2)) {
        ent_strbuf_addf(sb, "%s%s->%s: ", first ? "" : " | ", ent_graph_actor(g, y)->id,
                        ent_graph_actor(g, x)->id);
        ent__describe_own(g, e2, sb);
    }
}

void ent__describe_evidence(const ent_graph *g, const ent_edge *e, ent_strbuf *out)
{
    int first = 1;
    for (size_t i = 0; e && i < e->n_relations; i++) {
        const ent_relation *r = ent_graph_relation(g, e->relations[i]);
        for (size_t k = 0; k < r->n_evidence; k++) {
            const ent_evidence *ev = &r->evidence[k];
            ent_strbuf_adds(out, first ? "" : " | ");
            first = 0;
            ent_strbuf_adds(out, ent_graph_source(g, ev->source)->id);
            if (ev->locator[0])
                ent_strbuf_addf(out, " (%s)", ev->locator);
            if (ev->note[0])
                ent_strbuf_addf(out, ": %s", ev->note);
        }
    }
}

int ent__has_type(const ent_graph *g, const ent_edge *e, int32_t type)
{
    for (size_t k = 0; type >= 0 && k < e->n_relations; k++)
        if ((int32_t)ent_graph_relation(g, e->relations[k])->type == type)
            return 1;
    return 0;
}

void ent__walk_pairs(const ent_view *a, const ent_view *b, pair_fn fn, void *ud)
{
    size_t i = 0, j = 0, na = ent_view_edge_count(a), nb = ent_view_edge_count(b);
    while (i < na || j < nb) {
        const ent_edge *x = i < na ? ent_view_edge(a, i) : NULL;
        const ent_edge *y = j < nb ? ent_view_edge(b, j) : NULL;
        int order;
        if (!x)
            order = 1;
        else if (!y)
            order = -1;
        else if (x->source != y->source)
            order = x->source < y->source ? -1 : 1;
        else
            order = x->target < y->target ? -1 : x->target > y->target;
        if (order < 0) {
            fn(ud, x, NULL);
            i++;
        } else if (order > 0) {
            fn(ud, NULL, y);
            j++;
        } else {
            fn(ud, x, y);
            i++;
            j++;
        }
    }
}

static int sign_of(double w)
{
    return (w > 0) - (w < 0);
}

const char *ent__pair_change(const ent_edge *x, const ent_edge *y)
{
    if (x && !y)
        return "dissolved";
    if (!x && y)
        return "formed";
    if (!x)
        return NULL;
    if (sign_of(x->weight) != sign_of(y->weight) && sign_of(x->weight) && sign_of(y->weight))
        return "sign-flipped";
    if (fabs(x->positive - y->positive) > 1e-9 || fabs(x->negative - y->negative) > 1e-9)
        return "intensity";
    return NULL;
}
