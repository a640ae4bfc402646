/*
 * triangles.c: the triangles of a signed graph, each found once (the
 * forward algorithm), and their count by sign pattern (ent_signed_triangles).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "passes/signed.h"
#include "util/error.h"

#define NONE SIGNED_NONE

/* Called once per triangle: v[0] < v[1] < v[2], t[] the ties v0-v1, v0-v2, v1-v2. */

/*
 * Every triangle of `a` exactly once, by the forward algorithm (Schank and
 * Wagner 2005): ties are oriented from the lower to the higher vertex in the
 * order (degree, index), and each triangle is found from its lowest vertex.
 * O(m^1.5) time, O(n + m) memory.
 */
int ent__triangles(const adj *a, tri_fn fn, void *ud)
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

int ent__negatives(const int *sign, const uint32_t t[3])
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
    c->counts[ent__negatives(c->sign, t)]++;
}

int ent_signed_triangles(size_t n, const uint32_t *from, const uint32_t *to, const int *sign,
                         size_t m, size_t counts[4])
{
    adj a;
    memset(counts, 0, 4 * sizeof *counts);
    int rc = ent__adj_build(&a, n, from, to, sign, m);
    if (rc)
        return rc;
    count_ctx c = {sign, {0, 0, 0, 0}};
    rc = ent__triangles(&a, count_one, &c);
    ent__adj_release(&a);
    if (!rc)
        memcpy(counts, c.counts, sizeof c.counts);
    return rc;
}
