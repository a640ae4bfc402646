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
 * from edge-disjoint unbalanced ent__triangles). igraph is used for one thing, the
 * dense symmetric eigenvalue solver of LAPACK behind the walk balance.
 *
 * Definitions and references: docs/analyses.md, "Structural balance".
 *
 * This file holds the analysis of a view and its tables; the signed graph
 * is built in signed.c, its triangles found in triangles.c, its walk balance
 * in walk.c and its frustration index in frustration.c.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/allies.h"
#include "passes/cache.h"
#include "passes/common.h"
#include "passes/signed.h"
#include "snapshot/cache.h"
#include "util/error.h"

#define INDEX_DECIMALS    7 /* balance indices, as published (0.8676471) */
#define WEIGHT_DECIMALS   2 /* sums of Goldstein intensities, as everywhere */

void ent_balance_options_init(ent_balance_options *o)
{
    *o = (ent_balance_options)ENT_BALANCE_OPTIONS_INIT;
}

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
    int neg = ent__negatives(an->p.sign, t);
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
        rc = ent__triangles(&an->p.a, collect, an);
    if (!rc && an->oom)
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
    if (!rc && an->n_un)
        qsort(an->un, an->n_un, sizeof *an->un, by_intensity);
    if (!rc)
        rc = ent__walk_balance(&an->p.a, an->p.sign, o->walk_max, &an->walk, &an->walk_largest);
    if (!rc)
        rc = ent__frustrate(&an->p.a, an->p.sign, o, an->camp, &an->fi);
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
                        o->exact_max < SIGNED_EXACT_LIMIT ? o->exact_max : SIGNED_EXACT_LIMIT);
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
    tb t = {ent__table_new(title), ENT_OK};
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
        ent__tb_str(&t, 3, pattern_of(ent__negatives(an->p.sign, d->tie)));
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
    return ent__tb_finish(&t, &sb, out);
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
        if (ent__against(p->sign[i], (uint8_t)an->camp[p->from[i]], (uint8_t)an->camp[p->to[i]])) {
            against_n[p->from[i]]++;
            against_n[p->to[i]]++;
        }
    for (size_t v = 0; v < n; v++)
        order[v] = (uint64_t)comp[v] << 33 | (uint64_t)(an->camp[v] - 1) << 32 | v;
    qsort(order, n, sizeof *order, ent__cmp_u64);
    snprintf(title, sizeof title, "camps on %s (the split behind the frustration index)",
             ent__day_str(ent_view_day(an->view), day));
    t.t = ent__table_new(title);
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
    } else if (ent__options_version(o->version, ENT_BALANCE_OPTIONS_VERSION,
                                    "ent_balance_options")) {
        return ENT_EUSAGE;
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
        tb t = {ent__table_new(title), ENT_OK};
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
    t.t = ent__table_new(title);
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
done:
    free(rows);
    return ent__tb_finish(&t, &sb, out);
}

int ent_balance_change_tables(ent_table **summary, ent_table **triads, const ent_view *a,
                              const ent_view *b, const ent_balance_options *o)
{
    ent_balance_options defaults;
    if (!o) {
        ent_balance_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_BALANCE_OPTIONS_VERSION,
                                    "ent_balance_options")) {
        return ENT_EUSAGE;
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
        tb t = {ent__table_new(title), ENT_OK};
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
