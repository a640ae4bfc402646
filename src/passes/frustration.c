/*
 * frustration.c: the frustration index of a signed graph and the two camps
 * it implies: exactly, by branch and bound, for connected parts of up to a
 * few dozen actors, and beyond that by a multi-start local search whose
 * answer is an upper bound, with a lower bound from edge-disjoint
 * unbalanced triangles.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "passes/signed.h"
#include "util/error.h"

#define NONE            SIGNED_NONE
#define HEUR_STARTS_MIN 8 /* starts of the local search: 2e6 / ties, within these */
#define HEUR_STARTS_MAX 64
#define HEUR_WORK       2000000
#define HEUR_MAX_PASSES 1000
#define HEUR_SEED       UINT64_C(0x656e74656e746531) /* "entente1" */

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
        int was = ent__against(p->sg[e], s->side[v], s->side[w]), queued = s->inb[w];
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
            s->viol[v] += (uint32_t)ent__against(p->sg[e], s->side[v], s->side[p->nbr[e]]);
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
    uint64_t pos[SIGNED_EXACT_LIMIT],
        neg[SIGNED_EXACT_LIMIT]; /* neighbours by sign, as bit masks */
    int F[SIGNED_EXACT_LIMIT + 1];
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
        uint8_t ncp[SIGNED_EXACT_LIMIT], ncm[SIGNED_EXACT_LIMIT];
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
    int k = (int)p->k, order[SIGNED_EXACT_LIMIT], at[SIGNED_EXACT_LIMIT], conn[SIGNED_EXACT_LIMIT];
    uint8_t chosen[SIGNED_EXACT_LIMIT] = {0};
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
            uint8_t cp[SIGNED_EXACT_LIMIT], cm[SIGNED_EXACT_LIMIT];
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

/* Greedy lower bound on a heuristic part: edge-disjoint unbalanced ent__triangles,
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
    if (ent__negatives(c->sign, g) % 2 == 0 || c->used[g[0]] || c->used[g[1]] || c->used[g[2]])
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
    int rc = ent__triangles(&a, lb_one, &c);
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
int ent__frustrate(const adj *a, const int *sign, const ent_balance_options *o, int *camp,
                   ent_frustration_info *info)
{
    size_t n = a->n, m = a->off[n] / 2;
    ent_balance_options defaults;
    if (!o) {
        ent_balance_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_BALANCE_OPTIONS_VERSION,
                                    "ent_balance_options")) {
        return ENT_EUSAGE;
    }
    size_t exact_max = o->exact_max < SIGNED_EXACT_LIMIT ? o->exact_max : SIGNED_EXACT_LIMIT;
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
            if (a->nbr[e] > v && ent__against(sign[a->tie[e]], side[v], side[a->nbr[e]]))
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
    int rc = ent__adj_build(&a, n, from, to, sign, m);
    if (rc)
        return rc;
    rc = ent__frustrate(&a, sign, o, camp, info);
    ent__adj_release(&a);
    return rc;
}
