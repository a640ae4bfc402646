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

    snprintf(title, sizeof title, "actors present on %s", ent__day_str(ent_view_day(v), day));
    tb a = {ent__table_new(title), ENT_OK};
    if (!a.t)
        return ENT_ENOMEM;
    ent__tb_col(&a, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&a, "name", ENT_COL_STRING, 0);
    ent__tb_col(&a, "kind", ENT_COL_STRING, 0);
    for (size_t i = 0; i < ent_graph_actor_count(g); i++) {
        if (!ent_view_has_actor(v, (uint32_t)i))
            continue;
        const ent_actor *x = ent_graph_actor(g, i);
        ent__tb_row(&a);
        ent__tb_str(&a, 0, x->id);
        ent__tb_str(&a, 1, x->name);
        ent__tb_str(&a, 2, ent_actor_kind_str(x->kind));
    }

    if (o->half_life_days > 0)
        snprintf(title, sizeof title,
                 "relations in force on %s (events of the last %d days, half-life %g days)", day,
                 (int)o->window_days, o->half_life_days);
    else
        snprintf(title, sizeof title, "relations in force on %s (events of the last %d days)", day,
                 (int)o->window_days);
    tb e = {ent__table_new(title), ENT_OK};
    if (!e.t) {
        ent_table_free(a.t);
        return ENT_ENOMEM;
    }
    ent__tb_col(&e, "source", ENT_COL_STRING, 0);
    ent__tb_col(&e, "target", ENT_COL_STRING, 0);
    ent__tb_col(&e, "weight", ENT_COL_REAL, 2);
    ent__tb_col(&e, "positive", ENT_COL_REAL, 2);
    ent__tb_col(&e, "negative", ENT_COL_REAL, 2);
    ent__tb_col(&e, "n", ENT_COL_INT, 0);
    ent__tb_col(&e, "relations", ENT_COL_STRING, 0);
    for (size_t i = 0; i < ent_view_edge_count(v); i++) {
        const ent_edge *x = ent_view_edge(v, i);
        ent__tb_row(&e);
        ent__tb_str(&e, 0, ent_graph_actor(g, x->source)->id);
        ent__tb_str(&e, 1, ent_graph_actor(g, x->target)->id);
        ent__tb_real(&e, 2, x->weight);
        ent__tb_real(&e, 3, x->positive);
        ent__tb_real(&e, 4, x->negative);
        ent__tb_int(&e, 5, (long long)x->n_relations);
        ent_strbuf_reset(&sb);
        ent__describe_edge(g, x, &sb);
        ent__tb_str(&e, 6, ent_strbuf_str(&sb));
    }
    ent__view_note(&e, v);
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
