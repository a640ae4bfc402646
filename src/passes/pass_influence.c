/*
 * pass_influence.c: every metric for every actor present on a date, sorted
 * by the chosen metric (highest first, then by id).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"

typedef struct sort_ctx {
    const ent_graph *g;
    const double *key;
} sort_ctx;

static sort_ctx by_value_ctx;

static int by_value(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    double ka = by_value_ctx.key[a], kb = by_value_ctx.key[b];
    if (ka != kb)
        return ka > kb ? -1 : 1;
    return strcmp(ent_graph_actor(by_value_ctx.g, a)->id, ent_graph_actor(by_value_ctx.g, b)->id);
}

int ent_influence_table(ent_table **out, const ent_view *v, const ent_analysis_options *opts)
{
    const ent_graph *g = ent_view_graph(v);
    ent_metric sort = opts ? opts->metric : ENT_METRIC_INFLUENCE;
    size_t top = opts ? opts->top : 0;
    ent_metrics *m;
    *out = NULL;
    int rc = ent_metrics_compute(&m, v, 0);
    if (rc)
        return rc;
    size_t na = ent_graph_actor_count(g), n = 0;
    uint32_t *order = malloc((na ? na : 1) * sizeof *order);
    if (!order) {
        ent_metrics_free(m);
        return ENT_ENOMEM;
    }
    for (size_t a = 0; a < na; a++)
        if (ent_view_has_actor(v, (uint32_t)a))
            order[n++] = (uint32_t)a;
    by_value_ctx.g = g;
    by_value_ctx.key = m->values[sort];
    qsort(order, n, sizeof *order, by_value);

    char day[11], title[128];
    snprintf(title, sizeof title, "influence on %s, by %s", day_str(ent_view_day(v), day),
             ent_metric_name(sort));
    tb t = {ent_table_new(title), ENT_OK};
    if (!t.t) {
        free(order);
        ent_metrics_free(m);
        return ENT_ENOMEM;
    }
    tb_col(&t, "rank", ENT_COL_INT, 0);
    tb_col(&t, "actor", ENT_COL_STRING, 0);
    tb_col(&t, "name", ENT_COL_STRING, 0);
    for (int k = 0; k < ENT_METRIC_COUNT_; k++)
        tb_col(&t, ent_metric_name((ent_metric)k), ENT_COL_REAL, metric_decimals((ent_metric)k));
    for (size_t i = 0; i < n && (!top || i < top); i++) {
        const ent_actor *a = ent_graph_actor(g, order[i]);
        tb_row(&t);
        tb_int(&t, 0, (long long)i + 1);
        tb_str(&t, 1, a->id);
        tb_str(&t, 2, a->name);
        for (int k = 0; k < ENT_METRIC_COUNT_; k++)
            tb_real(&t, 3 + (size_t)k, m->values[k][order[i]]);
    }
    free(order);
    ent_metrics_free(m);
    if (t.rc) {
        ent_table_free(t.t);
        return t.rc;
    }
    *out = t.t;
    return ENT_OK;
}
