/*
 * common.c: shared helpers of the passes: the note every analysis table
 * carries, the order of ranked actors, the decimals of each metric.
 */
#include <math.h>
#include <stdio.h>
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
