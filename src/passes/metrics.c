/*
 * metrics.c: the per-actor metrics. PageRank and betweenness come from
 * igraph; strengths and the PN index are computed here. igraph never sees a
 * negative weight: the backing and pressure graphs carry the positive and
 * the negative parts of the edges separately, as magnitudes (igraph 0.10.2
 * silently drops or garbles negative weights, see DEPENDENCIES.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "entente/error.h"
#include "passes/cache.h"
#include "passes/ig.h"
#include "passes/metrics.h"
#include "snapshot/cache.h"
#include "util/error.h"

static const char *const metric_names[ENT_METRIC_COUNT_] = {
    "leverage", "cooperation_rank", "pressure",   "pos_in",      "pos_out",
    "neg_in",   "neg_out",          "net_stance", "betweenness", "pn"};

const char *ent_metric_name(ent_metric m)
{
    return (unsigned)m < ENT_METRIC_COUNT_ ? metric_names[m] : "unknown";
}

int ent_metric_from_name(const char *name)
{
    for (int m = 0; m < ENT_METRIC_COUNT_; m++)
        if (strcmp(name, metric_names[m]) == 0)
            return m;
    return -1;
}

/* Builds an igraph graph of n vertices and m edges. */
static int make_graph(igraph_t *g, size_t n, const uint32_t *from, const uint32_t *to, size_t m,
                      int directed)
{
    igraph_vector_int_t edges;
    ent__igraph_quiet();
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS)
        return ENT_ENOMEM;
    for (size_t i = 0; i < m; i++) {
        VECTOR(edges)[2 * i] = from[i];
        VECTOR(edges)[2 * i + 1] = to[i];
    }
    igraph_error_t rc = igraph_create(g, &edges, (igraph_integer_t)n, directed);
    igraph_vector_int_destroy(&edges);
    return rc == IGRAPH_SUCCESS ? ENT_OK : rc == IGRAPH_ENOMEM ? ENT_ENOMEM : ENT_EINTERNAL;
}

int ent_pagerank(size_t n, const uint32_t *from, const uint32_t *to, const double *weights,
                 size_t m, int directed, double damping, double *out)
{
    ent__igraph_quiet();
    if (n == 0)
        return ENT_OK;
    igraph_t g;
    igraph_vector_t res, w;
    int rc = make_graph(&g, n, from, to, m, directed);
    if (rc)
        return ent_error_set(rc, "%s building the graph for PageRank",
                             rc == ENT_ENOMEM ? "out of memory" : "igraph failed");
    if (igraph_vector_init(&res, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    int have_w = weights != NULL;
    if (have_w && igraph_vector_init(&w, (igraph_integer_t)m) != IGRAPH_SUCCESS)
        have_w = -1;
    if (have_w < 0) {
        igraph_vector_destroy(&res);
        igraph_destroy(&g);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    for (size_t i = 0; have_w && i < m; i++)
        VECTOR(w)[i] = weights[i];
    igraph_real_t value;
    igraph_error_t e =
        igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(), directed,
                        damping, have_w ? &w : NULL, NULL);
    if (e == IGRAPH_SUCCESS)
        for (size_t i = 0; i < n; i++)
            out[i] = VECTOR(res)[i];
    if (have_w)
        igraph_vector_destroy(&w);
    igraph_vector_destroy(&res);
    igraph_destroy(&g);
    return e == IGRAPH_SUCCESS
               ? ENT_OK
               : ent_error_set(e == IGRAPH_ENOMEM ? ENT_ENOMEM : ENT_EINTERNAL,
                               "igraph PageRank failed: %s", igraph_strerror(e));
}

int ent_betweenness(size_t n, const uint32_t *from, const uint32_t *to, size_t m, int directed,
                    double *out)
{
    ent__igraph_quiet();
    if (n == 0)
        return ENT_OK;
    igraph_t g;
    igraph_vector_t res;
    int rc = make_graph(&g, n, from, to, m, directed);
    if (rc)
        return ent_error_set(rc, "%s building the graph for betweenness",
                             rc == ENT_ENOMEM ? "out of memory" : "igraph failed");
    if (igraph_vector_init(&res, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    igraph_error_t e = igraph_betweenness(&g, &res, igraph_vss_all(), directed, NULL);
    if (e == IGRAPH_SUCCESS)
        for (size_t i = 0; i < n; i++)
            out[i] = VECTOR(res)[i];
    igraph_vector_destroy(&res);
    igraph_destroy(&g);
    return e == IGRAPH_SUCCESS
               ? ENT_OK
               : ent_error_set(e == IGRAPH_ENOMEM ? ENT_ENOMEM : ENT_EINTERNAL,
                               "igraph betweenness failed: %s", igraph_strerror(e));
}

int ent_pn_index(size_t n, const uint32_t *from, const uint32_t *to, const int *sign, size_t m,
                 double *out)
{
    if (n == 0)
        return ENT_OK;
    for (size_t i = 0; i < n; i++)
        out[i] = 1.0;
    if (n == 1 || m == 0)
        return ENT_OK;
    /* Symmetric adjacency in CSR form: A = P - 2N. */
    size_t *start = calloc(n + 1, sizeof *start);
    uint32_t *nb = malloc(2 * m * sizeof *nb);
    double *a = malloc(2 * m * sizeof *a), *next = malloc(n * sizeof *next);
    int rc = ENT_OK;
    if (!start || !nb || !a || !next) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m; i++) {
        start[from[i] + 1]++;
        start[to[i] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    {
        size_t *fill = malloc(n * sizeof *fill);
        if (!fill) {
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
            goto done;
        }
        memcpy(fill, start, n * sizeof *fill);
        for (size_t i = 0; i < m; i++) {
            double v = sign[i] > 0 ? 1.0 : -2.0;
            nb[fill[from[i]]] = to[i];
            a[fill[from[i]]++] = v;
            nb[fill[to[i]]] = from[i];
            a[fill[to[i]]++] = v;
        }
        free(fill);
    }
    /* Jacobi iteration of x = 1 + c A x, c = 1 / (2n - 2): converges when the
     * spectral radius of cA is below 1, which degree <= n - 1 guarantees
     * except in an all-negative complete graph. */
    double c = 1.0 / (2.0 * (double)n - 2.0);
    int converged = 0;
    for (int it = 0; it < 100000 && !converged; it++) {
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            double s = 0;
            for (size_t k = start[i]; k < start[i + 1]; k++)
                s += a[k] * out[nb[k]];
            next[i] = 1.0 + c * s;
            double d = fabs(next[i] - out[i]);
            if (d > delta)
                delta = d;
        }
        memcpy(out, next, n * sizeof *out);
        converged = delta < 1e-13;
    }
    if (!converged)
        rc = ent_error_set(ENT_EINTERNAL, "the PN index did not converge");
done:
    free(start);
    free(nb);
    free(a);
    free(next);
    return rc;
}

/* ---------------------------------------------------------------------------
 * Edge lists
 * ------------------------------------------------------------------------- */

void ent__elist_release(elist *e)
{
    free(e->from);
    free(e->to);
    free(e->pos);
    free(e->neg);
    free(e->rel_to);
    free(e->rel_from);
    free(e->mirrored);
    memset(e, 0, sizeof *e);
}

/* Grows *items (of `elem` bytes each) to `cap` elements; 0 or -1 (unchanged). */
static int grow_to(void **items, size_t cap, size_t elem)
{
    void *p = realloc(*items, cap * elem);
    if (!p)
        return -1;
    *items = p;
    return 0;
}

int ent__elist_push(elist *e, uint32_t from, uint32_t to, double pos, double neg, double rel_to,
                    double rel_from, double mirrored)
{
    if (e->m == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        /* Each array keeps its old contents when another fails to grow. */
        if (grow_to((void **)&e->from, cap, sizeof *e->from) ||
            grow_to((void **)&e->to, cap, sizeof *e->to) ||
            grow_to((void **)&e->pos, cap, sizeof *e->pos) ||
            grow_to((void **)&e->neg, cap, sizeof *e->neg) ||
            grow_to((void **)&e->rel_to, cap, sizeof *e->rel_to) ||
            grow_to((void **)&e->rel_from, cap, sizeof *e->rel_from) ||
            grow_to((void **)&e->mirrored, cap, sizeof *e->mirrored))
            return ent_error_set(ENT_ENOMEM, "out of memory for the list of edges");
        e->cap = cap;
    }
    e->from[e->m] = from;
    e->to[e->m] = to;
    e->pos[e->m] = pos;
    e->neg[e->m] = neg;
    e->rel_to[e->m] = rel_to;
    e->rel_from[e->m] = rel_from;
    e->mirrored[e->m] = mirrored;
    e->m++;
    return ENT_OK;
}

int ent__elist_from_view(elist *e, uint32_t **map_out, uint32_t **back_out, const ent_view *v)
{
    const ent_graph *g = ent_view_graph(v);
    size_t na = ent_graph_actor_count(g);
    uint32_t *map = malloc((na ? na : 1) * sizeof *map);
    uint32_t *back = malloc((na ? na : 1) * sizeof *back);
    memset(e, 0, sizeof *e);
    if (!map || !back)
        goto oom;
    for (size_t a = 0; a < na; a++) {
        map[a] = UINT32_MAX;
        if (ent_view_has_actor(v, (uint32_t)a)) {
            back[e->n] = (uint32_t)a;
            map[a] = (uint32_t)e->n++;
        }
    }
    size_t m = ent_view_edge_count(v);
    if (m) { /* sized once: a million pushes would otherwise realloc twenty times */
        e->cap = m;
        e->from = malloc(m * sizeof *e->from);
        e->to = malloc(m * sizeof *e->to);
        e->pos = malloc(m * sizeof *e->pos);
        e->neg = malloc(m * sizeof *e->neg);
        e->rel_to = malloc(m * sizeof *e->rel_to);
        e->rel_from = malloc(m * sizeof *e->rel_from);
        e->mirrored = malloc(m * sizeof *e->mirrored);
        if (!e->from || !e->to || !e->pos || !e->neg || !e->rel_to || !e->rel_from || !e->mirrored)
            goto oom;
    }
    for (size_t i = 0; i < m; i++) {
        const ent_edge *x = ent_view_edge(v, i);
        double rt, rf;
        ent__edge_reliance(v, x, &rt, &rf);
        if (ent__elist_push(e, map[x->source], map[x->target], x->positive, x->negative, rt, rf,
                            x->mirrored))
            goto oom;
    }
    *map_out = map;
    *back_out = back;
    return ENT_OK;
oom:
    free(map);
    free(back);
    ent__elist_release(e);
    return ent_error_set(ENT_ENOMEM, "out of memory");
}

/* PageRank on the positive (sign > 0) or negative parts, each edge reversed. */
static int part_pagerank(const elist *e, int sign, double *out)
{
    uint32_t *f = malloc((e->m ? e->m : 1) * sizeof *f), *t = malloc((e->m ? e->m : 1) * sizeof *t);
    double *w = malloc((e->m ? e->m : 1) * sizeof *w);
    size_t k = 0;
    int rc = ENT_OK;
    if (!f || !t || !w)
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < e->m; i++) {
        double x = sign > 0 ? e->pos[i] : -e->neg[i];
        if (x > 0) {
            f[k] = e->to[i];   /* from the backed (or pressured) actor ... */
            t[k] = e->from[i]; /* ... to its backer (or presser) */
            w[k++] = x;
        }
    }
    if (!rc)
        rc = ent_pagerank(e->n, f, t, w, k, 1, 0.85, out);
    free(f);
    free(t);
    free(w);
    return rc;
}

typedef struct pair_weight {
    uint64_t key; /* (lower vertex << 32) | higher vertex */
    double weight;
} pair_weight;

static int by_key(const void *x, const void *y)
{
    uint64_t a = ((const pair_weight *)x)->key, b = ((const pair_weight *)y)->key;
    return a < b ? -1 : a > b;
}

/* PN index with one tie per unordered pair: the sign of both directions' total. */
static int pn_of(const elist *e, double *out)
{
    size_t m = e->m, k = 0;
    pair_weight *pw = malloc((m ? m : 1) * sizeof *pw);
    uint32_t *f = malloc((m ? m : 1) * sizeof *f), *t = malloc((m ? m : 1) * sizeof *t);
    int *s = malloc((m ? m : 1) * sizeof *s);
    int rc = ENT_OK;
    if (!pw || !f || !t || !s) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m; i++) {
        uint32_t lo = e->from[i] < e->to[i] ? e->from[i] : e->to[i];
        uint32_t hi = e->from[i] < e->to[i] ? e->to[i] : e->from[i];
        pw[i].key = ((uint64_t)lo << 32) | hi;
        pw[i].weight = e->pos[i] + e->neg[i] - e->mirrored[i]; /* each relation once */
    }
    qsort(pw, m, sizeof *pw, by_key);
    for (size_t i = 0; i < m;) {
        size_t j = i;
        double w = 0;
        for (; j < m && pw[j].key == pw[i].key; j++)
            w += pw[j].weight;
        if (w != 0) {
            f[k] = (uint32_t)(pw[i].key >> 32);
            t[k] = (uint32_t)(pw[i].key & 0xffffffffu);
            s[k++] = w > 0 ? 1 : -1;
        }
        i = j;
    }
    rc = ent_pn_index(e->n, f, t, s, k, out);
done:
    free(pw);
    free(f);
    free(t);
    free(s);
    return rc;
}

int ent__metric_compute(const elist *e, ent_metric m, double *out)
{
    switch (m) {
    case ENT_METRIC_LEVERAGE:
        return ent__leverage_compute(e, out);
    case ENT_METRIC_COOPERATION_RANK:
        return part_pagerank(e, 1, out);
    case ENT_METRIC_PRESSURE:
        return part_pagerank(e, -1, out);
    case ENT_METRIC_POS_IN:
    case ENT_METRIC_POS_OUT:
    case ENT_METRIC_NEG_IN:
    case ENT_METRIC_NEG_OUT:
    case ENT_METRIC_NET_STANCE:
        for (size_t i = 0; i < e->n; i++)
            out[i] = 0;
        for (size_t i = 0; i < e->m; i++) {
            uint32_t who =
                m == ENT_METRIC_POS_OUT || m == ENT_METRIC_NEG_OUT ? e->from[i] : e->to[i];
            double x = m == ENT_METRIC_POS_IN || m == ENT_METRIC_POS_OUT ? e->pos[i]
                       : m == ENT_METRIC_NET_STANCE                      ? e->pos[i] + e->neg[i]
                                                                         : -e->neg[i];
            out[who] += x;
        }
        return ENT_OK;
    case ENT_METRIC_BETWEENNESS:
        return ent_betweenness(e->n, e->from, e->to, e->m, 1, out);
    case ENT_METRIC_PN:
        return pn_of(e, out);
    case ENT_METRIC_COUNT_:
        break;
    }
    return ent_error_set(ENT_EUSAGE, "unknown metric");
}

void ent_metrics_free(ent_metrics *m)
{
    if (!m)
        return;
    for (int k = 0; k < ENT_METRIC_COUNT_; k++)
        free(m->values[k]);
    free(m);
}

/*
 * Metric values are computed once per (view, metric) and kept in the view
 * (passes/cache.h); a later call copies them. The edge list is built only
 * when a metric asked for is not kept yet.
 */
int ent_metrics_compute(ent_metrics **out, const ent_view *v, unsigned mask)
{
    *out = NULL;
    elist e;
    memset(&e, 0, sizeof e);
    int have_edges = 0;
    uint32_t *map = NULL, *back = NULL;
    double *tmp = NULL;
    size_t na = ent_graph_actor_count(ent_view_graph(v));
    size_t bytes = (na ? na : 1) * sizeof(double);
    ent_metrics *res = calloc(1, sizeof *res);
    if (!res)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    res->n_actors = na;
    int rc = ENT_OK;
    ent__view_lock(v);
    for (int k = 0; !rc && k < ENT_METRIC_COUNT_; k++) {
        if (mask && !(mask & (1u << k)))
            continue;
        const double *kept = ent__cache_metric(v, (ent_metric)k);
        if (!kept) {
            if (!have_edges) {
                if (ent__elist_from_view(&e, &map, &back, v)) {
                    rc = ent_error_set(ENT_ENOMEM, "out of memory");
                    break;
                }
                have_edges = 1;
                if (!(tmp = malloc((e.n ? e.n : 1) * sizeof *tmp))) {
                    rc = ent_error_set(ENT_ENOMEM, "out of memory");
                    break;
                }
            }
            double *values = malloc(bytes);
            if (!values) {
                rc = ent_error_set(ENT_ENOMEM, "out of memory");
                break;
            }
            rc = ent__metric_compute(&e, (ent_metric)k, tmp);
            ent__count_metric_computation();
            for (size_t a = 0; !rc && a < na; a++)
                values[a] = map[a] == UINT32_MAX ? NAN : tmp[map[a]];
            if (rc)
                free(values);
            else if (!(rc = ent__cache_put_metric(v, (ent_metric)k, values)))
                kept = values;
        }
        if (!rc && !(res->values[k] = malloc(bytes)))
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
        if (!rc)
            memcpy(res->values[k], kept, na * sizeof(double));
    }
    ent__view_unlock(v);
    free(tmp);
    free(map);
    free(back);
    if (have_edges)
        ent__elist_release(&e);
    if (rc) {
        ent_metrics_free(res);
        return rc;
    }
    *out = res;
    return ENT_OK;
}
