/*
 * pass_balance.c: structural balance of a snapshot, and how it changed.
 *
 * The view's directed, weighted edges are folded into a signed undirected
 * graph (one tie per pair of actors, the sign of both directions' total). On
 * it this file counts triangles by sign pattern, computes the strict and weak
 * triangle balance indices, the walk balance of Estrada and Benzi, and the
 * frustration index with the two camps it implies: exactly, by branch and
 * bound, for connected parts of up to a few dozen actors, and beyond that by a
 * multi-start local search whose answer is an upper bound (with a lower bound
 * from edge-disjoint unbalanced triangles). igraph is used for one thing, the
 * dense symmetric eigenvalue solver of LAPACK behind the walk balance.
 *
 * Definitions and references: docs/analyses.md, "Structural balance".
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "entente/error.h"
#include "passes/allies.h"
#include "passes/cache.h"
#include "passes/common.h"
#include "passes/signed.h"
#include "snapshot/cache.h"
#include "util/error.h"

#define NONE              SIGNED_NONE
#define TIE_EPS           1e-9 /* a pair whose weights sum to less than this has no tie */
#define EXACT_LIMIT       64   /* the exact search keeps a part's camps in 64-bit masks */
#define DEFAULT_EXACT_MAX 48
#define DEFAULT_BUDGET    20000000ULL
#define DEFAULT_WALK_MAX  1000
#define HEUR_STARTS_MIN   8 /* starts of the local search: 2e6 / ties, within these */
#define HEUR_STARTS_MAX   64
#define HEUR_WORK         2000000
#define HEUR_MAX_PASSES   1000
#define HEUR_SEED         UINT64_C(0x656e74656e746531) /* "entente1" */
#define INDEX_DECIMALS    7 /* balance indices, as published (0.8676471) */
#define WEIGHT_DECIMALS   2 /* sums of Goldstein intensities, as everywhere */

void ent_balance_options_init(ent_balance_options *o)
{
    memset(o, 0, sizeof *o);
    o->exact_max = DEFAULT_EXACT_MAX;
    o->node_budget = DEFAULT_BUDGET;
    o->walk_max = DEFAULT_WALK_MAX;
}

/* ------------------------------------------------------------ adjacency --- */

static void adj_release(adj *a)
{
    free(a->off);
    free(a->nbr);
    free(a->tie);
    memset(a, 0, sizeof *a);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Checks the ties (see analysis.h) and builds their adjacency lists. */
static int adj_build(adj *a, size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                     size_t m)
{
    memset(a, 0, sizeof *a);
    a->n = n;
    if (n >= NONE || m >= NONE)
        return ent_error_set(ENT_EUSAGE, "too many vertices or ties for the balance analysis");
    for (size_t i = 0; i < m; i++)
        if (from[i] >= n || to[i] >= n || from[i] == to[i] || (sign[i] != 1 && sign[i] != -1))
            return ent_error_set(ENT_EUSAGE, "tie %zu is not a signed tie between two vertices", i);
    uint64_t *packed = malloc((2 * m + 1) * sizeof *packed);
    size_t *cur = malloc((n + 1) * sizeof *cur);
    a->off = calloc(n + 1, sizeof *a->off);
    a->nbr = malloc((2 * m + 1) * sizeof *a->nbr);
    a->tie = malloc((2 * m + 1) * sizeof *a->tie);
    int rc = ENT_OK;
    if (!packed || !cur || !a->off || !a->nbr || !a->tie) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m; i++) {
        a->off[from[i] + 1]++;
        a->off[to[i] + 1]++;
    }
    for (size_t v = 0; v < n; v++)
        a->off[v + 1] += a->off[v];
    memcpy(cur, a->off, (n + 1) * sizeof *cur);
    for (size_t i = 0; i < m; i++) {
        packed[cur[from[i]]++] = (uint64_t)to[i] << 32 | i;
        packed[cur[to[i]]++] = (uint64_t)from[i] << 32 | i;
    }
    for (size_t v = 0; v < n; v++) {
        size_t lo = a->off[v], hi = a->off[v + 1];
        qsort(packed + lo, hi - lo, sizeof *packed, cmp_u64);
        for (size_t k = lo; k < hi; k++) {
            a->nbr[k] = (uint32_t)(packed[k] >> 32);
            a->tie[k] = (uint32_t)(packed[k] & 0xffffffffu);
            if (k > lo && a->nbr[k] == a->nbr[k - 1]) {
                rc = ent_error_set(ENT_EUSAGE, "the pair %zu, %u is given twice", v,
                                   (unsigned)a->nbr[k]);
                goto done;
            }
        }
    }
done:
    free(packed);
    free(cur);
    if (rc)
        adj_release(a);
    return rc;
}

/* Connected parts: comp[v] numbered from 0 in the order of their first
 * vertex; *ncomp of them. `queue` has room for n vertices. */
void ent__components(const adj *a, uint32_t *comp, uint32_t *queue, size_t *ncomp)
{
    size_t nc = 0;
    for (size_t v = 0; v < a->n; v++)
        comp[v] = NONE;
    for (size_t r = 0; r < a->n; r++) {
        if (comp[r] != NONE)
            continue;
        size_t head = 0, tail = 0;
        comp[r] = (uint32_t)nc;
        queue[tail++] = (uint32_t)r;
        while (head < tail) {
            uint32_t v = queue[head++];
            for (size_t k = a->off[v]; k < a->off[v + 1]; k++)
                if (comp[a->nbr[k]] == NONE) {
                    comp[a->nbr[k]] = (uint32_t)nc;
                    queue[tail++] = a->nbr[k];
                }
        }
        nc++;
    }
    *ncomp = nc;
}

/* ------------------------------------------------------------ triangles --- */

/* Called once per triangle: v[0] < v[1] < v[2], t[] the ties v0-v1, v0-v2, v1-v2. */
typedef void (*tri_fn)(void *ud, const uint32_t v[3], const uint32_t t[3]);

/*
 * Every triangle of `a` exactly once, by the forward algorithm (Schank and
 * Wagner 2005): ties are oriented from the lower to the higher vertex in the
 * order (degree, index), and each triangle is found from its lowest vertex.
 * O(m^1.5) time, O(n + m) memory.
 */
static int triangles(const adj *a, tri_fn fn, void *ud)
{
    size_t n = a->n;
    size_t *oo = calloc(n + 1, sizeof *oo);
    uint32_t *onbr = malloc((a->off[n] / 2 + 1) * sizeof *onbr);
    uint32_t *otie = malloc((a->off[n] / 2 + 1) * sizeof *otie);
    uint32_t *stamp = malloc((n + 1) * sizeof *stamp), *mark = malloc((n + 1) * sizeof *mark);
    int rc = ENT_OK;
    if (!oo || !onbr || !otie || !stamp || !mark) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
#define DEG(x)       (a->off[(x) + 1] - a->off[x])
#define BEFORE(x, y) (DEG(x) < DEG(y) || (DEG(x) == DEG(y) && (x) < (y)))
    for (size_t v = 0; v < n; v++) {
        oo[v + 1] = oo[v];
        for (size_t k = a->off[v]; k < a->off[v + 1]; k++)
            if (BEFORE(v, a->nbr[k])) {
                onbr[oo[v + 1]] = a->nbr[k];
                otie[oo[v + 1]++] = a->tie[k];
            }
        stamp[v] = NONE;
    }
#undef BEFORE
#undef DEG
    for (size_t u = 0; u < n; u++) {
        for (size_t k = oo[u]; k < oo[u + 1]; k++) {
            stamp[onbr[k]] = (uint32_t)u;
            mark[onbr[k]] = otie[k];
        }
        for (size_t k = oo[u]; k < oo[u + 1]; k++) {
            uint32_t v = onbr[k];
            for (size_t l = oo[v]; l < oo[v + 1]; l++) {
                uint32_t w = onbr[l];
                if (stamp[w] != u)
                    continue;
                /* x[i], and the tie between x[i] and x[j] in tt[i + j - 1] */
                uint32_t x[3] = {(uint32_t)u, v, w}, tt[3] = {otie[k], mark[w], otie[l]};
                int p[3] = {0, 1, 2};
                for (int i = 1; i < 3; i++)
                    for (int j = i; j > 0 && x[p[j]] < x[p[j - 1]]; j--) {
                        int s = p[j];
                        p[j] = p[j - 1];
                        p[j - 1] = s;
                    }
                uint32_t vs[3] = {x[p[0]], x[p[1]], x[p[2]]};
                uint32_t ts[3] = {tt[p[0] + p[1] - 1], tt[p[0] + p[2] - 1], tt[p[1] + p[2] - 1]};
                fn(ud, vs, ts);
            }
        }
    }
done:
    free(oo);
    free(onbr);
    free(otie);
    free(stamp);
    free(mark);
    return rc;
}

static int negatives(const int *sign, const uint32_t t[3])
{
    return (sign[t[0]] < 0) + (sign[t[1]] < 0) + (sign[t[2]] < 0);
}

typedef struct count_ctx {
    const int *sign;
    size_t counts[4];
} count_ctx;

static void count_one(void *ud, const uint32_t v[3], const uint32_t t[3])
{
    (void)v;
    count_ctx *c = ud;
    c->counts[negatives(c->sign, t)]++;
}

int ent_signed_triangles(size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                         size_t m, size_t counts[4])
{
    adj a;
    memset(counts, 0, 4 * sizeof *counts);
    int rc = adj_build(&a, n, from, to, sign, m);
    if (rc)
        return rc;
    count_ctx c = {sign, {0, 0, 0, 0}};
    rc = triangles(&a, count_one, &c);
    adj_release(&a);
    if (!rc)
        memcpy(counts, c.counts, sizeof c.counts);
    return rc;
}

/* --------------------------------------------------------- walk balance --- */

/* igraph's default handlers abort the process or print: neither is for a library. */
static void quiet_igraph(void)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

/* Eigenvalues of the k x k matrix `m` (symmetric) appended to out[*n ...]. */
static int eigenvalues(igraph_matrix_t *m, size_t k, double *out, size_t *n)
{
    if (k == 1) {
        out[(*n)++] = MATRIX(*m, 0, 0);
        return ENT_OK;
    }
    igraph_vector_t values;
    if (igraph_vector_init(&values, 0) != IGRAPH_SUCCESS)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    igraph_error_t e =
        igraph_lapack_dsyevr(m, IGRAPH_LAPACK_DSYEV_ALL, 0, 0, 0, 0, 0, 1e-14, &values, NULL, NULL);
    if (e == IGRAPH_SUCCESS && (size_t)igraph_vector_size(&values) == k)
        for (size_t i = 0; i < k; i++)
            out[(*n)++] = VECTOR(values)[i];
    igraph_vector_destroy(&values);
    if (e != IGRAPH_SUCCESS)
        return ent_error_set(e == IGRAPH_ENOMEM ? ENT_ENOMEM : ENT_EINTERNAL,
                             "the eigenvalues for the walk balance failed: %s", igraph_strerror(e));
    return ENT_OK;
}

/*
 * tr exp(A) / tr exp(|A|) as the sum over the connected parts of their
 * eigenvalues' exponentials. Both sums are scaled by exp(-L), L the largest
 * eigenvalue of |A|, which bounds every eigenvalue of A (Perron-Frobenius):
 * no overflow however large the graph. When the largest part has more than
 * `max_part` vertices, *out is NaN and *largest says how large it was.
 */
static int walk_balance(const adj *a, const int *sign, size_t max_part, double *out,
                        size_t *largest)
{
    size_t n = a->n, nc = 0, big = 0;
    *out = NAN;
    if (largest)
        *largest = 0;
    if (n == 0)
        return ENT_OK;
    uint32_t *comp = malloc(n * sizeof *comp), *queue = malloc(n * sizeof *queue);
    uint32_t *local = malloc(n * sizeof *local);
    size_t *start = calloc(n + 1, sizeof *start), *fill = malloc((n + 1) * sizeof *fill);
    double *lam = malloc(n * sizeof *lam), *mu = malloc(n * sizeof *mu);
    igraph_matrix_t sm, um; /* the signed and the unsigned adjacency matrix of a part */
    int have_m = 0, rc = ENT_OK;
    if (!comp || !queue || !local || !start || !fill || !lam || !mu) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    ent__components(a, comp, queue, &nc);
    for (size_t v = 0; v < n; v++)
        start[comp[v] + 1]++;
    for (size_t c = 0; c < nc; c++) {
        if (start[c + 1] > big)
            big = start[c + 1];
        start[c + 1] += start[c];
    }
    if (largest)
        *largest = big;
    if (big > max_part)
        goto done;
    /* queue becomes the vertices grouped by part, in increasing order; local[v] is v's
     * row in its part's matrices */
    memcpy(fill, start, (nc + 1) * sizeof *fill);
    for (size_t v = 0; v < n; v++) {
        local[v] = (uint32_t)(fill[comp[v]] - start[comp[v]]);
        queue[fill[comp[v]]++] = (uint32_t)v;
    }
    quiet_igraph();
    if (igraph_matrix_init(&sm, (igraph_integer_t)big, (igraph_integer_t)big) != IGRAPH_SUCCESS) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    if (igraph_matrix_init(&um, (igraph_integer_t)big, (igraph_integer_t)big) != IGRAPH_SUCCESS) {
        igraph_matrix_destroy(&sm);
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    have_m = 1;
    size_t nl = 0, nm = 0;
    for (size_t c = 0; c < nc && !rc; c++) {
        size_t k = start[c + 1] - start[c];
        if (igraph_matrix_resize(&sm, (igraph_integer_t)k, (igraph_integer_t)k) ||
            igraph_matrix_resize(&um, (igraph_integer_t)k, (igraph_integer_t)k)) {
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
            break;
        }
        igraph_matrix_null(&sm);
        igraph_matrix_null(&um);
        for (size_t i = start[c]; i < start[c + 1]; i++) {
            uint32_t v = queue[i];
            for (size_t e = a->off[v]; e < a->off[v + 1]; e++) {
                MATRIX(sm, local[v], local[a->nbr[e]]) = sign[a->tie[e]];
                MATRIX(um, local[v], local[a->nbr[e]]) = 1;
            }
        }
        rc = eigenvalues(&sm, k, lam, &nl);
        if (!rc)
            rc = eigenvalues(&um, k, mu, &nm);
    }
    if (!rc) {
        double top = nm ? mu[0] : 0, num = 0, den = 0;
        for (size_t i = 1; i < nm; i++)
            if (mu[i] > top)
                top = mu[i];
        for (size_t i = 0; i < nl; i++)
            num += exp(lam[i] - top);
        for (size_t i = 0; i < nm; i++)
            den += exp(mu[i] - top);
        *out = num / den;
    }
done:
    if (have_m) {
        igraph_matrix_destroy(&sm);
        igraph_matrix_destroy(&um);
    }
    free(comp);
    free(queue);
    free(local);
    free(start);
    free(fill);
    free(lam);
    free(mu);
    return rc;
}

int ent_walk_balance(size_t n, const uint32_t *from, const uint32_t *to, const int *sign, size_t m,
                     double *out)
{
    adj a;
    *out = NAN;
    int rc = adj_build(&a, n, from, to, sign, m);
    if (rc)
        return rc;
    rc = walk_balance(&a, sign, SIZE_MAX, out, NULL);
    adj_release(&a);
    return rc;
}

/* ---------------------------------------------------------- frustration --- */

/*
 * A connected part of the graph with local vertex numbers 0..k-1 (in the
 * order of the global ones): the unit the frustration solvers work on.
 */
typedef struct part {
    size_t k;
    uint32_t *vert; /* local -> global vertex */
    size_t *off;    /* k + 1 */
    uint32_t *nbr;  /* local neighbours */
    int8_t *sg;     /* the sign of the tie to each */
    uint32_t *tie;  /* its global tie index */
    uint32_t maxdeg;
} part;

static void part_release(part *p)
{
    free(p->vert);
    free(p->off);
    free(p->nbr);
    free(p->sg);
    free(p->tie);
    memset(p, 0, sizeof *p);
}

/* splitmix64 (Steele, Lea and Flood 2014): the local search's only randomness. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *s, size_t n)
{
    return (size_t)(rng_next(s) % n);
}

/* Whether the tie of sign `s` between sides x and y goes against the camps. */
static int against(int s, uint8_t x, uint8_t y)
{
    return (s > 0) != (x == y);
}

/* Work space of the local search on one part. */
typedef struct lsearch {
    const part *p;
    uint8_t *side;  /* 0 or 1 per vertex */
    uint32_t *viol; /* ties of the vertex that go against the camps */
    long f;         /* their total: the frustration of `side` */
    uint32_t *head; /* gain buckets: 2 maxdeg + 1 lists ... */
    uint32_t *next, *prev;
    uint8_t *inb;  /* ... of the vertices not yet moved in this pass */
    long top;      /* highest bucket that may be non-empty */
    uint32_t *log; /* the moves of the pass */
    uint32_t *queue;
} lsearch;

static long gain_of(const lsearch *s, uint32_t v)
{
    long deg = (long)(s->p->off[v + 1] - s->p->off[v]);
    return 2 * (long)s->viol[v] - deg; /* flipping v lowers the frustration by this */
}

static void bucket_put(lsearch *s, uint32_t v)
{
    long b = gain_of(s, v) + s->p->maxdeg;
    s->prev[v] = NONE;
    s->next[v] = s->head[b];
    if (s->head[b] != NONE)
        s->prev[s->head[b]] = v;
    s->head[b] = v;
    s->inb[v] = 1;
    if (b > s->top)
        s->top = b;
}

static void bucket_take(lsearch *s, uint32_t v)
{
    long b = gain_of(s, v) + s->p->maxdeg;
    if (s->prev[v] != NONE)
        s->next[s->prev[v]] = s->next[v];
    else
        s->head[b] = s->next[v];
    if (s->next[v] != NONE)
        s->prev[s->next[v]] = s->prev[v];
    s->inb[v] = 0;
}

/* Moves v to the other camp, keeping viol, f and the buckets up to date. */
static void flip(lsearch *s, uint32_t v)
{
    const part *p = s->p;
    for (size_t e = p->off[v]; e < p->off[v + 1]; e++) {
        uint32_t w = p->nbr[e];
        int was = against(p->sg[e], s->side[v], s->side[w]), queued = s->inb[w];
        if (queued)
            bucket_take(s, w);
        s->viol[w] += was ? (uint32_t)-1 : 1u;
        s->f += was ? -1 : 1;
        if (queued)
            bucket_put(s, w);
    }
    s->viol[v] = (uint32_t)(p->off[v + 1] - p->off[v]) - s->viol[v];
    s->side[v] ^= 1;
}

/*
 * One pass of Fiduccia-Mattheyses moves: every vertex in turn, the one whose
 * move lowers the frustration most (or raises it least) goes to the other
 * camp and stays there for the pass; the pass stops after `limit` moves
 * without a new best and rolls back to the best point. Returns 1 when it
 * lowered the frustration.
 */
static int fm_pass(lsearch *s, size_t limit)
{
    const part *p = s->p;
    size_t nb = 2 * (size_t)p->maxdeg + 1, moves = 0, best_at = 0, since = 0;
    for (size_t b = 0; b < nb; b++)
        s->head[b] = NONE;
    s->top = -1;
    for (size_t v = p->k; v-- > 0;)
        bucket_put(s, (uint32_t)v);
    long best = s->f;
    while (since < limit) {
        while (s->top >= 0 && s->head[s->top] == NONE)
            s->top--;
        if (s->top < 0)
            break;
        uint32_t v = s->head[s->top];
        bucket_take(s, v);
        flip(s, v);
        s->log[moves++] = v;
        if (s->f < best) {
            best = s->f;
            best_at = moves;
            since = 0;
        } else
            since++;
    }
    for (size_t v = 0; v < p->k; v++)
        s->inb[v] = 0;
    while (moves > best_at)
        flip(s, s->log[--moves]);
    return best_at > 0;
}

/* Camps from a breadth-first tree rooted at `root`: every tree tie agrees
 * with them. Neighbours are scanned from a random offset, for variety. */
static void tree_start(lsearch *s, uint32_t root, uint64_t *rng)
{
    const part *p = s->p;
    for (size_t v = 0; v < p->k; v++)
        s->inb[v] = 0; /* "seen" here */
    size_t head = 0, tail = 0;
    s->queue[tail++] = root;
    s->inb[root] = 1;
    s->side[root] = 0;
    while (head < tail) {
        uint32_t v = s->queue[head++];
        size_t deg = p->off[v + 1] - p->off[v], shift = deg ? rng_below(rng, deg) : 0;
        for (size_t i = 0; i < deg; i++) {
            size_t e = p->off[v] + (i + shift) % deg;
            uint32_t w = p->nbr[e];
            if (!s->inb[w]) {
                s->inb[w] = 1;
                s->side[w] = (uint8_t)(s->side[v] ^ (p->sg[e] < 0));
                s->queue[tail++] = w;
            }
        }
    }
    for (size_t v = 0; v < p->k; v++)
        s->inb[v] = 0;
    s->f = 0;
    for (size_t v = 0; v < p->k; v++) {
        s->viol[v] = 0;
        for (size_t e = p->off[v]; e < p->off[v + 1]; e++)
            s->viol[v] += (uint32_t)against(p->sg[e], s->side[v], s->side[p->nbr[e]]);
        s->f += s->viol[v];
    }
    s->f /= 2;
}

/*
 * The heuristic: breadth-first starts (the first from the vertex of highest
 * degree, the others from roots drawn with a fixed seed; 8 to 64 of them, as
 * many as keep the work near HEUR_WORK tie visits per pass), each
 * improved by Fiduccia-Mattheyses passes until a pass gains nothing. Keeps
 * the best camps in best[] and returns their frustration, or -1 when out of
 * memory.
 */
static long heuristic(const part *p, uint8_t *best)
{
    lsearch s;
    memset(&s, 0, sizeof s);
    s.p = p;
    size_t k = p->k, nb = 2 * (size_t)p->maxdeg + 1;
    s.side = malloc(k);
    s.viol = malloc(k * sizeof *s.viol);
    s.head = malloc(nb * sizeof *s.head);
    s.next = malloc(k * sizeof *s.next);
    s.prev = malloc(k * sizeof *s.prev);
    s.inb = calloc(k, 1);
    s.log = malloc(k * sizeof *s.log);
    s.queue = malloc(k * sizeof *s.queue);
    long best_f = -1;
    if (!s.side || !s.viol || !s.head || !s.next || !s.prev || !s.inb || !s.log || !s.queue)
        goto done;
    uint32_t hub = 0;
    for (uint32_t v = 1; v < k; v++)
        if (p->off[v + 1] - p->off[v] > p->off[hub + 1] - p->off[hub])
            hub = v;
    uint64_t rng = HEUR_SEED;
    size_t limit = k < 1000 ? k : 1000, ties = p->off[k] / 2 + 1;
    size_t starts = HEUR_WORK / ties;
    starts = starts < HEUR_STARTS_MIN   ? HEUR_STARTS_MIN
             : starts > HEUR_STARTS_MAX ? HEUR_STARTS_MAX
                                        : starts;
    for (size_t start = 0; start < starts; start++) {
        uint32_t root = start == 0 ? hub : (uint32_t)rng_below(&rng, k);
        tree_start(&s, root, &rng);
        for (int pass = 0; pass < HEUR_MAX_PASSES && s.f > 0 && fm_pass(&s, limit); pass++)
            ;
        if (best_f < 0 || s.f < best_f) {
            best_f = s.f;
            memcpy(best, s.side, k);
        }
        if (best_f == 0)
            break;
    }
done:
    free(s.side);
    free(s.viol);
    free(s.head);
    free(s.next);
    free(s.prev);
    free(s.inb);
    free(s.log);
    free(s.queue);
    return best_f;
}

/*
 * The exact search on a part of at most 64 vertices, renumbered in search
 * order. Russian doll search (Verfaillie, Lemaître and Schiex 1996): the
 * frustration F[i] of the subgraph induced by the vertices i..k-1 is solved
 * for i = k-1 down to 0, each by branch and bound with vertex i fixed in
 * camp 0 (the two camps are symmetric), so that the search of F[i] can bound
 * the ties among the vertices not yet placed by F[j]. A node at depth j
 * (vertices i..j-1 placed) is cut when
 *
 *     cost of the placed ties + sum over y >= j of min(cost of y in camp 0,
 *     cost of y in camp 1 against the placed vertices) + F[j] >= best,
 *
 * three lower bounds on disjoint sets of ties. F[i] >= F[i+1], so a search
 * stops as soon as it meets F[i+1].
 */
typedef struct bb {
    int k;
    uint64_t pos[EXACT_LIMIT], neg[EXACT_LIMIT]; /* neighbours by sign, as bit masks */
    int F[EXACT_LIMIT + 1];
    int best, floor;
    uint64_t best_ones; /* the vertices in camp 1 of the best assignment */
    unsigned long long nodes, budget;
    int stop; /* 1: the budget is spent; 2: the floor is met */
} bb;

static int popc(uint64_t x)
{
    return __builtin_popcountll(x);
}

static int min2(int x, int y)
{
    return x < y ? x : y;
}

/* cp[y], cm[y]: what vertex y (>= j) would cost in camp 0, camp 1. */
static void bb_search(bb *s, int j, int cost, uint64_t ones, const uint8_t *cp, const uint8_t *cm,
                      int summin)
{
    if (++s->nodes > s->budget) {
        s->stop = 1;
        return;
    }
    if (j == s->k) {
        if (cost < s->best) {
            s->best = cost;
            s->best_ones = ones;
            if (cost <= s->floor)
                s->stop = 2;
        }
        return;
    }
    int rest = summin - min2(cp[j], cm[j]);
    int first = cm[j] < cp[j];
    uint64_t later = j + 1 >= 64 ? 0 : ~((UINT64_C(2) << j) - 1);
    for (int t = 0; t < 2 && !s->stop; t++) {
        int side = t ? !first : first;
        int c = cost + (side ? cm[j] : cp[j]);
        if (c + rest + s->F[j + 1] >= s->best)
            continue;
        uint8_t ncp[EXACT_LIMIT], ncm[EXACT_LIMIT];
        memcpy(ncp + j + 1, cp + j + 1, (size_t)(s->k - j - 1));
        memcpy(ncm + j + 1, cm + j + 1, (size_t)(s->k - j - 1));
        int sum = rest;
        /* a positive neighbour is against the camps in the other camp, a negative one in
         * the same camp */
        uint64_t up1 = (side ? s->neg[j] : s->pos[j]) & later; /* cost more in camp 1 */
        uint64_t up0 = (side ? s->pos[j] : s->neg[j]) & later; /* cost more in camp 0 */
        for (; up1; up1 &= up1 - 1) {
            int y = __builtin_ctzll(up1);
            int old = min2(ncp[y], ncm[y]);
            ncm[y]++;
            sum += min2(ncp[y], ncm[y]) - old;
        }
        for (; up0; up0 &= up0 - 1) {
            int y = __builtin_ctzll(up0);
            int old = min2(ncp[y], ncm[y]);
            ncp[y]++;
            sum += min2(ncp[y], ncm[y]) - old;
        }
        if (c + sum + s->F[j + 1] >= s->best)
            continue;
        bb_search(s, j + 1, c, side ? ones | UINT64_C(1) << j : ones, ncp, ncm, sum);
    }
}

/*
 * Solves part p exactly, starting from the heuristic's camps heur[] (of
 * frustration heur_f). On success sets side[] and returns the frustration;
 * returns -1 when the budget ran out (side[] untouched).
 */
static long exact(const part *p, const uint8_t *heur, long heur_f, uint8_t *side,
                  unsigned long long *nodes, unsigned long long budget)
{
    bb *s = calloc(1, sizeof *s);
    int k = (int)p->k, order[EXACT_LIMIT], at[EXACT_LIMIT], conn[EXACT_LIMIT];
    uint8_t chosen[EXACT_LIMIT] = {0};
    if (!s)
        return -2;
    /* Search order: the vertex of highest degree, then always the one with the most
     * ties to those already chosen (then degree, then number). */
    for (int i = 0; i < k; i++)
        conn[i] = 0;
    for (int n = 0; n < k; n++) {
        int pick = -1;
        for (int v = 0; v < k; v++) {
            if (chosen[v])
                continue;
            size_t dv = p->off[v + 1] - p->off[v];
            if (pick < 0 || conn[v] > conn[pick] ||
                (conn[v] == conn[pick] && dv > p->off[pick + 1] - p->off[pick]))
                pick = v;
        }
        chosen[pick] = 1;
        order[n] = pick;
        at[pick] = n;
        for (size_t e = p->off[pick]; e < p->off[pick + 1]; e++)
            conn[p->nbr[e]]++;
    }
    s->k = k;
    for (int i = 0; i < k; i++)
        for (size_t e = p->off[order[i]]; e < p->off[order[i] + 1]; e++) {
            uint64_t bit = UINT64_C(1) << at[p->nbr[e]];
            if (p->sg[e] > 0)
                s->pos[i] |= bit;
            else
                s->neg[i] |= bit;
        }
    s->budget = budget;
    s->nodes = *nodes;
    s->F[k] = 0;
    s->F[k - 1] = 0;
    uint64_t sol = 0; /* camp-1 vertices of the best assignment of i+1..k-1 */
    long result = -1;
    for (int i = k - 2; i >= 0; i--) {
        uint64_t suffix =
            (k == 64 ? ~UINT64_C(0) : (UINT64_C(1) << k) - 1) & ~((UINT64_C(2) << i) - 1);
        uint64_t ones = sol, zeros = suffix & ~sol;
        int c0 = popc(s->neg[i] & zeros) + popc(s->pos[i] & ones);
        int c1 = popc(s->pos[i] & zeros) + popc(s->neg[i] & ones);
        s->best = s->F[i + 1] + min2(c0, c1);
        s->best_ones = c0 <= c1 ? sol : zeros; /* vertex i in camp 0 either way */
        if (i == 0 && heur_f < s->best) {
            s->best = (int)heur_f;
            s->best_ones = 0;
            for (int v = 1; v < k; v++)
                if (heur[order[v]] != heur[order[0]])
                    s->best_ones |= UINT64_C(1) << v;
        }
        s->floor = s->F[i + 1];
        s->stop = 0;
        if (s->best > s->floor) {
            uint8_t cp[EXACT_LIMIT], cm[EXACT_LIMIT];
            for (int y = i + 1; y < k; y++) {
                cp[y] = (uint8_t)((s->neg[i] >> y) & 1);
                cm[y] = (uint8_t)((s->pos[i] >> y) & 1);
            }
            bb_search(s, i + 1, 0, 0, cp, cm, 0);
            if (s->stop == 1)
                goto done;
        }
        s->F[i] = s->best;
        sol = s->best_ones;
    }
    for (int i = 0; i < k; i++)
        side[order[i]] = (uint8_t)((sol >> i) & 1);
    result = s->F[0];
done:
    *nodes = s->nodes > budget ? budget : s->nodes;
    free(s);
    return result;
}

/* Greedy lower bound on a heuristic part: edge-disjoint unbalanced triangles,
 * each of which needs at least one of its ties against the camps. */
typedef struct lb_ctx {
    const int *sign;
    uint8_t *used;          /* per global tie: already in a chosen triangle */
    const uint32_t *global; /* adjacency slot -> global tie */
    size_t found;
} lb_ctx;

static void lb_one(void *ud, const uint32_t v[3], const uint32_t t[3])
{
    (void)v;
    lb_ctx *c = ud;
    uint32_t g[3] = {c->global[t[0]], c->global[t[1]], c->global[t[2]]};
    if (negatives(c->sign, g) % 2 == 0 || c->used[g[0]] || c->used[g[1]] || c->used[g[2]])
        return;
    c->used[g[0]] = c->used[g[1]] = c->used[g[2]] = 1;
    c->found++;
}

static int part_lower_bound(const part *p, const int *sign, uint8_t *used, size_t *out)
{
    /* The part's adjacency as an adj whose tie numbers are the slots: either end's slot
     * names the tie, and p->tie maps it back to the global tie. */
    size_t slots = p->off[p->k];
    adj a = {p->k, p->off, p->nbr, malloc((slots + 1) * sizeof *a.tie)};
    if (!a.tie)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    for (size_t e = 0; e < slots; e++)
        a.tie[e] = (uint32_t)e;
    lb_ctx c = {sign, used, p->tie, 0};
    int rc = triangles(&a, lb_one, &c);
    *out = c.found;
    free(a.tie);
    return rc;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* The part made of verts[0..k) (increasing, all alive) and the ties among them. */
static int part_build(part *p, const adj *a, const int *sign, const uint8_t *alive,
                      const uint32_t *verts, size_t k, uint32_t *loc)
{
    memset(p, 0, sizeof *p);
    p->k = k;
    p->vert = malloc(k * sizeof *p->vert);
    p->off = calloc(k + 1, sizeof *p->off);
    if (!p->vert || !p->off)
        goto oom;
    for (size_t i = 0; i < k; i++) {
        loc[verts[i]] = (uint32_t)i;
        p->vert[i] = verts[i];
    }
    for (size_t i = 0; i < k; i++) {
        size_t d = 0;
        for (size_t e = a->off[verts[i]]; e < a->off[verts[i] + 1]; e++)
            d += alive[a->nbr[e]];
        p->off[i + 1] = p->off[i] + d;
        if (d > p->maxdeg)
            p->maxdeg = (uint32_t)d;
    }
    p->nbr = malloc((p->off[k] + 1) * sizeof *p->nbr);
    p->sg = malloc(p->off[k] + 1);
    p->tie = malloc((p->off[k] + 1) * sizeof *p->tie);
    if (!p->nbr || !p->sg || !p->tie)
        goto oom;
    for (size_t i = 0, at = 0; i < k; i++)
        for (size_t e = a->off[verts[i]]; e < a->off[verts[i] + 1]; e++)
            if (alive[a->nbr[e]]) {
                p->nbr[at] = loc[a->nbr[e]];
                p->sg[at] = (int8_t)sign[a->tie[e]];
                p->tie[at++] = a->tie[e];
            }
    return ENT_OK;
oom:
    part_release(p);
    return ent_error_set(ENT_ENOMEM, "out of memory");
}

/*
 * The frustration index of the graph and the camps: vertices with at most
 * one tie left are set aside one by one (their tie can always be honoured),
 * each connected part of the rest is solved on its own (the index is the sum
 * over the parts), then the vertices set aside join the camp their tie asks
 * for, in the reverse order. In each connected part of the whole graph the
 * camps are then named so that its first vertex is in camp 1.
 */
static int frustrate(const adj *a, const int *sign, const ent_balance_options *o, int *camp,
                     ent_frustration_info *info)
{
    size_t n = a->n, m = a->off[n] / 2;
    ent_balance_options defaults;
    if (!o) {
        ent_balance_options_init(&defaults);
        o = &defaults;
    }
    size_t exact_max = o->exact_max < EXACT_LIMIT ? o->exact_max : EXACT_LIMIT;
    memset(info, 0, sizeof *info);
    size_t *deg = malloc((n + 1) * sizeof *deg);
    uint32_t *parent = malloc((n + 1) * sizeof *parent), *ptie = malloc((n + 1) * sizeof *ptie);
    uint32_t *peeled = malloc((n + 1) * sizeof *peeled), *queue = malloc((n + 1) * sizeof *queue);
    uint32_t *comp = malloc((n + 1) * sizeof *comp), *loc = malloc((n + 1) * sizeof *loc);
    uint8_t *alive = malloc(n + 1), *side = calloc(n + 1, 1), *flipc = NULL;
    uint8_t *used = calloc(m + 1, 1), *pside = malloc(n + 1), *hside = malloc(n + 1);
    part p;
    memset(&p, 0, sizeof p);
    int rc = ENT_OK;
    if (!deg || !parent || !ptie || !peeled || !queue || !comp || !loc || !alive || !side ||
        !used || !pside || !hside) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }

    size_t npeeled = 0, qh = 0, qt = 0;
    for (size_t v = 0; v < n; v++) {
        deg[v] = a->off[v + 1] - a->off[v];
        alive[v] = 1;
        if (deg[v] <= 1)
            queue[qt++] = (uint32_t)v;
    }
    while (qh < qt) {
        uint32_t v = queue[qh++];
        alive[v] = 0;
        peeled[npeeled++] = v;
        parent[v] = NONE;
        for (size_t e = a->off[v]; e < a->off[v + 1]; e++)
            if (alive[a->nbr[e]]) {
                uint32_t w = a->nbr[e];
                parent[v] = w;
                ptie[v] = a->tie[e];
                if (--deg[w] == 1)
                    queue[qt++] = w;
                break;
            }
    }

    for (size_t v = 0; v < n; v++)
        comp[v] = NONE;
    for (size_t r = 0; r < n; r++) {
        if (!alive[r] || comp[r] != NONE)
            continue;
        size_t head = 0, k = 0;
        comp[r] = 0;
        queue[k++] = (uint32_t)r;
        while (head < k) {
            uint32_t v = queue[head++];
            for (size_t e = a->off[v]; e < a->off[v + 1]; e++)
                if (alive[a->nbr[e]] && comp[a->nbr[e]] == NONE) {
                    comp[a->nbr[e]] = 0;
                    queue[k++] = a->nbr[e];
                }
        }
        qsort(queue, k, sizeof *queue, cmp_u32);
        if ((rc = part_build(&p, a, sign, alive, queue, k, loc)) != ENT_OK)
            goto done;
        info->parts++;
        long f = heuristic(&p, hside);
        if (f < 0) {
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
            goto done;
        }
        int proven = f == 0;
        if (!proven && k <= exact_max) {
            long ef = exact(&p, hside, f, pside, &info->nodes, o->node_budget);
            if (ef == -2) {
                rc = ent_error_set(ENT_ENOMEM, "out of memory");
                goto done;
            }
            if (ef >= 0) {
                proven = 1;
                f = ef;
                memcpy(hside, pside, k);
            } else
                info->parts_over_budget++;
        }
        for (size_t i = 0; i < k; i++)
            side[p.vert[i]] = hside[i];
        info->frustration += (size_t)f;
        if (proven)
            info->lower_bound += (size_t)f;
        else {
            size_t lb = 0;
            info->parts_heuristic++;
            if (k > info->largest_heuristic)
                info->largest_heuristic = k;
            if ((rc = part_lower_bound(&p, sign, used, &lb)) != ENT_OK)
                goto done;
            info->lower_bound += lb;
        }
        part_release(&p);
    }
    info->exact = info->parts_heuristic == 0;

    for (size_t i = npeeled; i-- > 0;) {
        uint32_t v = peeled[i];
        side[v] = parent[v] == NONE ? 0 : (uint8_t)(side[parent[v]] ^ (sign[ptie[v]] < 0));
    }

    size_t nc = 0;
    ent__components(a, comp, queue, &nc);
    flipc = malloc(nc + 1);
    if (!flipc) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    memset(flipc, 2, nc + 1);
    for (size_t v = 0; v < n; v++) {
        if (flipc[comp[v]] == 2)
            flipc[comp[v]] = side[v];
        side[v] ^= flipc[comp[v]];
        camp[v] = side[v] + 1;
    }
    size_t f = 0;
    for (size_t v = 0; v < n; v++)
        for (size_t e = a->off[v]; e < a->off[v + 1]; e++)
            if (a->nbr[e] > v && against(sign[a->tie[e]], side[v], side[a->nbr[e]]))
                f++;
    if (f != info->frustration)
        rc = ent_error_set(ENT_EINTERNAL, "the camps give %zu ties against them, not %zu", f,
                           info->frustration);
done:
    free(deg);
    free(parent);
    free(ptie);
    free(peeled);
    free(queue);
    free(comp);
    free(loc);
    free(alive);
    free(side);
    free(flipc);
    free(used);
    free(pside);
    free(hside);
    part_release(&p);
    return rc;
}

int ent_frustration(size_t n, const uint32_t *from, const uint32_t *to, const int *sign, size_t m,
                    const ent_balance_options *o, int *camp, ent_frustration_info *info)
{
    adj a;
    memset(info, 0, sizeof *info);
    int rc = adj_build(&a, n, from, to, sign, m);
    if (rc)
        return rc;
    rc = frustrate(&a, sign, o, camp, info);
    adj_release(&a);
    return rc;
}

/* ------------------------------------------------------- the projection --- */

/* The signed undirected graph of a view: vertices are the actors with a tie,
 * numbered in graph order; ties are sorted by their two vertices. */
void ent__proj_release(proj *p)
{
    free(p->actor);
    free(p->vertex);
    free(p->from);
    free(p->to);
    free(p->sign);
    free(p->w);
    free(p->bound);
    adj_release(&p->a);
    memset(p, 0, sizeof *p);
}

typedef struct pair_w {
    uint64_t key; /* lower actor << 32 | higher actor */
    double w;
    int bound; /* 1: the pair's bond through an alliance (allies.h), 0: an edge */
} pair_w;

static int by_pair(const void *x, const void *y)
{
    uint64_t a = ((const pair_w *)x)->key, b = ((const pair_w *)y)->key;
    return (a > b) - (a < b);
}

int ent__proj_build(proj *p, const ent_view *v, int direct_only)
{
    const ent_graph *g = ent_view_graph(v);
    size_t na = ent_graph_actor_count(g), ne = ent_view_edge_count(v), k = 0, nb = 0;
    bound_pair *bp = NULL;
    memset(p, 0, sizeof *p);
    int rc = direct_only ? ENT_OK : ent__bound_pairs(v, &bp, &nb);
    if (rc)
        return rc;
    size_t cap = ne + nb + 1; /* both below the number of pairs of 32-bit actors */
    pair_w *pw = malloc(cap * sizeof *pw);
    p->vertex = malloc((na + 1) * sizeof *p->vertex);
    p->actor = malloc((na + 1) * sizeof *p->actor);
    p->from = malloc(cap * sizeof *p->from);
    p->to = malloc(cap * sizeof *p->to);
    p->sign = malloc(cap * sizeof *p->sign);
    p->w = malloc(cap * sizeof *p->w);
    p->bound = malloc(cap * sizeof *p->bound);
    if (!pw || !p->vertex || !p->actor || !p->from || !p->to || !p->sign || !p->w || !p->bound) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        if (e->source == e->target)
            continue;
        uint32_t lo = e->source < e->target ? e->source : e->target;
        uint32_t hi = e->source < e->target ? e->target : e->source;
        pw[k].key = (uint64_t)lo << 32 | hi;
        pw[k].bound = 0;
        pw[k++].w = e->weight - e->mirrored; /* a symmetric relation counts once */
    }
    for (size_t i = 0; i < nb; i++) {
        pw[k].key = bp[i].key;
        pw[k].bound = 1;
        pw[k++].w = bp[i].w;
    }
    /* At most three per pair (two edges and a bond): sums do not depend on the order. */
    qsort(pw, k, sizeof *pw, by_pair);
    for (size_t i = 0; i < na; i++)
        p->vertex[i] = NONE;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        double sum = 0, bound = 0;
        int any = 0;
        for (; j < k && pw[j].key == pw[i].key; j++) {
            if (pw[j].bound)
                bound = pw[j].w;
            else
                sum += pw[j].w;
            any |= pw[j].w != 0;
        }
        sum += bound; /* the edges first, then the bond: the same sum whatever the order */
        if (fabs(sum) <= TIE_EPS)
            p->cancelled += any != 0;
        else {
            p->from[p->m] = (uint32_t)(pw[i].key >> 32);
            p->to[p->m] = (uint32_t)(pw[i].key & 0xffffffffu);
            p->sign[p->m] = sum > 0 ? 1 : -1;
            p->bound[p->m] = bound;
            p->w[p->m++] = sum;
            p->vertex[pw[i].key >> 32] = 0;
            p->vertex[pw[i].key & 0xffffffffu] = 0;
        }
        i = j;
    }
    for (size_t i = 0; i < na; i++)
        if (p->vertex[i] != NONE) {
            p->actor[p->n] = (uint32_t)i;
            p->vertex[i] = (uint32_t)p->n++;
        }
    for (size_t i = 0; i < p->m; i++) {
        p->from[i] = p->vertex[p->from[i]];
        p->to[i] = p->vertex[p->to[i]];
    }
    rc = adj_build(&p->a, p->n, p->from, p->to, p->sign, p->m);
done:
    free(pw);
    free(bp);
    if (rc)
        ent__proj_release(p);
    return rc;
}

long ent__tie_of(const proj *p, uint32_t x, uint32_t y)
{
    uint32_t vx = p->vertex[x], vy = p->vertex[y];
    if (vx == NONE || vy == NONE)
        return -1;
    size_t lo = p->a.off[vx], hi = p->a.off[vx + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->a.nbr[mid] < vy)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->a.off[vx + 1] && p->a.nbr[lo] == vy ? (long)p->a.tie[lo] : -1;
}

void ent__describe_ptie(const proj *p, const ent_view *v, size_t tie, uint32_t x, uint32_t y,
                        ent_strbuf *sb)
{
    size_t len = sb->len;
    ent__describe_tie(v, x, y, sb);
    if (p->bound[tie] > 0)
        ent__describe_bound(v, x, y, sb->len > len ? " | " : "", sb);
}

/* --------------------------------------------------------- the analysis --- */

/* An unbalanced triangle: its actors in graph order and its ties a-b, a-c, b-c. */
typedef struct triad {
    uint32_t actor[3];
    uint32_t tie[3];
    double intensity; /* the sum of the magnitudes of the ties' weights */
} triad;

typedef struct analysis {
    const ent_view *view;
    proj p;
    size_t counts[4]; /* triangles by number of negative ties */
    triad *un;        /* the unbalanced triangles (strict), most intense first */
    size_t n_un, cap_un;
    int oom;
    double walk;
    size_t walk_largest;
    int *camp; /* per vertex: 1 or 2 */
    ent_frustration_info fi;
} analysis;

static void analysis_release(analysis *an)
{
    ent__proj_release(&an->p);
    free(an->un);
    free(an->camp);
    memset(an, 0, sizeof *an);
}

static void collect(void *ud, const uint32_t v[3], const uint32_t t[3])
{
    analysis *an = ud;
    int neg = negatives(an->p.sign, t);
    an->counts[neg]++;
    if (neg % 2 == 0 || an->oom)
        return;
    if (an->n_un == an->cap_un) {
        size_t cap = an->cap_un ? 2 * an->cap_un : 64;
        triad *nt = realloc(an->un, cap * sizeof *nt);
        if (!nt) {
            an->oom = 1;
            return;
        }
        an->un = nt;
        an->cap_un = cap;
    }
    triad *d = &an->un[an->n_un++];
    d->intensity = 0;
    for (int i = 0; i < 3; i++) {
        d->actor[i] = an->p.actor[v[i]];
        d->tie[i] = t[i];
        d->intensity += fabs(an->p.w[t[i]]);
    }
}

static int by_intensity(const void *x, const void *y)
{
    const triad *a = x, *b = y;
    if (a->intensity != b->intensity)
        return a->intensity > b->intensity ? -1 : 1;
    for (int i = 0; i < 3; i++)
        if (a->actor[i] != b->actor[i])
            return a->actor[i] < b->actor[i] ? -1 : 1;
    return 0;
}

static int analyse(analysis *an, const ent_view *v, const ent_balance_options *o)
{
    memset(an, 0, sizeof *an);
    an->view = v;
    an->walk = NAN;
    int rc = ent__proj_build(&an->p, v, o->direct_only);
    if (rc)
        return rc;
    an->camp = malloc((an->p.n + 1) * sizeof *an->camp);
    if (!an->camp)
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
    if (!rc)
        rc = triangles(&an->p.a, collect, an);
    if (!rc && an->oom)
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
    if (!rc && an->n_un)
        qsort(an->un, an->n_un, sizeof *an->un, by_intensity);
    if (!rc)
        rc = walk_balance(&an->p.a, an->p.sign, o->walk_max, &an->walk, &an->walk_largest);
    if (!rc)
        rc = frustrate(&an->p.a, an->p.sign, o, an->camp, &an->fi);
    if (rc)
        analysis_release(an);
    return rc;
}

static void analysis_release_any(void *an)
{
    analysis_release(an);
}

/*
 * The analysis of v with options o, computed once per view and set of
 * options that change it (passes/cache.h) and read from there after that:
 * the report asks for the balance of a snapshot in its own section and again
 * in every comparison it takes part in. The view's lock is held while it is
 * looked up or computed; the analysis is never changed once kept.
 */
static int analysis_of(const analysis **out, const ent_view *v, const ent_balance_options *o)
{
    ent__view_lock(v);
    int rc = ENT_OK;
    const analysis *an = ent__cache_balance(v, o);
    if (!an) {
        analysis *made = malloc(sizeof *made);
        if (!made)
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
        else if ((rc = analyse(made, v, o)))
            free(made);
        else if (!(rc = ent__cache_put_balance(v, o, made, analysis_release_any)))
            an = made;
    }
    ent__view_unlock(v);
    *out = an;
    return rc;
}

/* ------------------------------------------------------------ the tables --- */

enum {
    M_ACTORS,
    M_TIES,
    M_POSITIVE,
    M_NEGATIVE,
    M_CANCELLED,
    M_TRIANGLES,
    M_PPP,
    M_PPN,
    M_PNN,
    M_NNN,
    M_STRICT,
    M_WEAK,
    M_WALK,
    M_FRUSTRATION,
    M_LOWER,
    M_NORMALISED,
    M_COUNT
};

static const struct measure {
    const char *name;
    ent_coltype type;
} measures[M_COUNT] = {
    {"actors", ENT_COL_INT},
    {"ties", ENT_COL_INT},
    {"positive_ties", ENT_COL_INT},
    {"negative_ties", ENT_COL_INT},
    {"cancelled_pairs", ENT_COL_INT},
    {"triangles", ENT_COL_INT},
    {"ppp", ENT_COL_INT},
    {"ppn", ENT_COL_INT},
    {"pnn", ENT_COL_INT},
    {"nnn", ENT_COL_INT},
    {"strict_balance", ENT_COL_REAL},
    {"weak_balance", ENT_COL_REAL},
    {"walk_balance", ENT_COL_REAL},
    {"frustration", ENT_COL_INT},
    {"frustration_lower_bound", ENT_COL_INT},
    {"frustration_normalised", ENT_COL_REAL},
};

static void measure_values(const analysis *an, double *out)
{
    size_t pos = 0, tri = 0;
    for (size_t i = 0; i < an->p.m; i++)
        pos += an->p.sign[i] > 0;
    for (int k = 0; k < 4; k++)
        tri += an->counts[k];
    out[M_ACTORS] = (double)an->p.n;
    out[M_TIES] = (double)an->p.m;
    out[M_POSITIVE] = (double)pos;
    out[M_NEGATIVE] = (double)(an->p.m - pos);
    out[M_CANCELLED] = (double)an->p.cancelled;
    out[M_TRIANGLES] = (double)tri;
    for (int k = 0; k < 4; k++)
        out[M_PPP + k] = (double)an->counts[k];
    out[M_STRICT] = tri ? (double)(an->counts[0] + an->counts[2]) / (double)tri : NAN;
    out[M_WEAK] = tri ? (double)(an->counts[0] + an->counts[2] + an->counts[3]) / (double)tri : NAN;
    out[M_WALK] = an->walk;
    out[M_FRUSTRATION] = (double)an->fi.frustration;
    out[M_LOWER] = (double)an->fi.lower_bound;
    out[M_NORMALISED] = an->p.m ? 1.0 - (double)an->fi.frustration / ((double)an->p.m / 2.0) : NAN;
}

static const char *method_of(const analysis *an)
{
    return an->fi.exact ? "exact" : "heuristic";
}

static void summary_columns(tb *t, int with_at)
{
    if (with_at)
        ent__tb_col(t, "at", ENT_COL_STRING, 0);
    for (int i = 0; i < M_COUNT; i++)
        ent__tb_col(t, measures[i].name, measures[i].type,
                    measures[i].type == ENT_COL_REAL ? INDEX_DECIMALS : 0);
    ent__tb_col(t, "frustration_method", ENT_COL_STRING, 0);
}

/* A row of measures; NaN reals stay empty. */
static void summary_row(tb *t, size_t first, const double *val, const char *method)
{
    for (int i = 0; i < M_COUNT; i++) {
        if (measures[i].type == ENT_COL_INT)
            ent__tb_int(t, first + (size_t)i, (long long)val[i]);
        else
            ent__tb_real(t, first + (size_t)i, val[i]);
    }
    ent__tb_str(t, first + M_COUNT, method);
}

/* The notes that say how the numbers were obtained. */
static void summary_notes(tb *t, const analysis *an, const ent_balance_options *o,
                          const char *prefix)
{
    ent_strbuf sb = ENT_STRBUF_INIT;
    ent_strbuf_addf(&sb,
                    "%ssigned ties: one per pair of actors, with the sign of the sum of the "
                    "weights in both directions",
                    prefix);
    if (an->p.cancelled)
        ent_strbuf_addf(&sb, "; %zu pair%s whose weights cancel out ha%s no tie", an->p.cancelled,
                        an->p.cancelled == 1 ? "" : "s", an->p.cancelled == 1 ? "s" : "ve");
    ent__tb_note(t, ent_strbuf_str(&sb));
    ent_strbuf_reset(&sb);
    const ent_frustration_info *f = &an->fi;
    if (f->exact && !f->parts)
        ent_strbuf_addf(&sb, "%sfrustration: exact (the ties form no cycle)", prefix);
    else if (f->exact)
        ent_strbuf_addf(&sb,
                        "%sfrustration: exact, proven minimal by branch and bound (connected "
                        "parts with cycles: %zu)",
                        prefix, f->parts);
    else {
        ent_strbuf_addf(&sb,
                        "%sfrustration: heuristic (multi-start local search), an upper bound; "
                        "the index lies between %zu and %zu. Connected parts left to the "
                        "heuristic: %zu of %zu, the largest with %zu actors (exact limit: %zu "
                        "actors",
                        prefix, f->lower_bound, f->frustration, f->parts_heuristic, f->parts,
                        f->largest_heuristic,
                        o->exact_max < EXACT_LIMIT ? o->exact_max : EXACT_LIMIT);
        if (f->parts_over_budget)
            ent_strbuf_addf(&sb, "; %zu of them ran out of the search's budget of %llu nodes",
                            f->parts_over_budget, o->node_budget);
        ent_strbuf_adds(&sb, ")");
    }
    ent__tb_note(t, ent_strbuf_str(&sb));
    if (isnan(an->walk) && an->p.n) {
        ent_strbuf_reset(&sb);
        if (!o->walk_max)
            ent_strbuf_addf(&sb, "%swalk balance: not computed (turned off)", prefix);
        else
            ent_strbuf_addf(&sb,
                            "%swalk balance: not computed, a connected part has %zu actors (limit "
                            "%zu)",
                            prefix, an->walk_largest, o->walk_max);
        ent__tb_note(t, ent_strbuf_str(&sb));
    }
    if (sb.failed)
        t->rc = t->rc ? t->rc : ENT_ENOMEM;
    ent_strbuf_release(&sb);
}

static const char *pattern_of(int negatives_)
{
    static const char *const names[4] = {"+++", "++-", "+--", "---"};
    return names[negatives_];
}

/* The pairs of a triad's actors, in the order of its ties: a-b, a-c, b-c. */
static const int tie_ends[3][2] = {{0, 1}, {0, 2}, {1, 2}};

static int triads_table(ent_table **out, const analysis *an, const ent_balance_options *o)
{
    const ent_graph *g = ent_view_graph(an->view);
    char day[11], title[160];
    snprintf(title, sizeof title, "unbalanced triads on %s (strict balance), most intense first",
             ent__day_str(ent_view_day(an->view), day));
    tb t = {ent_table_new(title), ENT_OK};
    if (!t.t)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    ent__tb_col(&t, "a", ENT_COL_STRING, 0);
    ent__tb_col(&t, "b", ENT_COL_STRING, 0);
    ent__tb_col(&t, "c", ENT_COL_STRING, 0);
    ent__tb_col(&t, "pattern", ENT_COL_STRING, 0);
    ent__tb_col(&t, "intensity", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "weight_ab", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "weight_ac", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "weight_bc", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "relations_ab", ENT_COL_STRING, 0);
    ent__tb_col(&t, "relations_ac", ENT_COL_STRING, 0);
    ent__tb_col(&t, "relations_bc", ENT_COL_STRING, 0);
    ent_strbuf sb = ENT_STRBUF_INIT;
    size_t n = an->n_un;
    if (o->top && o->top < n)
        n = o->top;
    for (size_t r = 0; r < n && !t.rc; r++) {
        const triad *d = &an->un[r];
        ent__tb_row(&t);
        for (int i = 0; i < 3; i++)
            ent__tb_str(&t, (size_t)i, ent_graph_actor(g, d->actor[i])->id);
        ent__tb_str(&t, 3, pattern_of(negatives(an->p.sign, d->tie)));
        ent__tb_real(&t, 4, d->intensity);
        for (int i = 0; i < 3; i++) {
            ent__tb_real(&t, 5 + (size_t)i, an->p.w[d->tie[i]]);
            ent_strbuf_reset(&sb);
            ent__describe_ptie(&an->p, an->view, d->tie[i], d->actor[tie_ends[i][0]],
                               d->actor[tie_ends[i][1]], &sb);
            ent__tb_str(&t, 8 + (size_t)i, ent_strbuf_str(&sb));
        }
    }
    if (n < an->n_un) {
        ent_strbuf_reset(&sb);
        ent_strbuf_addf(&sb, "the %zu most intense of %zu unbalanced triads", n, an->n_un);
        ent__tb_note(&t, ent_strbuf_str(&sb));
    }
    ent__tb_note(&t,
                 "pattern: the signs of the three ties; ++- is unbalanced under strict and weak "
                 "balance, --- under strict balance only");
    ent__view_note(&t, an->view);
    if (!t.rc && sb.failed)
        t.rc = ENT_ENOMEM;
    ent_strbuf_release(&sb);
    if (t.rc) {
        ent_table_free(t.t);
        return ent_error_set(t.rc, "out of memory");
    }
    *out = t.t;
    return ENT_OK;
}

static int camps_table(ent_table **out, const analysis *an)
{
    const ent_graph *g = ent_view_graph(an->view);
    const proj *p = &an->p;
    size_t n = p->n, nc = 0;
    char day[11], title[160];
    uint32_t *comp = malloc((n + 1) * sizeof *comp), *queue = malloc((n + 1) * sizeof *queue);
    uint32_t *against_n = calloc(n + 1, sizeof *against_n);
    uint64_t *order = malloc((n + 1) * sizeof *order);
    tb t = {NULL, ENT_OK};
    if (!comp || !queue || !against_n || !order) {
        t.rc = ENT_ENOMEM;
        goto done;
    }
    ent__components(&p->a, comp, queue, &nc);
    for (size_t i = 0; i < p->m; i++)
        if (against(p->sign[i], (uint8_t)an->camp[p->from[i]], (uint8_t)an->camp[p->to[i]])) {
            against_n[p->from[i]]++;
            against_n[p->to[i]]++;
        }
    for (size_t v = 0; v < n; v++)
        order[v] = (uint64_t)comp[v] << 33 | (uint64_t)(an->camp[v] - 1) << 32 | v;
    qsort(order, n, sizeof *order, cmp_u64);
    snprintf(title, sizeof title, "camps on %s (the split behind the frustration index)",
             ent__day_str(ent_view_day(an->view), day));
    t.t = ent_table_new(title);
    if (!t.t) {
        t.rc = ENT_ENOMEM;
        goto done;
    }
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "part", ENT_COL_INT, 0);
    ent__tb_col(&t, "camp", ENT_COL_INT, 0);
    ent__tb_col(&t, "ties", ENT_COL_INT, 0);
    ent__tb_col(&t, "against_camps", ENT_COL_INT, 0);
    for (size_t i = 0; i < n && !t.rc; i++) {
        uint32_t v = (uint32_t)(order[i] & 0xffffffffu);
        const ent_actor *a = ent_graph_actor(g, p->actor[v]);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, a->id);
        ent__tb_str(&t, 1, a->name);
        ent__tb_int(&t, 2, (long long)comp[v] + 1);
        ent__tb_int(&t, 3, an->camp[v]);
        ent__tb_int(&t, 4, (long long)(p->a.off[v + 1] - p->a.off[v]));
        ent__tb_int(&t, 5, against_n[v]);
    }
    ent__tb_note(&t,
                 "part: connected part of the signed ties, numbered in graph order; in each part "
                 "camp 1 is the side of its first actor");
    ent__tb_note(&t, "against_camps: the actor's ties that go against the split (positive across "
                     "the camps, negative within one)");
    if (!an->fi.exact)
        ent__tb_note(&t, "the split comes from the heuristic: it may not be a best one");
    ent__view_note(&t, an->view);
done:
    free(comp);
    free(queue);
    free(against_n);
    free(order);
    if (t.rc) {
        ent_table_free(t.t);
        return ent_error_set(t.rc, "out of memory");
    }
    *out = t.t;
    return ENT_OK;
}

int ent_balance_tables(ent_table **summary, ent_table **triads, ent_table **camps,
                       const ent_view *v, const ent_balance_options *o)
{
    ent_balance_options defaults;
    if (!o) {
        ent_balance_options_init(&defaults);
        o = &defaults;
    }
    if (summary)
        *summary = NULL;
    if (triads)
        *triads = NULL;
    if (camps)
        *camps = NULL;
    const analysis *anp;
    int rc = analysis_of(&anp, v, o);
    if (rc)
        return rc;
    const analysis an = *anp; /* read only: the cache keeps it */
    ent_table *ts = NULL, *tt = NULL, *tc = NULL;
    if (summary) {
        char day[11], title[128];
        snprintf(title, sizeof title, "structural balance on %s",
                 ent__day_str(ent_view_day(v), day));
        tb t = {ent_table_new(title), ENT_OK};
        if (!t.t)
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
        else {
            double val[M_COUNT];
            measure_values(&an, val);
            summary_columns(&t, 0);
            ent__tb_row(&t);
            summary_row(&t, 0, val, method_of(&an));
            summary_notes(&t, &an, o, "");
            ent__view_note(&t, v);
            ts = t.t;
            if (t.rc)
                rc = ent_error_set(t.rc, "out of memory");
        }
    }
    if (!rc && triads)
        rc = triads_table(&tt, &an, o);
    if (!rc && camps)
        rc = camps_table(&tc, &an);
    if (rc) {
        ent_table_free(ts);
        ent_table_free(tt);
        ent_table_free(tc);
        return rc;
    }
    if (summary)
        *summary = ts;
    if (triads)
        *triads = tt;
    if (camps)
        *camps = tc;
    return ENT_OK;
}

/* ------------------------------------------------------------ the change --- */

/* How three actors stand in one analysis: -1 not a closed triangle, else the
 * number of negative ties; ties[] their ties (-1 when missing). */
static int triad_state(const analysis *an, const uint32_t *actor, long ties[3])
{
    int neg = 0, closed = 1;
    for (int i = 0; i < 3; i++) {
        ties[i] = ent__tie_of(&an->p, actor[tie_ends[i][0]], actor[tie_ends[i][1]]);
        if (ties[i] < 0)
            closed = 0;
        else
            neg += an->p.sign[ties[i]] < 0;
    }
    return closed ? neg : -1;
}

typedef struct change_row {
    int kind; /* 0 became unbalanced, 1 formed unbalanced, 2 became balanced, 3 dissolved */
    uint32_t actor[3];
    double key; /* the intensity while unbalanced */
} change_row;

static const char *const change_names[4] = {"became unbalanced", "formed unbalanced",
                                            "became balanced", "dissolved"};

static int by_change(const void *x, const void *y)
{
    const change_row *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    for (int i = 0; i < 3; i++)
        if (a->actor[i] != b->actor[i])
            return a->actor[i] < b->actor[i] ? -1 : 1;
    return 0;
}

static double intensity_in(const analysis *an, const long ties[3])
{
    double s = 0;
    for (int i = 0; i < 3; i++)
        s += fabs(an->p.w[ties[i]]);
    return s;
}

static int change_triads_table(ent_table **out, const analysis *a, const analysis *b,
                               const ent_balance_options *o)
{
    const ent_graph *g = ent_view_graph(b->view);
    change_row *rows = malloc((a->n_un + b->n_un + 1) * sizeof *rows);
    size_t n = 0;
    char d1[11], d2[11], title[200];
    tb t = {NULL, ENT_OK};
    ent_strbuf sb = ENT_STRBUF_INIT;
    if (!rows) {
        t.rc = ENT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < b->n_un; i++) {
        long ties[3];
        int before = triad_state(a, b->un[i].actor, ties);
        if (before >= 0 && before % 2)
            continue; /* unbalanced on both dates */
        rows[n].kind = before < 0 ? 1 : 0;
        memcpy(rows[n].actor, b->un[i].actor, sizeof rows[n].actor);
        rows[n++].key = b->un[i].intensity;
    }
    for (size_t i = 0; i < a->n_un; i++) {
        long ties[3];
        int after = triad_state(b, a->un[i].actor, ties);
        if (after >= 0 && after % 2)
            continue;
        rows[n].kind = after < 0 ? 3 : 2;
        memcpy(rows[n].actor, a->un[i].actor, sizeof rows[n].actor);
        rows[n++].key = a->un[i].intensity;
    }
    qsort(rows, n, sizeof *rows, by_change);
    snprintf(title, sizeof title, "triads whose balance changed from %s to %s",
             ent__day_str(ent_view_day(a->view), d1), ent__day_str(ent_view_day(b->view), d2));
    t.t = ent_table_new(title);
    if (!t.t) {
        t.rc = ENT_ENOMEM;
        goto done;
    }
    ent__tb_col(&t, "change", ENT_COL_STRING, 0);
    ent__tb_col(&t, "a", ENT_COL_STRING, 0);
    ent__tb_col(&t, "b", ENT_COL_STRING, 0);
    ent__tb_col(&t, "c", ENT_COL_STRING, 0);
    ent__tb_col(&t, "before", ENT_COL_STRING, 0);
    ent__tb_col(&t, "after", ENT_COL_STRING, 0);
    ent__tb_col(&t, "intensity_before", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "intensity_after", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "relations_ab", ENT_COL_STRING, 0);
    ent__tb_col(&t, "relations_ac", ENT_COL_STRING, 0);
    ent__tb_col(&t, "relations_bc", ENT_COL_STRING, 0);
    size_t shown = o->top && o->top < n ? o->top : n;
    for (size_t r = 0; r < shown && !t.rc; r++) {
        const change_row *c = &rows[r];
        long ta[3], tbt[3];
        int sa = triad_state(a, c->actor, ta), sb_ = triad_state(b, c->actor, tbt);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, change_names[c->kind]);
        for (int i = 0; i < 3; i++)
            ent__tb_str(&t, 1 + (size_t)i, ent_graph_actor(g, c->actor[i])->id);
        ent__tb_str(&t, 4, sa < 0 ? "open" : pattern_of(sa));
        ent__tb_str(&t, 5, sb_ < 0 ? "open" : pattern_of(sb_));
        ent__tb_real(&t, 6, sa < 0 ? NAN : intensity_in(a, ta));
        ent__tb_real(&t, 7, sb_ < 0 ? NAN : intensity_in(b, tbt));
        for (int i = 0; i < 3; i++) {
            uint32_t x = c->actor[tie_ends[i][0]], y = c->actor[tie_ends[i][1]];
            ent_strbuf_reset(&sb);
            if (ta[i] < 0 && tbt[i] >= 0)
                ent_strbuf_adds(&sb, "formed: ");
            else if (ta[i] >= 0 && tbt[i] < 0)
                ent_strbuf_adds(&sb, "dissolved, before: ");
            else if (ta[i] >= 0 && a->p.sign[ta[i]] != b->p.sign[tbt[i]])
                ent_strbuf_adds(&sb, "sign-flipped: ");
            if (tbt[i] >= 0)
                ent__describe_ptie(&b->p, b->view, (size_t)tbt[i], x, y, &sb);
            else if (ta[i] >= 0)
                ent__describe_ptie(&a->p, a->view, (size_t)ta[i], x, y, &sb);
            ent__tb_str(&t, 8 + (size_t)i, ent_strbuf_str(&sb));
        }
    }
    if (shown < n) {
        ent_strbuf_reset(&sb);
        ent_strbuf_addf(&sb, "the first %zu of %zu changed triads", shown, n);
        ent__tb_note(&t, ent_strbuf_str(&sb));
    }
    ent__tb_note(&t,
                 "before, after: the signs of the three ties, or open when one of them is "
                 "missing; the relations are those of the later date, or of the earlier one for "
                 "a tie that dissolved");
    ent__view_note(&t, b->view);
    if (!t.rc && sb.failed)
        t.rc = ENT_ENOMEM;
done:
    free(rows);
    ent_strbuf_release(&sb);
    if (t.rc) {
        ent_table_free(t.t);
        return ent_error_set(t.rc, "out of memory");
    }
    *out = t.t;
    return ENT_OK;
}

int ent_balance_change_tables(ent_table **summary, ent_table **triads, const ent_view *a,
                              const ent_view *b, const ent_balance_options *o)
{
    ent_balance_options defaults;
    if (!o) {
        ent_balance_options_init(&defaults);
        o = &defaults;
    }
    if (summary)
        *summary = NULL;
    if (triads)
        *triads = NULL;
    if (ent_view_graph(a) != ent_view_graph(b))
        return ent_error_set(ENT_EUSAGE, "the two snapshots come from different graphs");
    const analysis *pa, *pb;
    int rc = analysis_of(&pa, a, o);
    if (!rc)
        rc = analysis_of(&pb, b, o);
    if (rc)
        return rc;
    const analysis aa = *pa, ab = *pb; /* read only: the cache keeps them */
    ent_table *ts = NULL, *tt = NULL;
    if (summary) {
        char d1[11], d2[11], title[160];
        ent__day_str(ent_view_day(a), d1);
        ent__day_str(ent_view_day(b), d2);
        snprintf(title, sizeof title, "structural balance from %s to %s", d1, d2);
        tb t = {ent_table_new(title), ENT_OK};
        if (!t.t)
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
        else {
            double va[M_COUNT], vb[M_COUNT], dv[M_COUNT];
            measure_values(&aa, va);
            measure_values(&ab, vb);
            for (int i = 0; i < M_COUNT; i++)
                dv[i] = vb[i] - va[i];
            summary_columns(&t, 1);
            ent__tb_row(&t);
            ent__tb_str(&t, 0, d1);
            summary_row(&t, 1, va, method_of(&aa));
            ent__tb_row(&t);
            ent__tb_str(&t, 0, d2);
            summary_row(&t, 1, vb, method_of(&ab));
            ent__tb_row(&t);
            ent__tb_str(&t, 0, "change");
            summary_row(&t, 1, dv, "");
            char prefix[20];
            snprintf(prefix, sizeof prefix, "%s: ", d1);
            summary_notes(&t, &aa, o, prefix);
            snprintf(prefix, sizeof prefix, "%s: ", d2);
            summary_notes(&t, &ab, o, prefix);
            ent__view_note(&t, b);
            ts = t.t;
            if (t.rc)
                rc = ent_error_set(t.rc, "out of memory");
        }
    }
    if (!rc && triads)
        rc = change_triads_table(&tt, &aa, &ab, o);
    if (rc) {
        ent_table_free(ts);
        ent_table_free(tt);
        return rc;
    }
    if (summary)
        *summary = ts;
    if (triads)
        *triads = tt;
    return ENT_OK;
}
