/*
 * signed.c: the signed undirected graph behind the balance and bloc
 * analyses: adjacency lists of signed ties, their connected parts, and the
 * projection of a view (one tie per pair of actors, the sign of both
 * directions' total, with the part owed to shared alliances).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/allies.h"
#include "passes/common.h"
#include "passes/signed.h"
#include "util/error.h"

#define NONE    SIGNED_NONE
#define TIE_EPS 1e-9 /* a pair whose weights sum to less than this has no tie */

void ent__adj_release(adj *a)
{
    free(a->off);
    free(a->nbr);
    free(a->tie);
    memset(a, 0, sizeof *a);
}

int ent__cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Checks the ties (see analysis.h) and builds their adjacency lists. */
int ent__adj_build(adj *a, size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
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
        qsort(packed + lo, hi - lo, sizeof *packed, ent__cmp_u64);
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
        ent__adj_release(a);
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
    ent__adj_release(&p->a);
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
    rc = ent__adj_build(&p->a, p->n, p->from, p->to, p->sign, p->m);
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
