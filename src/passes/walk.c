/*
 * walk.c: the walk balance of Estrada and Benzi, tr exp(A) / tr exp(|A|),
 * from the eigenvalues of each connected part (LAPACK's dense symmetric
 * solver through igraph, the one use of igraph in the balance analysis).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "entente/error.h"
#include "passes/common.h"
#include "passes/ig.h"
#include "passes/signed.h"
#include "util/error.h"

#define NONE SIGNED_NONE

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
int ent__walk_balance(const adj *a, const int *sign, size_t max_part, double *out, size_t *largest)
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
    ent__igraph_quiet();
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
    int rc = ent__adj_build(&a, n, from, to, sign, m);
    if (rc)
        return rc;
    rc = ent__walk_balance(&a, sign, SIZE_MAX, out, NULL);
    ent__adj_release(&a);
    return rc;
}
