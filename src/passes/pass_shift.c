/*
 * pass_shift.c: how a metric changed for each actor between two dates, with
 * each actor's rank on both dates. Rows are ordered by the size of the
 * change, largest first, then by id.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "util/error.h"

typedef struct shift_row {
    uint32_t actor;
    double before, after, change;
    double rank_before, rank_after; /* NaN when absent */
} shift_row;

static int by_change(const void *x, const void *y)
{
    const shift_row *a = x, *b = y;
    double ca = fabs(a->change), cb = fabs(b->change);
    if (ca != cb)
        return ca > cb ? -1 : 1;
    return (a->actor > b->actor) - (a->actor < b->actor);
}

/*
 * Ranks on view v (1 = highest value, ties in graph order; NaN for an actor
 * absent from v) of the actors of rows[0 .. k), into their rank_before or,
 * when `after`, rank_after. O(actors * log k + k log k). 0, or -1 when out
 * of memory.
 */
static int has_actor(const void *v, uint32_t actor)
{
    return ent_view_has_actor(v, actor);
}

static int count_ranks(const ent_view *v, const double *values, shift_row *rows, size_t k,
                       int after)
{
    size_t na = ent_graph_actor_count(ent_view_graph(v)), nk = 0;
    rank_key *key = malloc((k ? k : 1) * sizeof *key);
    size_t *cnt = malloc((k + 1) * sizeof *cnt);
    if (!key || !cnt) {
        free(key);
        free(cnt);
        return -1;
    }
    for (size_t i = 0; i < k; i++) {
        if (ent_view_has_actor(v, rows[i].actor))
            key[nk++] = (rank_key){values[rows[i].actor], rows[i].actor, (uint32_t)i};
        *(after ? &rows[i].rank_after : &rows[i].rank_before) = NAN;
    }
    ent__rank_keys(key, nk, values, na, has_actor, v, cnt);
    for (size_t j = 0; j < nk; j++)
        *(after ? &rows[key[j].at].rank_after : &rows[key[j].at].rank_before) = key[j].value;
    free(key);
    free(cnt);
    return 0;
}

/* The row among the first k that by_change puts last. */
static size_t worst_of(const shift_row *rows, size_t k)
{
    size_t worst = 0;
    for (size_t j = 1; j < k; j++)
        if (by_change(&rows[j], &rows[worst]) > 0)
            worst = j;
    return worst;
}

/* Moves the `k` rows that by_change puts first to the front (in any order).
 * O(n + k * replacements): meant for small k. */
static void select_top(shift_row *rows, size_t n, size_t k)
{
    size_t worst = worst_of(rows, k);
    for (size_t i = k; i < n; i++) {
        if (by_change(&rows[i], &rows[worst]) >= 0)
            continue;
        shift_row t = rows[worst];
        rows[worst] = rows[i];
        rows[i] = t;
        worst = worst_of(rows, k);
    }
}

/* ranks[a] = 1-based rank of actor a by values (highest first), NaN if absent. */
static int rank_actors(const ent_graph *g, const ent_view *v, const double *values, double *ranks)
{
    size_t na = ent_graph_actor_count(g), n = 0;
    keyed *order = malloc((na ? na : 1) * sizeof *order);
    if (!order)
        return ent_error_set(ENT_ENOMEM, "out of memory for the shift table");
    for (size_t a = 0; a < na; a++) {
        ranks[a] = NAN;
        if (ent_view_has_actor(v, (uint32_t)a)) {
            order[n].key = values[a];
            order[n++].actor = (uint32_t)a;
        }
    }
    qsort(order, n, sizeof *order, ent__keyed_cmp);
    for (size_t i = 0; i < n; i++)
        ranks[order[i].actor] = (double)(i + 1);
    free(order);
    return ENT_OK;
}

/* One metric computation, run on a thread of its own. */
typedef struct metric_job {
    ent_metrics *m;
    const ent_view *v;
    unsigned mask;
    int rc;
} metric_job;

static void *run_metric_job(void *arg)
{
    metric_job *j = arg;
    j->rc = ent_metrics_compute(&j->m, j->v, j->mask);
    return NULL;
}

/* Whether `m` is computed without igraph, which is not thread-safe. */
static int metric_threadable(ent_metric m)
{
    return m == ENT_METRIC_LEVERAGE || m == ENT_METRIC_POS_IN || m == ENT_METRIC_POS_OUT ||
           m == ENT_METRIC_NEG_IN || m == ENT_METRIC_NEG_OUT || m == ENT_METRIC_NET_STANCE;
}

/*
 * The metric on both views: on two threads when it uses no igraph, else one
 * after the other. On failure the error message is this thread's (a failed
 * worker's computation is repeated here to get it).
 */
static int metrics_pair(ent_metrics **ma, ent_metrics **mb, const ent_view *a, const ent_view *b,
                        ent_metric metric)
{
    unsigned mask = 1u << metric;
    metric_job j = {NULL, a, mask, ENT_OK};
    pthread_t th;
    if (!metric_threadable(metric) || pthread_create(&th, NULL, run_metric_job, &j) != 0) {
        int rc = ent_metrics_compute(ma, a, mask);
        return rc ? rc : ent_metrics_compute(mb, b, mask);
    }
    int rc = ent_metrics_compute(mb, b, mask);
    pthread_join(th, NULL);
    *ma = j.m;
    if (!rc && j.rc)
        rc = ent_metrics_compute(ma, a, mask);
    return rc;
}

void ent_analysis_options_init(ent_analysis_options *o)
{
    *o = (ent_analysis_options)ENT_ANALYSIS_OPTIONS_INIT;
}

int ent_shift_table(ent_table **out, const ent_view *a, const ent_view *b,
                    const ent_analysis_options *opts)
{
    *out = NULL;
    if (opts &&
        ent__options_version(opts->version, ENT_ANALYSIS_OPTIONS_VERSION, "ent_analysis_options"))
        return ENT_EUSAGE;
    const ent_graph *g = ent_view_graph(a);
    ent_metric metric = opts ? opts->metric : ENT_METRIC_LEVERAGE;
    size_t top = opts ? opts->top : 0, na = ent_graph_actor_count(g), n = 0;
    ent_metrics *ma = NULL, *mb = NULL;
    double *ra = NULL, *rb = NULL;
    shift_row *rows = NULL;
    tb t = {NULL, ENT_OK};
    *out = NULL;
    int rc = metrics_pair(&ma, &mb, a, b, metric);
    if (rc)
        goto done;
    rows = malloc((na ? na : 1) * sizeof *rows);
    if (!rows) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory for the shift table");
        goto done;
    }
    for (size_t x = 0; x < na; x++) {
        if (!ent_view_has_actor(a, (uint32_t)x) && !ent_view_has_actor(b, (uint32_t)x))
            continue;
        shift_row *r = &rows[n++];
        r->actor = (uint32_t)x;
        r->before = ma->values[metric][x];
        r->after = mb->values[metric][x];
        /* An actor absent on one date counts as 0 there. */
        r->change = (isnan(r->after) ? 0 : r->after) - (isnan(r->before) ? 0 : r->before);
    }
    size_t shown = top && top < n ? top : n;
    if (shown * 32 < n) {
        /* A few rows of many: select them, then count each one's rank, rather
         * than sorting every actor three times. */
        select_top(rows, n, shown);
        qsort(rows, shown, sizeof *rows, by_change);
        if (count_ranks(a, ma->values[metric], rows, shown, 0) < 0 ||
            count_ranks(b, mb->values[metric], rows, shown, 1) < 0) {
            rc = ent_error_set(ENT_ENOMEM, "out of memory for the shift table");
            goto done;
        }
    } else {
        ra = malloc((na ? na : 1) * sizeof *ra);
        rb = malloc((na ? na : 1) * sizeof *rb);
        if (!ra || !rb || rank_actors(g, a, ma->values[metric], ra) ||
            rank_actors(g, b, mb->values[metric], rb)) {
            rc = ent_error_set(ENT_ENOMEM, "out of memory for the shift table");
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            rows[i].rank_before = ra[rows[i].actor];
            rows[i].rank_after = rb[rows[i].actor];
        }
        qsort(rows, n, sizeof *rows, by_change);
    }

    char d1[11], d2[11], title[160];
    snprintf(title, sizeof title, "shift of %s from %s to %s", ent_metric_name(metric),
             ent__day_str(ent_view_day(a), d1), ent__day_str(ent_view_day(b), d2));
    t.t = ent__table_new(title);
    if (!t.t) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory for the shift table");
        goto done;
    }
    int dec = ent__metric_decimals(metric);
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "before", ENT_COL_REAL, dec);
    ent__tb_col(&t, "after", ENT_COL_REAL, dec);
    ent__tb_col(&t, "change", ENT_COL_REAL, dec);
    ent__tb_col(&t, "rank_before", ENT_COL_REAL, 0);
    ent__tb_col(&t, "rank_after", ENT_COL_REAL, 0);
    ent__tb_col(&t, "rank_move", ENT_COL_REAL, 0);
    for (size_t i = 0; i < shown; i++) {
        const shift_row *r = &rows[i];
        const ent_actor *x = ent_graph_actor(g, r->actor);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, x->id);
        ent__tb_str(&t, 1, x->name);
        ent__tb_real(&t, 2, r->before);
        ent__tb_real(&t, 3, r->after);
        ent__tb_real(&t, 4, r->change);
        ent__tb_real(&t, 5, r->rank_before);
        ent__tb_real(&t, 6, r->rank_after);
        ent__tb_real(&t, 7, r->rank_before - r->rank_after); /* NaN when either is absent */
    }
    ent__tb_note(&t, "rank 1 is the highest value; rank_move > 0 means the actor rose");
    ent__view_note(&t, b);
    rc = t.rc;
done:
    free(ra);
    free(rb);
    free(rows);
    ent_metrics_free(ma);
    ent_metrics_free(mb);
    if (rc)
        ent_table_free(t.t);
    else
        *out = t.t;
    return rc;
}
