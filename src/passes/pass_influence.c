/*
 * pass_influence.c: every metric for every actor present on a date, sorted
 * by the chosen metric (highest first, then by id).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "util/error.h"

void ent_influence_options_init(ent_influence_options *o)
{
    *o = (ent_influence_options)ENT_INFLUENCE_OPTIONS_INIT;
}

int ent_influence_table(ent_table **out, const ent_view *v, const ent_influence_options *opts)
{
    *out = NULL;
    if (opts &&
        ent__options_version(opts->version, ENT_INFLUENCE_OPTIONS_VERSION, "ent_influence_options"))
        return ENT_EUSAGE;
    const ent_graph *g = ent_view_graph(v);
    ent_metric sort = opts ? opts->metric : ENT_METRIC_LEVERAGE;
    size_t top = opts ? opts->top : 0;
    const uint32_t *bloc = opts ? opts->bloc : NULL;
    ent_metrics *m;
    *out = NULL;
    int rc = ent_metrics_compute(&m, v, 0);
    if (rc)
        return rc;
    size_t na = ent_graph_actor_count(g), n = 0;
    keyed *order = malloc((na ? na : 1) * sizeof *order);
    if (!order) {
        ent_metrics_free(m);
        return ent_error_set(ENT_ENOMEM, "out of memory for the influence table");
    }
    for (size_t a = 0; a < na; a++)
        if (ent_view_has_actor(v, (uint32_t)a)) {
            order[n].key = m->values[sort][a];
            order[n++].actor = (uint32_t)a;
        }
    qsort(order, n, sizeof *order, ent__keyed_cmp);

    char day[11], title[128];
    snprintf(title, sizeof title, "influence on %s, by %s", ent__day_str(ent_view_day(v), day),
             ent_metric_name(sort));
    tb t = {ent__table_new(title), ENT_OK};
    if (!t.t) {
        free(order);
        ent_metrics_free(m);
        return ent_error_set(ENT_ENOMEM, "out of memory for the influence table");
    }
    ent__tb_col(&t, "rank", ENT_COL_INT, 0);
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    for (int k = 0; k < ENT_METRIC_COUNT_; k++)
        ent__tb_col(&t, ent_metric_name((ent_metric)k), ENT_COL_REAL,
                    ent__metric_decimals((ent_metric)k));
    if (bloc)
        ent__tb_col(&t, "bloc", ENT_COL_INT, 0);
    for (size_t i = 0; i < n && (!top || i < top); i++) {
        const ent_actor *a = ent_graph_actor(g, order[i].actor);
        ent__tb_row(&t);
        ent__tb_int(&t, 0, (long long)i + 1);
        ent__tb_str(&t, 1, a->id);
        ent__tb_str(&t, 2, a->name);
        for (int k = 0; k < ENT_METRIC_COUNT_; k++)
            ent__tb_real(&t, 3 + (size_t)k, m->values[k][order[i].actor]);
        if (bloc)
            ent__tb_int(&t, 3 + ENT_METRIC_COUNT_, bloc[order[i].actor]);
    }
    if (bloc)
        ent__tb_note(&t,
                     "bloc: the actor's bloc on the day, as 'entente blocs' numbers them (0: no "
                     "signed tie that day)");
    ent__view_note(&t, v);
    free(order);
    ent_metrics_free(m);
    if (t.rc) {
        ent_table_free(t.t);
        return t.rc;
    }
    *out = t.t;
    return ENT_OK;
}
