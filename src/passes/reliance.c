/*
 * reliance.c: who relies on whom, and the leverage that follows from it.
 *
 * Power-dependence theory (Emerson 1962) puts A's power over B in B's
 * dependence on A, which grows with what B seeks from A and shrinks with the
 * alternatives B has elsewhere; Keohane and Nye (1977) read asymmetric
 * interdependence between states the same way. entente measures dependence
 * from the relations in force: each relation's role says whether it makes
 * one end rely on the other (provides, seeks, yields, membership of a defence
 * alliance) or takes from that reliance (refuses). Per pair, the reliance of
 * client B on patron A is the sum over those relations; B's dependence on A
 * is A's share of B's whole reliance; A's leverage over B is the reliance
 * times the share (the bandwidth-times-dependence shape of the Formal
 * Bilateral Influence Capacity index, Moyer et al. 2021); A's leverage is its
 * leverage over every client, summed. docs/analyses.md, "Leverage", gives the
 * rules and the reasons for each.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/metrics.h"
#include "snapshot/reliance.h"
#include "util/error.h"

/* What relation r adds when read from `from` to `to` (its own direction, or
 * the other one for a symmetric type): 1 and *out, or 0. */
static int reliance_as(const ent_view *v, uint32_t r, uint32_t from, uint32_t to, ent_reliance *out)
{
    double amount;
    switch (ent__view_reliance(v, r, from, &amount)) {
    case ENT_RELY_TO_ON_FROM:
        *out = (ent_reliance){to, from, amount};
        return 1;
    case ENT_RELY_REFUSAL:
        *out = (ent_reliance){to, from, -amount};
        return 1;
    case ENT_RELY_FROM_ON_TO:
        *out = (ent_reliance){from, to, amount};
        return 1;
    default:
        return 0;
    }
}

int ent_relation_reliance(const ent_view *v, uint32_t r, ent_reliance out[2])
{
    const ent_graph *g = ent_view_graph(v);
    if (r >= ent_graph_relation_count(g))
        return 0;
    const ent_relation *rel = ent_graph_relation(g, r);
    int n = reliance_as(v, r, rel->source, rel->target, &out[0]);
    if (n && ent_graph_type(g, rel->type)->symmetric)
        n += reliance_as(v, r, rel->target, rel->source, &out[1]);
    return n;
}

void ent__edge_reliance(const ent_view *v, const ent_edge *x, double *rel_to, double *rel_from)
{
    /* Summed when the view was taken; x is one of v's edges. */
    if (!ent__view_edge_reliance(v, x, rel_to, rel_from))
        *rel_to = *rel_from = 0;
}

void ent__reliance_release(reliance *r)
{
    free(r->start);
    free(r->patron);
    free(r->amount);
    free(r->total);
    memset(r, 0, sizeof *r);
}

int ent__reliance_compute(const elist *e, reliance *out)
{
    size_t n = e->n, k = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < e->m; i++)
        k += (e->rel_to[i] != 0) + (e->rel_from[i] != 0);
    size_t *start = calloc(n + 2, sizeof *start);
    uint32_t *patron = malloc((k ? k : 1) * sizeof *patron);
    double *amount = malloc((k ? k : 1) * sizeof *amount);
    double *total = calloc(n ? n : 1, sizeof *total);
    uint32_t *stamp = calloc(n ? n : 1, sizeof *stamp); /* client + 1 that last saw a patron */
    size_t *slot = malloc((n ? n : 1) * sizeof *slot);
    if (!start || !patron || !amount || !total || !stamp || !slot) {
        free(start), free(patron), free(amount), free(total), free(stamp), free(slot);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    /* Counting sort of the contributions by client. */
    for (size_t i = 0; i < e->m; i++) {
        if (e->rel_to[i] != 0)
            start[e->to[i] + 2]++;
        if (e->rel_from[i] != 0)
            start[e->from[i] + 2]++;
    }
    for (size_t c = 0; c < n; c++)
        start[c + 2] += start[c + 1];
    for (size_t i = 0; i < e->m; i++) {
        if (e->rel_to[i] != 0) {
            size_t at = start[e->to[i] + 1]++;
            patron[at] = e->from[i];
            amount[at] = e->rel_to[i];
        }
        if (e->rel_from[i] != 0) {
            size_t at = start[e->from[i] + 1]++;
            patron[at] = e->to[i];
            amount[at] = e->rel_from[i];
        }
    }
    /* Now start[c] .. start[c + 1] are client c's contributions. Sum those of
     * one patron, keep the positive sums, and pack the pairs to the front. */
    size_t w = 0;
    for (size_t c = 0; c < n; c++) {
        size_t begin = w, end = start[c + 1];
        for (size_t j = start[c]; j < end; j++) {
            uint32_t p = patron[j];
            if (stamp[p] == c + 1) {
                amount[slot[p]] += amount[j];
                continue;
            }
            stamp[p] = (uint32_t)(c + 1);
            slot[p] = w;
            patron[w] = p;
            amount[w++] = amount[j];
        }
        size_t kept = begin;
        for (size_t j = begin; j < w; j++)
            if (amount[j] > ENT__RELIANCE_EPS) {
                patron[kept] = patron[j];
                amount[kept] = amount[j];
                total[c] += amount[kept++];
            }
        w = kept;
        start[c] = begin;
    }
    start[n] = w;
    free(stamp);
    free(slot);
    out->start = start;
    out->patron = patron;
    out->amount = amount;
    out->total = total;
    return ENT_OK;
}

int ent__leverage_compute(const elist *e, double *out)
{
    reliance r;
    for (size_t i = 0; i < e->n; i++)
        out[i] = 0;
    int rc = ent__reliance_compute(e, &r);
    if (rc)
        return rc;
    for (size_t c = 0; c < e->n; c++)
        for (size_t k = r.start[c]; k < r.start[c + 1]; k++)
            out[r.patron[k]] += r.amount[k] * r.amount[k] / r.total[c];
    ent__reliance_release(&r);
    return ENT_OK;
}
