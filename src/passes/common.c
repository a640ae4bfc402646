/*
 * common.c: shared helpers of the passes: the note every analysis table
 * carries, the order of ranked actors, the decimals of each metric.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "util/error.h"

int ent__metric_decimals(ent_metric m)
{
    if (m == ENT_METRIC_COOPERATION_RANK || m == ENT_METRIC_PRESSURE)
        return 8;
    if (m == ENT_METRIC_LEVERAGE)
        return 3;
    return m == ENT_METRIC_PN ? 6 : 2;
}

void ent__rules_text(ent_strbuf *sb, const ent_graph *g, const ent_view_options *o)
{
    ent_strbuf_addf(sb, "durable relations in force on the day, events of the last %d days",
                    (int)(o->window_days < 1 ? 1 : o->window_days));
    if (o->half_life_days > 0)
        ent_strbuf_addf(sb, " with a half-life of %g days", o->half_life_days);
    else
        ent_strbuf_adds(sb, " at full weight");
    if (o->status_mask != (1u << ENT_STATUS_COUNT_) - 1) {
        ent_strbuf_adds(sb, "; statuses kept:");
        for (int k = 0; k < ENT_STATUS_COUNT_; k++)
            if (o->status_mask & (1u << k))
                ent_strbuf_addf(sb, " %s", ent_status_str((ent_status)k));
    }
    for (size_t i = 0; i < o->n_exclude; i++)
        ent_strbuf_addf(sb, "%s%s", i ? ", " : "; claims left out: ",
                        ent_graph_actor(g, o->exclude_claims_by[i])->id);
    for (size_t k = 0, n = 0; o->source_kinds && k < ent_graph_source_kind_count(g); k++)
        if (o->source_kinds & (1u << k))
            ent_strbuf_addf(sb, "%s%s",
                            n++ ? ", " : "; only relations with evidence from sources of kind ",
                            ent_graph_source_kind(g, k));
}

void ent__view_note(tb *b, const ent_view *v)
{
    const ent_graph *g = ent_view_graph(v);
    ent_strbuf sb = ENT_STRBUF_INIT;
    ent_strbuf_adds(&sb, "snapshot rules: ");
    ent__rules_text(&sb, g, ent_view_opts(v));
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
        ent__tb_note(b, ent_strbuf_str(&sb));
    ent_strbuf_release(&sb);
}

int ent__keyed_cmp(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->actor > b->actor) - (a->actor < b->actor);
}

/* Whether actor y with value vy ranks above actor x with value vx: a higher value,
 * or the same value and earlier in the graph files. */
static int ranks_above(double vy, uint32_t y, double vx, uint32_t x)
{
    return vy > vx || (vy == vx && y < x);
}

/* Best rank first; the same actor twice by the caller's place. */
static int by_rank(const void *p, const void *q)
{
    const rank_key *a = p, *b = q;
    if (ranks_above(a->value, a->actor, b->value, b->actor))
        return -1;
    if (ranks_above(b->value, b->actor, a->value, a->actor))
        return 1;
    return (a->at > b->at) - (a->at < b->at);
}

void ent__rank_keys(rank_key *keys, size_t nk, const double *values, size_t na,
                    int (*present)(const void *ctx, uint32_t actor), const void *ctx,
                    size_t *hits)
{
    /* Undefined values first (rank 1), out of the order the bisection needs. */
    size_t first = 0;
    for (size_t i = 0; i < nk; i++)
        if (isnan(keys[i].value)) {
            rank_key t = keys[first];
            keys[first] = keys[i];
            keys[i] = t;
            keys[first++].value = 1;
        }
    rank_key *k = keys + first;
    size_t m = nk - first;
    if (!m)
        return;
    qsort(k, m, sizeof *k, by_rank);
    memset(hits, 0, (m + 1) * sizeof *hits);
    const rank_key *last = &k[m - 1];
    for (size_t y = 0; y < na; y++) {
        double vy = values[y];
        if (!ranks_above(vy, (uint32_t)y, last->value, last->actor) || !present(ctx, (uint32_t)y))
            continue;
        size_t lo = 0, hi = m - 1; /* the first key y ranks above */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ranks_above(vy, (uint32_t)y, k[mid].value, k[mid].actor))
                hi = mid;
            else
                lo = mid + 1;
        }
        hits[lo]++;
    }
    size_t above = 0;
    for (size_t j = 0; j < m; j++) {
        above += hits[j];
        k[j].value = (double)(above + 1);
    }
}
