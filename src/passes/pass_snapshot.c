/*
 * pass_snapshot.c: what is in force on a date: the actors present and the
 * aggregated edges with the relations behind each.
 */
#include <stdlib.h>

#include "entente/error.h"
#include "passes/common.h"

int ent_snapshot_tables(ent_table **actors, ent_table **edges, const ent_view *v)
{
    const ent_graph *g = ent_view_graph(v);
    char day[11], title[160];
    ent_strbuf sb = ENT_STRBUF_INIT;
    const ent_view_options *o = ent_view_opts(v);
    *actors = *edges = NULL;

    snprintf(title, sizeof title, "actors present on %s", day_str(ent_view_day(v), day));
    tb a = {ent_table_new(title), ENT_OK};
    if (!a.t)
        return ENT_ENOMEM;
    tb_col(&a, "actor", ENT_COL_STRING, 0);
    tb_col(&a, "name", ENT_COL_STRING, 0);
    tb_col(&a, "kind", ENT_COL_STRING, 0);
    for (size_t i = 0; i < ent_graph_actor_count(g); i++) {
        if (!ent_view_has_actor(v, (uint32_t)i))
            continue;
        const ent_actor *x = ent_graph_actor(g, i);
        tb_row(&a);
        tb_str(&a, 0, x->id);
        tb_str(&a, 1, x->name);
        tb_str(&a, 2, ent_actor_kind_str(x->kind));
    }

    if (o->half_life_days > 0)
        snprintf(title, sizeof title,
                 "relations in force on %s (events of the last %d days, half-life %g days)", day,
                 (int)o->window_days, o->half_life_days);
    else
        snprintf(title, sizeof title, "relations in force on %s (events of the last %d days)", day,
                 (int)o->window_days);
    tb e = {ent_table_new(title), ENT_OK};
    if (!e.t) {
        ent_table_free(a.t);
        return ENT_ENOMEM;
    }
    tb_col(&e, "source", ENT_COL_STRING, 0);
    tb_col(&e, "target", ENT_COL_STRING, 0);
    tb_col(&e, "weight", ENT_COL_REAL, 2);
    tb_col(&e, "positive", ENT_COL_REAL, 2);
    tb_col(&e, "negative", ENT_COL_REAL, 2);
    tb_col(&e, "n", ENT_COL_INT, 0);
    tb_col(&e, "relations", ENT_COL_STRING, 0);
    for (size_t i = 0; i < ent_view_edge_count(v); i++) {
        const ent_edge *x = ent_view_edge(v, i);
        tb_row(&e);
        tb_str(&e, 0, ent_graph_actor(g, x->source)->id);
        tb_str(&e, 1, ent_graph_actor(g, x->target)->id);
        tb_real(&e, 2, x->weight);
        tb_real(&e, 3, x->positive);
        tb_real(&e, 4, x->negative);
        tb_int(&e, 5, (long long)x->n_relations);
        ent_strbuf_reset(&sb);
        describe_edge(g, x, &sb);
        tb_str(&e, 6, ent_strbuf_str(&sb));
    }
    view_note(&e, v);
    int rc = a.rc ? a.rc : e.rc ? e.rc : sb.failed ? ENT_ENOMEM : ENT_OK;
    ent_strbuf_release(&sb);
    if (rc) {
        ent_table_free(a.t);
        ent_table_free(e.t);
        return rc;
    }
    *actors = a.t;
    *edges = e.t;
    return ENT_OK;
}
