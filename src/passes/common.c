/*
 * common.c: shared helpers of the passes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "util/error.h"

void describe_relation(const ent_graph *g, uint32_t r, ent_strbuf *out)
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

void describe_edge(const ent_graph *g, const ent_edge *e, ent_strbuf *out)
{
    for (size_t i = 0; e && i < e->n_relations; i++) {
        if (i)
            ent_strbuf_adds(out, "; ");
        describe_relation(g, e->relations[i], out);
    }
}

size_t describe_own(const ent_graph *g, const ent_edge *e, ent_strbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; e && i < e->n_relations; i++) {
        if (ent_graph_relation(g, e->relations[i])->source != e->source)
            continue;
        if (n++)
            ent_strbuf_adds(out, "; ");
        describe_relation(g, e->relations[i], out);
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

void describe_tie(const ent_view *v, uint32_t x, uint32_t y, ent_strbuf *sb)
{
    const ent_graph *g = ent_view_graph(v);
    const ent_edge *e1 = ent_view_find_edge(v, x, y), *e2 = ent_view_find_edge(v, y, x);
    int first = 1;
    if (count_own(g, e1)) {
        ent_strbuf_addf(sb, "%s->%s: ", ent_graph_actor(g, x)->id, ent_graph_actor(g, y)->id);
        describe_own(g, e1, sb);
        first = 0;
    }
    if (count_own(g, e2)) {
        ent_strbuf_addf(sb, "%s%s->%s: ", first ? "" : " | ", ent_graph_actor(g, y)->id,
                        ent_graph_actor(g, x)->id);
        describe_own(g, e2, sb);
    }
}

/*
 * The stance a relation takes for "backed" and "opposed": the sign of its
 * intensity, except that some cooperative acts back nobody, by their role:
 * a request for help (seeks) or a surrender (yields) makes the source rely
 * on or give way to the target, a mediation (brokers) stands between
 * parties, and contact or agreement (engages: a call, a meeting, a
 * negotiation, a ceasefire) takes no side, unless it is cooperation in the
 * family "support" (a partnership, cooperation in a course of action).
 * docs/analyses.md states the rule.
 */
int relation_stance(const ent_graph *g, const ent_relation *rel)
{
    const ent_reltype *t = ent_graph_type(g, rel->type);
    if (rel->intensity > 0 &&
        (t->role == ENT_ROLE_SEEKS || t->role == ENT_ROLE_YIELDS || t->role == ENT_ROLE_BROKERS ||
         (t->role == ENT_ROLE_ENGAGES && strcmp(t->family, "support") != 0)))
        return 0;
    return (rel->intensity > 0) - (rel->intensity < 0);
}

int32_t type_by_id(const ent_graph *g, const char *id)
{
    for (size_t t = 0; t < ent_graph_type_count(g); t++)
        if (strcmp(ent_graph_type(g, t)->id, id) == 0)
            return (int32_t)t;
    return -1;
}

int has_type(const ent_graph *g, const ent_edge *e, int32_t type)
{
    for (size_t k = 0; type >= 0 && k < e->n_relations; k++)
        if ((int32_t)ent_graph_relation(g, e->relations[k])->type == type)
            return 1;
    return 0;
}

void describe_evidence(const ent_graph *g, const ent_edge *e, ent_strbuf *out)
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

void walk_pairs(const ent_view *a, const ent_view *b, pair_fn fn, void *ud)
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

const char *pair_change(const ent_edge *x, const ent_edge *y)
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

void tb_row(tb *b)
{
    if (!b->rc)
        b->rc = ent_table_add_row(b->t);
}

void tb_str(tb *b, size_t col, const char *s)
{
    if (!b->rc)
        b->rc = ent_table_set_string(b->t, col, s);
}

void tb_int(tb *b, size_t col, long long v)
{
    if (!b->rc)
        b->rc = ent_table_set_int(b->t, col, v);
}

void tb_real(tb *b, size_t col, double v)
{
    if (!b->rc)
        b->rc = ent_table_set_real(b->t, col, v);
}

void tb_col(tb *b, const char *name, ent_coltype type, int decimals)
{
    if (!b->rc)
        b->rc = ent_table_add_column(b->t, name, type, decimals);
}

void tb_note(tb *b, const char *note)
{
    if (!b->rc)
        b->rc = ent_table_add_note(b->t, note);
}

char *day_str(int32_t day, char *buf)
{
    return ent_date_format(ent_date_from_day(day), buf);
}

int metric_decimals(ent_metric m)
{
    if (m == ENT_METRIC_COOPERATION_RANK || m == ENT_METRIC_PRESSURE)
        return 8;
    if (m == ENT_METRIC_LEVERAGE)
        return 3;
    return m == ENT_METRIC_PN ? 6 : 2;
}

void view_note(tb *b, const ent_view *v)
{
    const ent_view_options *o = ent_view_opts(v);
    const ent_graph *g = ent_view_graph(v);
    ent_strbuf sb = ENT_STRBUF_INIT;
    ent_strbuf_addf(
        &sb, "snapshot rules: durable relations in force on the day, events of the last %d days",
        (int)o->window_days);
    if (o->half_life_days > 0)
        ent_strbuf_addf(&sb, " with a half-life of %g days", o->half_life_days);
    else
        ent_strbuf_adds(&sb, " at full weight");
    if (o->status_mask != (1u << ENT_STATUS_COUNT_) - 1) {
        ent_strbuf_adds(&sb, "; statuses kept:");
        for (int k = 0; k < ENT_STATUS_COUNT_; k++)
            if (o->status_mask & (1u << k))
                ent_strbuf_addf(&sb, " %s", ent_status_str((ent_status)k));
    }
    for (size_t i = 0; i < o->n_exclude; i++)
        ent_strbuf_addf(&sb, "%s%s", i ? ", " : "; claims left out: ",
                        ent_graph_actor(g, o->exclude_claims_by[i])->id);
    for (size_t k = 0, n = 0; o->source_kinds && k < ent_graph_source_kind_count(g); k++)
        if (o->source_kinds & (1u << k))
            ent_strbuf_addf(&sb, "%s%s",
                            n++ ? ", " : "; only relations with evidence from sources of kind ",
                            ent_graph_source_kind(g, k));
    size_t nu = ent_view_uncertain_count(v);
    if (nu) {
        ent_strbuf_addf(&sb,
                        "; %zu event%s counted although %s partial date reaches back before the "
                        "window (it may have happened before it): ",
                        nu, nu == 1 ? "" : "s", nu == 1 ? "its" : "their");
        for (size_t i = 0; i < nu && i < 20; i++) {
            uint32_t r = ent_view_uncertain(v, i);
            const ent_relation *rel = ent_graph_relation(g, r);
            if (i)
                ent_strbuf_adds(&sb, ", ");
            if (rel->id[0])
                ent_strbuf_adds(&sb, rel->id);
            else
                ent_strbuf_addf(&sb, "%s:%u", ent_graph_file(g, rel->loc.file),
                                (unsigned)rel->loc.line);
        }
        if (nu > 20)
            ent_strbuf_addf(&sb, " and %zu more", nu - 20);
    }
    if (sb.failed) { /* a table without its rules would be a different answer */
        if (!b->rc)
            b->rc = ent_error_set(ENT_ENOMEM, "out of memory writing the note on the snapshot rules");
    } else
        tb_note(b, ent_strbuf_str(&sb));
    ent_strbuf_release(&sb);
}

int keyed_cmp(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->actor > b->actor) - (a->actor < b->actor);
}
