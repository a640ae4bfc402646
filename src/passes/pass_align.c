/*
 * pass_align.c: alignment between actors (docs/analyses.md, "Alignment"):
 * the direct signed tie of two actors and the similarity of their
 * portfolios, S of Signorino and Ritter (1999) and its chance-corrected
 * variant, Scott's pi in the manner of Hage (2011).
 *
 * An actor's portfolio is its valuation of every actor present on the day:
 * +1, -1 or 0, the sign of the folded tie (both directions' weights summed,
 * as the balance analyses fold them), and +1 for itself. Most valuations are
 * 0, so the distance between two portfolios is not summed over all N actors
 * but counted from the non-zero ones: with deg(X) the non-zero valuations of
 * X and agree(A, B) the actors both value alike (non-zero),
 *
 *     sum_k |x_Ak - x_Bk| = deg(A) + deg(B) - 2 agree(A, B).
 *
 * agree(A, .) for every B comes from walking the ties of A's partners (two
 * steps from A), so one actor against all others costs one linear pass over
 * the view to fold it (O(N + E), no sorting) plus O(sum of the degrees of A's
 * partners), never O(N^2).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "passes/metrics.h"
#include "util/error.h"

#define TIE_EPS 1e-9 /* a pair whose weights sum to within this of 0 has no tie */

/* ------------------------------------------------------------- folding --- */

/* A view's ties, reachable from either end: the view gives each actor's
 * outgoing edges ordered by target; `in` adds its incoming ones ordered by
 * source (a counting sort of the edges by target, stable since the view's
 * edges are ordered by source). */
typedef struct fold {
    const ent_view *v;
    size_t na;           /* actors in the graph */
    size_t n;            /* actors present: the length of every portfolio */
    size_t *in_off;      /* na + 1 offsets into `in` */
    const ent_edge **in; /* edges into each actor */
    uint32_t *pos, *neg; /* per actor: its +1 valuations (itself included) and -1 ones */
} fold;

/* Walks the ties of one actor in increasing order of the other actor. */
typedef struct tie_iter {
    uint32_t self;
    const ent_edge *out;
    size_t n_out, i_out;
    const ent_edge *const *in;
    size_t n_in, i_in;
} tie_iter;

static void tie_iter_init(tie_iter *it, const fold *f, uint32_t a)
{
    it->self = a;
    it->out = ent_view_out(f->v, a, &it->n_out);
    it->in = f->in + f->in_off[a];
    it->n_in = f->in_off[a + 1] - f->in_off[a];
    it->i_out = it->i_in = 0;
}

/* The next actor with an edge to or from the walked one, and the folded
 * weight w(self->other) + w(other->self); 0 at the end. Self-loops are
 * skipped. The weight may be 0 (then there is no tie; see tie_sign). */
static int tie_next(tie_iter *it, uint32_t *other, double *w)
{
    for (;;) {
        int has_out = it->i_out < it->n_out, has_in = it->i_in < it->n_in;
        if (!has_out && !has_in)
            return 0;
        uint32_t o = has_out ? it->out[it->i_out].target : UINT32_MAX;
        uint32_t i = has_in ? it->in[it->i_in]->source : UINT32_MAX;
        uint32_t k = o < i ? o : i;
        double sum = 0;
        /* A symmetric relation stands behind both edges: count it once. */
        if (o == k) {
            sum += it->out[it->i_out].weight - it->out[it->i_out].mirrored;
            it->i_out++;
        }
        if (i == k) {
            sum += it->in[it->i_in]->weight - it->in[it->i_in]->mirrored;
            it->i_in++;
        }
        if (k == it->self)
            continue;
        *other = k;
        *w = sum;
        return 1;
    }
}

/* The valuation a folded weight gives: +1, -1, or 0 within TIE_EPS of 0. */
static int tie_sign(double w)
{
    return w > TIE_EPS ? 1 : w < -TIE_EPS ? -1 : 0;
}

static void fold_release(fold *f)
{
    free(f->in_off);
    free(f->in);
    free(f->pos);
    free(f->neg);
    memset(f, 0, sizeof *f);
}

/* Folds view v: the incoming edges of every actor, then each present actor's
 * counts of positive and negative valuations. O(N + E). */
static int fold_build(fold *f, const ent_view *v)
{
    memset(f, 0, sizeof *f);
    f->v = v;
    f->na = ent_graph_actor_count(ent_view_graph(v));
    f->n = ent_view_actor_count(v);
    size_t ne = ent_view_edge_count(v);
    f->in_off = calloc(f->na + 2, sizeof *f->in_off);
    f->in = malloc((ne + 1) * sizeof *f->in);
    f->pos = calloc(f->na + 1, sizeof *f->pos);
    f->neg = calloc(f->na + 1, sizeof *f->neg);
    if (!f->in_off || !f->in || !f->pos || !f->neg) {
        fold_release(f);
        return ent_error_set(ENT_ENOMEM, "out of memory while comparing portfolios");
    }
    for (size_t i = 0; i < ne; i++)
        f->in_off[ent_view_edge(v, i)->target + 2]++;
    for (size_t a = 2; a < f->na + 2; a++)
        f->in_off[a] += f->in_off[a - 1];
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        f->in[f->in_off[e->target + 1]++] = e;
    }
    for (uint32_t a = 0; a < f->na; a++) {
        if (!ent_view_has_actor(v, a))
            continue;
        tie_iter it;
        uint32_t k;
        double w;
        f->pos[a] = 1; /* an actor stands with itself */
        tie_iter_init(&it, f, a);
        while (tie_next(&it, &k, &w)) {
            int s = tie_sign(w);
            f->pos[a] += s > 0;
            f->neg[a] += s < 0;
        }
    }
    return ENT_OK;
}

/* ------------------------------------------------------------- scores --- */

/* S and pi from the distance sum d = sum_k |x_Ak - x_Bk| over a portfolio of
 * n actors, with p and m the +1 and -1 valuations of both actors together. */
static void scores(double d, size_t n, double p, double m, double *s, double *pi)
{
    double nn = (double)n;
    double observed = d / nn; /* 2 d / (n d_max) with d_max = 2 */
    double pp = p / (2 * nn), pm = m / (2 * nn), p0 = 1 - pp - pm;
    /* The expected distance between two valuations drawn from the pooled ones. */
    double expected = 2 * (pm * p0 + p0 * pp + 2 * pm * pp);
    *s = 1 - observed;
    *pi = expected > 1e-12 ? 1 - observed / expected : NAN;
}

int ent_align_similarity(double *s, double *pi, const int *x, const int *y, size_t n)
{
    double d = 0, p = 0, m = 0;
    if (n == 0)
        return ent_error_set(ENT_EUSAGE, "an empty portfolio has no similarity");
    for (size_t k = 0; k < n; k++) {
        if (x[k] < -1 || x[k] > 1 || y[k] < -1 || y[k] > 1)
            return ent_error_set(ENT_EUSAGE, "valuation %zu is not -1, 0 or +1", k);
        d += abs(x[k] - y[k]);
        p += (x[k] > 0) + (y[k] > 0);
        m += (x[k] < 0) + (y[k] < 0);
    }
    scores(d, n, p, m, s, pi);
    return ENT_OK;
}

/*
 * The alignment of vertices a and b of edge list e (a snapshot numbered
 * compactly, as the timeline's sweep keeps it): the folded tie, S and pi, by
 * the rules above. Each vertex's portfolio is read off one pass over the
 * edges (an edge's weight less its mirrored part, summed over both
 * directions, self-loops left out), then compared by ent_align_similarity.
 * O(n + m) time and O(n) memory per pair.
 */
int ent__align_pair(const elist *e, uint32_t a, uint32_t b, double *tie, double *s, double *pi)
{
    size_t n = e->n;
    if (a >= n || b >= n || a == b)
        return ent_error_set(ENT_EUSAGE, "ent__align_pair: bad vertices");
    double *fa = calloc(n, sizeof *fa), *fb = calloc(n, sizeof *fb);
    int *xa = malloc(n * sizeof *xa), *xb = malloc(n * sizeof *xb);
    int rc = ENT_OK;
    if (!fa || !fb || !xa || !xb) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory while comparing portfolios");
        goto done;
    }
    for (size_t i = 0; i < e->m; i++) {
        uint32_t u = e->from[i], v = e->to[i];
        double w = e->pos[i] + e->neg[i] - e->mirrored[i];
        if (u == v)
            continue;
        if (u == a)
            fa[v] += w;
        else if (v == a)
            fa[u] += w;
        if (u == b)
            fb[v] += w;
        else if (v == b)
            fb[u] += w;
    }
    for (size_t k = 0; k < n; k++) {
        xa[k] = tie_sign(fa[k]);
        xb[k] = tie_sign(fb[k]);
    }
    xa[a] = xb[b] = 1; /* an actor stands with itself */
    *tie = fa[b];
    rc = ent_align_similarity(s, pi, xa, xb, n);
done:
    free(fa);
    free(fb);
    free(xa);
    free(xb);
    return rc;
}

/* One actor against every other on one date. Arrays over the graph's actors. */
typedef struct align {
    fold f;
    uint32_t actor;
    double *tie;      /* folded weight of the tie with `actor` (0: none) */
    double *s, *pi;   /* NaN for actors not present, and for `actor` itself */
    uint32_t *agree;  /* actors both value alike (non-zero) */
    uint32_t *oppose; /* actors they value with opposite signs */
} align;

static void align_release(align *al)
{
    fold_release(&al->f);
    free(al->tie);
    free(al->s);
    free(al->pi);
    free(al->agree);
    free(al->oppose);
    memset(al, 0, sizeof *al);
}

/* Adds one valuation `xa` of A, of actor k, to the counts of every actor
 * that values k too: k itself (+1) and k's partners. */
static void count_two_steps(align *al, uint32_t k, int xa)
{
    tie_iter it;
    uint32_t b;
    double w;
    al->agree[k] += xa > 0;
    al->oppose[k] += xa < 0;
    tie_iter_init(&it, &al->f, k);
    while (tie_next(&it, &b, &w)) {
        int xb = tie_sign(w);
        al->agree[b] += xb != 0 && xb == xa;
        al->oppose[b] += xb != 0 && xb == -xa;
    }
}

static int align_build(align *al, const ent_view *v, uint32_t actor)
{
    const ent_graph *g = ent_view_graph(v);
    memset(al, 0, sizeof *al);
    char d[11];
    if (actor >= ent_graph_actor_count(g))
        return ent_error_set(ENT_EUSAGE, "no actor number %lu", (unsigned long)actor);
    if (!ent_view_has_actor(v, actor))
        return ent_error_set(ENT_EUSAGE,
                             "'%s' is not present on %s: it has no portfolio to compare",
                             ent_graph_actor(g, actor)->id, ent__day_str(ent_view_day(v), d));
    int rc = fold_build(&al->f, v);
    if (rc)
        return rc;
    size_t na = al->f.na;
    al->actor = actor;
    al->tie = calloc(na + 1, sizeof *al->tie);
    al->s = malloc((na + 1) * sizeof *al->s);
    al->pi = malloc((na + 1) * sizeof *al->pi);
    al->agree = calloc(na + 1, sizeof *al->agree);
    al->oppose = calloc(na + 1, sizeof *al->oppose);
    if (!al->tie || !al->s || !al->pi || !al->agree || !al->oppose) {
        align_release(al);
        return ent_error_set(ENT_ENOMEM, "out of memory while comparing portfolios");
    }
    /* A's own valuations: itself, then each partner with its tie. */
    count_two_steps(al, actor, 1);
    tie_iter it;
    uint32_t k;
    double w;
    tie_iter_init(&it, &al->f, actor);
    while (tie_next(&it, &k, &w)) {
        al->tie[k] = w;
        if (tie_sign(w))
            count_two_steps(al, k, tie_sign(w));
    }
    const fold *f = &al->f;
    uint32_t deg_a = f->pos[actor] + f->neg[actor];
    for (uint32_t b = 0; b < na; b++) {
        if (b == actor || !ent_view_has_actor(v, b)) {
            al->s[b] = al->pi[b] = NAN;
            continue;
        }
        double dist = (double)deg_a + f->pos[b] + f->neg[b] - 2.0 * al->agree[b];
        scores(dist, f->n, (double)f->pos[actor] + f->pos[b], (double)f->neg[actor] + f->neg[b],
               &al->s[b], &al->pi[b]);
    }
    return ENT_OK;
}

/* ------------------------------------------------------------- tables --- */

/* A row's sort key: the first of `key` that differs decides, highest first;
 * then the actor's place in the graph. */
typedef struct ranked {
    double key[2];
    uint32_t actor;
} ranked;

/* Sort keys rounded to 1e-9, so that values equal but for rounding (a
 * change of +0.4 and one of -0.4 reached by different sums) count as equal
 * and the next key decides, the same way on every machine. */
static double key(double x)
{
    return nearbyint(x * 1e9) / 1e9;
}

static int ranked_cmp(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    for (int i = 0; i < 2; i++)
        if (a->key[i] != b->key[i])
            return a->key[i] > b->key[i] ? -1 : 1;
    return (a->actor > b->actor) - (a->actor < b->actor);
}

/* Checks o->with; sets *partner to it, or UINT32_MAX for every partner. */
void ent_align_options_init(ent_align_options *o)
{
    *o = (ent_align_options)ENT_ALIGN_OPTIONS_INIT;
}

/* Checks the options (their version too) and sets *partner to o->with's actor, or UINT32_MAX. */
static int partner_of(const ent_graph *g, uint32_t actor, const ent_align_options *o,
                      uint32_t *partner)
{
    *partner = UINT32_MAX;
    if (o && ent__options_version(o->version, ENT_ALIGN_OPTIONS_VERSION, "ent_align_options"))
        return ENT_EUSAGE;
    if (!o || !o->with)
        return ENT_OK;
    if (*o->with >= ent_graph_actor_count(g))
        return ent_error_set(ENT_EUSAGE, "no actor number %lu", (unsigned long)*o->with);
    if (*o->with == actor)
        return ent_error_set(ENT_EUSAGE, "'%s' is compared with itself: name another actor",
                             ent_graph_actor(g, actor)->id);
    *partner = *o->with;
    return ENT_OK;
}

static const char sign_text[3][2] = {"-", "0", "+"};

/* The notes every alignment table carries: what S and pi are over. */
static void portfolio_note(tb *t, const ent_view *v, const fold *f)
{
    char note[400], d[11];
    snprintf(note, sizeof note,
             "portfolio on %s: the %zu actors present, each valued +1, 0 or -1 by the sign of "
             "its tie (both directions summed), an actor valuing itself +1; S = 1 - sum|x_A - "
             "x_B| / %zu (1: identical, -1: opposite); pi: S corrected for chance (Scott)",
             ent__day_str(ent_view_day(v), d), f->n, f->n);
    ent__tb_note(t, note);
}

/* Ends a table: on success (rc 0, no failed cell, no failed text) hands it to *out; else
 * frees it and returns the error, its message set (rc alone may carry an error from a step
 * that set its own message). Releases sb in any case. */
static int table_done(ent_table **out, tb *t, ent_strbuf *sb, int rc)
{
    int oom = t->rc || sb->failed || rc == ENT_ENOMEM;
    ent_strbuf_release(sb);
    if (oom || rc) {
        ent_table_free(t->t);
        return oom ? ent_error_set(ENT_ENOMEM, "out of memory while writing the alignment table")
                   : rc;
    }
    *out = t->t;
    return ENT_OK;
}

int ent_align_table(ent_table **out, const ent_view *v, uint32_t actor, const ent_align_options *o)
{
    const ent_graph *g = ent_view_graph(v);
    align al;
    ranked *rows = NULL;
    ent_strbuf sb = ENT_STRBUF_INIT;
    tb t = {NULL, ENT_OK};
    uint32_t partner;
    *out = NULL;
    int rc = partner_of(g, actor, o, &partner);
    if (!rc && partner != UINT32_MAX && !ent_view_has_actor(v, partner)) {
        char d[11];
        rc = ent_error_set(ENT_EUSAGE, "'%s' is not present on %s", ent_graph_actor(g, partner)->id,
                           ent__day_str(ent_view_day(v), d));
    }
    if (rc || (rc = align_build(&al, v, actor)))
        return rc;
    size_t n = 0;
    rows = malloc((al.f.na + 1) * sizeof *rows);
    char title[200], d[11];
    snprintf(title, sizeof title, "alignment of %s on %s", ent_graph_actor(g, actor)->id,
             ent__day_str(ent_view_day(v), d));
    if (!rows || !(t.t = ent__table_new(title))) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory for the alignment table");
        goto done;
    }
    for (uint32_t b = 0; b < al.f.na; b++)
        if (!isnan(al.s[b]) && (partner == UINT32_MAX || b == partner))
            rows[n++] = (ranked){{key(al.s[b]), key(al.tie[b])}, b};
    qsort(rows, n, sizeof *rows, ranked_cmp);
    if (o && o->top && o->top < n)
        n = o->top;
    static const char *const cols[] = {"partner", "name",  "tie",     "sign",     "S",
                                       "pi",      "agree", "opposed", "relations"};
    static const ent_coltype types[] = {ENT_COL_STRING, ENT_COL_STRING, ENT_COL_REAL,
                                        ENT_COL_STRING, ENT_COL_REAL,   ENT_COL_REAL,
                                        ENT_COL_INT,    ENT_COL_INT,    ENT_COL_STRING};
    static const int decimals[] = {0, 0, 2, 0, 4, 4, 0, 0, 0};
    for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
        ent__tb_col(&t, cols[c], types[c], decimals[c]);
    for (size_t i = 0; i < n; i++) {
        uint32_t b = rows[i].actor;
        ent__tb_row(&t);
        ent__tb_str(&t, 0, ent_graph_actor(g, b)->id);
        ent__tb_str(&t, 1, ent_graph_actor(g, b)->name);
        ent__tb_real(&t, 2, al.tie[b]);
        ent__tb_str(&t, 3, sign_text[tie_sign(al.tie[b]) + 1]);
        ent__tb_real(&t, 4, al.s[b]);
        ent__tb_real(&t, 5, al.pi[b]);
        ent__tb_int(&t, 6, al.agree[b]);
        ent__tb_int(&t, 7, al.oppose[b]);
        ent_strbuf_reset(&sb);
        ent__describe_tie(v, actor, b, &sb);
        ent__tb_str(&t, 8, ent_strbuf_str(&sb));
    }
    portfolio_note(&t, v, &al.f);
    ent__tb_note(&t,
                 "rows: S highest first, then the direct tie, then the order of the graph files; "
                 "agree and opposed count the actors both value alike and oppositely");
    ent__view_note(&t, v);
done:
    free(rows);
    align_release(&al);
    return table_done(out, &t, &sb, rc);
}

/* What happened to the direct tie from a to b, or "" when nothing did. */
static const char *tie_change(int present_a, int present_b, double wa, double wb)
{
    int sa = tie_sign(wa), sb = tie_sign(wb);
    if (!present_a)
        return "appeared";
    if (!present_b)
        return "gone";
    if (sa == sb)
        return sa && fabs(wa - wb) > TIE_EPS ? "tie changed" : "";
    if (!sa)
        return sb > 0 ? "positive tie formed" : "negative tie formed";
    if (!sb)
        return "tie dissolved";
    return sb > 0 ? "turned positive" : "turned negative";
}

int ent_align_change_table(ent_table **out, const ent_view *a, const ent_view *b, uint32_t actor,
                           const ent_align_options *o)
{
    const ent_graph *g = ent_view_graph(a);
    align x, y;
    ranked *rows = NULL;
    ent_strbuf sb = ENT_STRBUF_INIT;
    tb t = {NULL, ENT_OK};
    uint32_t partner;
    *out = NULL;
    memset(&y, 0, sizeof y);
    if (ent_view_graph(b) != g)
        return ent_error_set(ENT_EUSAGE, "the two snapshots come from different graphs");
    int rc = partner_of(g, actor, o, &partner);
    if (!rc && partner != UINT32_MAX && !ent_view_has_actor(a, partner) &&
        !ent_view_has_actor(b, partner)) {
        char d1[11], d2[11];
        rc = ent_error_set(ENT_EUSAGE, "'%s' is present neither on %s nor on %s",
                           ent_graph_actor(g, partner)->id, ent__day_str(ent_view_day(a), d1),
                           ent__day_str(ent_view_day(b), d2));
    }
    if (rc || (rc = align_build(&x, a, actor)))
        return rc;
    if ((rc = align_build(&y, b, actor)))
        goto done;
    size_t na = x.f.na, n = 0;
    rows = malloc((na + 1) * sizeof *rows);
    char title[240], d1[11], d2[11];
    snprintf(title, sizeof title, "change of alignment of %s from %s to %s",
             ent_graph_actor(g, actor)->id, ent__day_str(ent_view_day(a), d1),
             ent__day_str(ent_view_day(b), d2));
    if (!rows || !(t.t = ent__table_new(title))) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory for the alignment table");
        goto done;
    }
    /* Partners present on both dates by the size of the change, then the
     * gains first; partners present on one date only after them. */
    for (uint32_t k = 0; k < na; k++) {
        if (isnan(x.s[k]) && isnan(y.s[k]))
            continue;
        if (partner != UINT32_MAX && k != partner)
            continue;
        double delta = y.s[k] - x.s[k];
        rows[n++] =
            isnan(delta) ? (ranked){{-1, 0}, k} : (ranked){{key(fabs(delta)), key(delta)}, k};
    }
    qsort(rows, n, sizeof *rows, ranked_cmp);
    if (o && o->top && o->top < n)
        n = o->top;
    static const char *const cols[] = {"partner",   "name",    "S_from",    "S_to",     "S_change",
                                       "pi_from",   "pi_to",   "pi_change", "tie_from", "tie_to",
                                       "sign_from", "sign_to", "change",    "relations"};
    static const ent_coltype types[] = {
        ENT_COL_STRING, ENT_COL_STRING, ENT_COL_REAL,   ENT_COL_REAL,  ENT_COL_REAL,
        ENT_COL_REAL,   ENT_COL_REAL,   ENT_COL_REAL,   ENT_COL_REAL,  ENT_COL_REAL,
        ENT_COL_STRING, ENT_COL_STRING, ENT_COL_STRING, ENT_COL_STRING};
    static const int decimals[] = {0, 0, 4, 4, 4, 4, 4, 4, 2, 2, 0, 0, 0, 0};
    for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
        ent__tb_col(&t, cols[c], types[c], decimals[c]);
    for (size_t i = 0; i < n; i++) {
        uint32_t k = rows[i].actor;
        int in_a = !isnan(x.s[k]), in_b = !isnan(y.s[k]);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, ent_graph_actor(g, k)->id);
        ent__tb_str(&t, 1, ent_graph_actor(g, k)->name);
        ent__tb_real(&t, 2, x.s[k]);
        ent__tb_real(&t, 3, y.s[k]);
        ent__tb_real(&t, 4, y.s[k] - x.s[k]);
        ent__tb_real(&t, 5, x.pi[k]);
        ent__tb_real(&t, 6, y.pi[k]);
        ent__tb_real(&t, 7, y.pi[k] - x.pi[k]);
        ent__tb_real(&t, 8, in_a ? x.tie[k] : NAN);
        ent__tb_real(&t, 9, in_b ? y.tie[k] : NAN);
        ent__tb_str(&t, 10, in_a ? sign_text[tie_sign(x.tie[k]) + 1] : "");
        ent__tb_str(&t, 11, in_b ? sign_text[tie_sign(y.tie[k]) + 1] : "");
        ent__tb_str(&t, 12, tie_change(in_a, in_b, x.tie[k], y.tie[k]));
        /* The relations behind the tie on the later date, or the earlier one
         * when it is gone. */
        ent_strbuf_reset(&sb);
        ent__describe_tie(tie_sign(y.tie[k]) || !tie_sign(x.tie[k]) ? b : a, actor, k, &sb);
        ent__tb_str(&t, 13, ent_strbuf_str(&sb));
    }
    portfolio_note(&t, a, &x.f);
    portfolio_note(&t, b, &y.f);
    ent__tb_note(&t, "rows: the largest change of S first (gains before losses of the same size), "
                     "then the order of the graph files; partners present on one date only come "
                     "last; relations are those of the later date, or of the earlier one when the "
                     "tie is gone");
    ent__view_note(&t, b);
done:
    free(rows);
    align_release(&x);
    align_release(&y);
    return table_done(out, &t, &sb, rc);
}
