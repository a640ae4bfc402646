/*
 * leverage_live.c: leverage kept up to date as the reliance on a fixed set of
 * pairs changes (leverage_live.h), so that a timeline step costs what changed
 * in it rather than every pair in force.
 *
 * Leverage is a sum of per-client terms: client c relies on patron p for
 * r(c, p), in all for R(c), and gives p the term r(c, p)^2 / R(c). When c's
 * reliance changes, only c's terms change; when a term changes, only its
 * patron's sum does. Each actor lists the actors some slot links it to
 * (its neighbours, in increasing order) with the two slots between them; a
 * neighbour's entry also holds the term the owner gets from it as a client.
 *
 * ent__leverage_compute (reliance.c) on the edge list of the live slots is
 * the reference, and floating-point sums depend on their order, so each sum
 * here is taken in the order it takes them:
 *
 * - r(c, p) adds what edge p -> c gives c (rel_to) and what edge c -> p gives
 *   it (rel_from): two terms, whose sum does not depend on their order;
 * - R(c) adds the pairs kept (above ENT__RELIANCE_EPS) in the order in which
 *   the patrons first appear among the edges taken in (source, target) order:
 *   first the patrons p < c of an edge p -> c with rel_to, by p; then the
 *   patrons of an edge c -> p with rel_from (or of the loop c -> c) not seen
 *   yet, by p; then the patrons p > c of an edge p -> c with rel_to not seen
 *   yet, by p;
 * - a patron's leverage adds its terms by increasing client. Adding the zero
 *   terms of the neighbours that are not its clients changes no bit.
 */
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/leverage_live.h"
#include "passes/metrics.h"
#include "util/error.h"

#define NONE UINT32_MAX

/* One neighbour q of an actor a. */
typedef struct nbr {
    uint32_t actor;   /* q */
    uint32_t in, out; /* the slots q -> a and a -> q, or NONE (both the loop when q == a) */
    uint32_t mirror;  /* the index of a's entry in q's list */
} nbr;

struct live_leverage {
    size_t na, ns;
    double *rel_to, *rel_from;           /* per slot, as last set */
    const uint32_t *slot_src, *slot_tgt; /* the caller's */
    size_t *start;                       /* actor a's neighbours: nb[start[a] .. start[a + 1]) */
    nbr *nb;
    double *term;    /* per entry (a, q): the term a gets from client q */
    double *lev;     /* per actor */
    uint32_t *dirty; /* clients marked, then patrons to sum again */
    unsigned char *is_dirty;
    size_t n_dirty;
    uint32_t *patrons; /* patrons to sum again */
    unsigned char *is_patron;
    size_t n_patrons;
    double *amount;     /* scratch: one client's r(c, p) per neighbour */
    unsigned char *seg; /* scratch: the part of the order it comes in (0, 1, 2; 3: none) */
};

void ent__live_leverage_free(live_leverage *L)
{
    if (!L)
        return;
    free(L->rel_to), free(L->rel_from);
    free(L->start), free(L->nb), free(L->term), free(L->lev);
    free(L->dirty), free(L->is_dirty), free(L->patrons), free(L->is_patron);
    free(L->amount), free(L->seg);
    free(L);
}

int ent__live_leverage_new(live_leverage **out, size_t na, size_t ns, const uint32_t *slot_src,
                           const uint32_t *slot_tgt)
{
    *out = NULL;
    live_leverage *L = calloc(1, sizeof *L);
    size_t *by_tgt_start = NULL, *cursor = NULL;
    uint32_t *by_tgt = NULL;
    if (!L)
        goto oom;
    L->na = na;
    L->ns = ns;
    size_t a1 = na ? na : 1, s1 = ns ? ns : 1;
    L->rel_to = calloc(s1, sizeof *L->rel_to);
    L->rel_from = calloc(s1, sizeof *L->rel_from);
    L->start = calloc(na + 1, sizeof *L->start);
    L->lev = calloc(a1, sizeof *L->lev);
    L->dirty = malloc(a1 * sizeof *L->dirty);
    L->is_dirty = calloc(a1, 1);
    L->patrons = malloc(a1 * sizeof *L->patrons);
    L->is_patron = calloc(a1, 1);
    by_tgt_start = calloc(na + 1, sizeof *by_tgt_start);
    by_tgt = malloc(s1 * sizeof *by_tgt);
    cursor = malloc(a1 * sizeof *cursor);
    if (!L->rel_to || !L->rel_from || !L->start || !L->lev || !L->dirty || !L->is_dirty ||
        !L->patrons || !L->is_patron || !by_tgt_start || !by_tgt || !cursor)
        goto oom;
    L->slot_src = slot_src;
    L->slot_tgt = slot_tgt;
    /* The slots into each actor, by source (a stable counting sort of slot order). */
    for (size_t x = 0; x < ns; x++)
        by_tgt_start[slot_tgt[x] + 1]++;
    for (size_t a = 0; a < na; a++)
        by_tgt_start[a + 1] += by_tgt_start[a];
    memcpy(cursor, by_tgt_start, na * sizeof *cursor);
    for (size_t x = 0; x < ns; x++)
        by_tgt[cursor[slot_tgt[x]]++] = (uint32_t)x;
    /* Each actor's neighbours: its slots out (by target, in slot order) merged with its
     * slots in (by source). Counted first, then filled. */
    size_t out_at = 0;
    for (int fill = 0; fill < 2; fill++) {
        size_t ne = 0;
        out_at = 0;
        for (size_t a = 0; a < na; a++) {
            size_t o = out_at, o_end = o, i = by_tgt_start[a], i_end = by_tgt_start[a + 1];
            while (o_end < ns && slot_src[o_end] == a)
                o_end++;
            while (o < o_end || i < i_end) {
                uint32_t qo = o < o_end ? slot_tgt[o] : NONE;
                uint32_t qi = i < i_end ? slot_src[by_tgt[i]] : NONE;
                uint32_t q = qo < qi ? qo : qi;
                if (fill)
                    L->nb[ne] =
                        (nbr){q, qi == q ? by_tgt[i] : NONE, qo == q ? (uint32_t)o : NONE, NONE};
                o += qo == q;
                i += qi == q;
                ne++;
            }
            out_at = o_end;
            if (!fill)
                L->start[a + 1] = ne;
        }
        if (fill)
            break;
        if (ne >= NONE) {
            ent__live_leverage_free(L);
            free(by_tgt_start), free(by_tgt), free(cursor);
            return ent_error_set(ENT_ENOMEM, "too many pairs to keep leverage up to date");
        }
        L->nb = malloc((ne ? ne : 1) * sizeof *L->nb);
        L->term = calloc(ne ? ne : 1, sizeof *L->term);
        if (!L->nb || !L->term)
            goto oom;
    }
    /* Mirrors: the entries (a, q) for increasing a meet q's entries in increasing order. */
    memcpy(cursor, L->start, na * sizeof *cursor);
    size_t max_deg = 0;
    for (size_t a = 0; a < na; a++) {
        size_t deg = L->start[a + 1] - L->start[a];
        max_deg = deg > max_deg ? deg : max_deg;
        for (size_t e = L->start[a]; e < L->start[a + 1]; e++) {
            uint32_t q = L->nb[e].actor;
            while (L->nb[cursor[q]].actor < a)
                cursor[q]++;
            L->nb[e].mirror = (uint32_t)cursor[q];
        }
    }
    L->amount = malloc((max_deg ? max_deg : 1) * sizeof *L->amount);
    L->seg = malloc(max_deg ? max_deg : 1);
    if (!L->amount || !L->seg)
        goto oom;
    free(by_tgt_start), free(by_tgt), free(cursor);
    *out = L;
    return ENT_OK;
oom:
    ent__live_leverage_free(L);
    free(by_tgt_start), free(by_tgt), free(cursor);
    return ent_error_set(ENT_ENOMEM, "out of memory while preparing leverage over time");
}

static void mark(uint32_t *list, unsigned char *flag, size_t *n, uint32_t a)
{
    if (!flag[a]) {
        flag[a] = 1;
        list[(*n)++] = a;
    }
}

void ent__live_leverage_set(live_leverage *L, uint32_t x, double rel_to, double rel_from)
{
    if (rel_to != L->rel_to[x])
        mark(L->dirty, L->is_dirty, &L->n_dirty, L->slot_tgt[x]);
    if (rel_from != L->rel_from[x])
        mark(L->dirty, L->is_dirty, &L->n_dirty, L->slot_src[x]);
    L->rel_to[x] = rel_to;
    L->rel_from[x] = rel_from;
}

/* Client c's reliance again: its terms into its patrons' entries, marking the
 * patrons whose terms changed. */
static void client_again(live_leverage *L, uint32_t c)
{
    const nbr *nb = L->nb + L->start[c];
    size_t deg = L->start[c + 1] - L->start[c];
    for (size_t k = 0; k < deg; k++) {
        uint32_t q = nb[k].actor;
        double to = nb[k].in != NONE ? L->rel_to[nb[k].in] : 0;
        double from = nb[k].out != NONE ? L->rel_from[nb[k].out] : 0;
        L->amount[k] = to + from;
        L->seg[k] = to == 0 && from == 0 ? 3 : q < c && to != 0 ? 0 : q == c || from != 0 ? 1 : 2;
    }
    double total = 0;
    for (unsigned char part = 0; part < 3; part++)
        for (size_t k = 0; k < deg; k++)
            if (L->seg[k] == part && L->amount[k] > ENT__RELIANCE_EPS)
                total += L->amount[k];
    for (size_t k = 0; k < deg; k++) {
        double a = L->amount[k];
        double t = L->seg[k] != 3 && a > ENT__RELIANCE_EPS ? a * a / total : 0;
        double *slot = &L->term[nb[k].mirror];
        if (t != *slot) {
            *slot = t;
            mark(L->patrons, L->is_patron, &L->n_patrons, nb[k].actor);
        }
    }
}

const double *ent__live_leverage_values(live_leverage *L)
{
    for (size_t i = 0; i < L->n_dirty; i++) {
        client_again(L, L->dirty[i]);
        L->is_dirty[L->dirty[i]] = 0;
    }
    L->n_dirty = 0;
    for (size_t i = 0; i < L->n_patrons; i++) {
        uint32_t p = L->patrons[i];
        double sum = 0;
        for (size_t e = L->start[p]; e < L->start[p + 1]; e++)
            sum += L->term[e];
        L->lev[p] = sum;
        L->is_patron[p] = 0;
    }
    L->n_patrons = 0;
    return L->lev;
}
