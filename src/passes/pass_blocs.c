/*
 * pass_blocs.c: camps found by signed community detection, and how they
 * changed between two dates.
 *
 * The view is folded into the signed undirected projection of the balance
 * pass (signed.h), keeping each tie's weight. Every connected part of it is
 * handed to igraph's spinglass with the implementation for negative weights
 * (IMP_NEG), sequential updates (parupdate 0: the parallel update refuses
 * negative gamma) and the random generator seeded before each part, so that
 * the answer depends on the input only. spinglass refuses a disconnected
 * graph, hence the parts. Blocs are then numbered across the whole graph:
 * largest first, then by their first actor in graph order.
 *
 * Definitions: docs/analyses.md, "Blocs".
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "entente/error.h"
#include "passes/allies.h"
#include "passes/common.h"
#include "passes/ig.h"
#include "passes/blocs_impl.h"
#include "util/error.h"

#define START_TEMP        1.0
#define STOP_TEMP         0.01
#define COOL_FACT         0.99
#define MOD_DECIMALS      6
#define WEIGHT_DECIMALS   2
#define SHARE_DECIMALS    4
#define COMPANIONS        5  /* companions named in the change table */
#define BETWEEN_TIES_MAX  50 /* ties listed in one row of the between table */

void ent_blocs_options_init(ent_blocs_options *o)
{
    *o = (ent_blocs_options)ENT_BLOCS_OPTIONS_INIT;
}

static void found_release(found *f)
{
    ent__proj_release(&f->p);
    free(f->comp);
    free(f->bloc);
    free(f->size);
    free(f->part);
    free(f->first);
    free(f->mod);
    memset(f, 0, sizeof *f);
}

static int check_options(const ent_blocs_options *o)
{
    if (o->max_blocs < 2)
        return ent_error_set(ENT_EUSAGE, "blocs: at least 2 blocs per part must be allowed");
    if (!(o->gamma >= 0) || !(o->gamma_minus >= 0) || !isfinite(o->gamma) ||
        !isfinite(o->gamma_minus))
        return ent_error_set(ENT_EUSAGE, "blocs: gamma and gamma_minus must be finite and >= 0");
    return ENT_OK;
}

/* Splits the part whose vertices are vs[0..n) (increasing) with ties ts[0..nt):
 * sets local[i] to the community of vs[i], from 0, and *mod. */
static int split_part(const found *f, const uint32_t *vs, size_t n, const uint32_t *ts, size_t nt,
                      const ent_blocs_options *o, uint32_t *local, double *mod)
{
    const proj *p = &f->p;
    igraph_t g;
    igraph_vector_int_t edges, membership;
    igraph_vector_t weights;
    int rc = ENT_OK, have_g = 0;
    /* Before the first igraph call: igraph's default handler aborts the process. */
    ent__igraph_quiet();
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * nt)))
        return ent_error_set(ENT_ENOMEM, "blocs: out of memory for igraph's list of edges");
    if (igraph_vector_init(&weights, (igraph_integer_t)nt)) {
        igraph_vector_int_destroy(&edges);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    if (igraph_vector_int_init(&membership, 0)) {
        igraph_vector_destroy(&weights);
        igraph_vector_int_destroy(&edges);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    /* vs is increasing: a vertex's local index is found by bisection. */
    for (size_t i = 0; i < nt; i++) {
        uint32_t ends[2] = {p->from[ts[i]], p->to[ts[i]]};
        for (int e = 0; e < 2; e++) {
            size_t lo = 0, hi = n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (vs[mid] < ends[e])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            VECTOR(edges)[2 * i + (size_t)e] = (igraph_integer_t)lo;
        }
        VECTOR(weights)[i] = p->w[ts[i]];
    }
    if (igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED)) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    have_g = 1;
    ent__igraph_seed(o->seed);
    igraph_real_t q = 0, temperature = 0;
    size_t spins = o->max_blocs < n ? o->max_blocs : n;
    igraph_error_t err = igraph_community_spinglass(
        &g, &weights, &q, &temperature, &membership, NULL, (igraph_integer_t)spins, 0, START_TEMP,
        STOP_TEMP, COOL_FACT, IGRAPH_SPINCOMM_UPDATE_CONFIG, o->gamma, IGRAPH_SPINCOMM_IMP_NEG,
        o->gamma_minus);
    if (err) {
        rc = ent_error_set(err == IGRAPH_ENOMEM ? ENT_ENOMEM : ENT_EINTERNAL,
                           "blocs: igraph's spinglass failed (%s)", igraph_strerror(err));
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        local[i] = (uint32_t)VECTOR(membership)[i];
    *mod = q;
done:
    if (have_g)
        igraph_destroy(&g);
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&weights);
    igraph_vector_int_destroy(&edges);
    return rc;
}

/* Orders blocs: largest first, then by first vertex. */
typedef struct bloc_key {
    uint32_t size, first, old;
} bloc_key;

static int by_size(const void *x, const void *y)
{
    const bloc_key *a = x, *b = y;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return (a->first > b->first) - (a->first < b->first);
}

static int find_blocs(found *f, const ent_view *view, const ent_blocs_options *o)
{
    memset(f, 0, sizeof *f);
    f->view = view;
    f->o = *o;
    int rc = check_options(o);
    if (rc || (rc = ent__proj_build(&f->p, view, o->direct_only)))
        return rc;
    const proj *p = &f->p;
    size_t n = p->n, m = p->m;
    uint32_t *queue = malloc((n + 1) * sizeof *queue);
    uint32_t *vstart = NULL, *vs = NULL, *tstart = NULL, *ts = NULL, *local = NULL, *cur = NULL;
    uint32_t *raw = NULL; /* vertex -> bloc before renumbering */
    bloc_key *keys = NULL;
    f->comp = malloc((n + 1) * sizeof *f->comp);
    f->bloc = malloc((n + 1) * sizeof *f->bloc);
    raw = malloc((n + 1) * sizeof *raw);
    local = malloc((n + 1) * sizeof *local);
    vs = malloc((n + 1) * sizeof *vs);
    ts = malloc((m + 1) * sizeof *ts);
    if (!queue || !f->comp || !f->bloc || !raw || !local || !vs || !ts) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    ent__components(&p->a, f->comp, queue, &f->nparts);
    size_t np = f->nparts;
    vstart = calloc(np + 2, sizeof *vstart);
    tstart = calloc(np + 2, sizeof *tstart);
    cur = malloc((np + 1) * sizeof *cur);
    f->mod = malloc((np + 1) * sizeof *f->mod);
    if (!vstart || !tstart || !cur || !f->mod) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    /* Vertices and ties grouped by part, each group in increasing order. */
    for (size_t v = 0; v < n; v++)
        vstart[f->comp[v] + 1]++;
    for (size_t i = 0; i < m; i++)
        tstart[f->comp[p->from[i]] + 1]++;
    for (size_t c = 0; c < np; c++) {
        vstart[c + 1] += vstart[c];
        tstart[c + 1] += tstart[c];
    }
    memcpy(cur, vstart, np * sizeof *cur);
    for (size_t v = 0; v < n; v++)
        vs[cur[f->comp[v]]++] = (uint32_t)v;
    memcpy(cur, tstart, np * sizeof *cur);
    for (size_t i = 0; i < m; i++)
        ts[cur[f->comp[p->from[i]]]++] = (uint32_t)i;
    for (size_t c = 0; c < np; c++)
        if (o->max_part && vstart[c + 1] - vstart[c] > o->max_part) {
            rc = ent_error_set(ENT_EUSAGE,
                               "blocs: a connected part has %u actors, more than the limit of "
                               "%zu for spinglass",
                               (unsigned)(vstart[c + 1] - vstart[c]), o->max_part);
            goto done;
        }
    /* Split each part; number its communities in the order of their first vertex. */
    size_t k = 0;
    for (size_t c = 0; c < np; c++) {
        size_t nv = vstart[c + 1] - vstart[c];
        rc = split_part(f, vs + vstart[c], nv, ts + tstart[c], tstart[c + 1] - tstart[c], o, local,
                        &f->mod[c]);
        if (rc)
            goto done;
        if (nv == 2)
            f->mod[c] = NAN; /* two actors: nothing to measure */
        for (size_t i = 0; i < nv; i++)
            queue[i] = UINT32_MAX; /* local community -> bloc */
        for (size_t i = 0; i < nv; i++) {
            uint32_t l = local[i] < nv ? local[i] : 0;
            if (queue[l] == UINT32_MAX)
                queue[l] = (uint32_t)k++;
            raw[vs[vstart[c] + i]] = queue[l];
        }
    }
    f->k = k;
    keys = calloc(k + 1, sizeof *keys);
    f->size = calloc(k + 1, sizeof *f->size);
    f->part = malloc((k + 1) * sizeof *f->part);
    f->first = malloc((k + 1) * sizeof *f->first);
    if (!keys || !f->size || !f->part || !f->first) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t b = 0; b < k; b++) {
        keys[b].old = (uint32_t)b;
        keys[b].first = UINT32_MAX;
    }
    for (size_t v = 0; v < n; v++) {
        keys[raw[v]].size++;
        if (keys[raw[v]].first == UINT32_MAX)
            keys[raw[v]].first = (uint32_t)v;
    }
    qsort(keys, k, sizeof *keys, by_size);
    for (size_t b = 0; b < k; b++)
        queue[keys[b].old] = (uint32_t)b; /* old -> new */
    for (size_t v = 0; v < n; v++)
        f->bloc[v] = queue[raw[v]];
    for (size_t b = 0; b < k; b++) {
        f->size[b] = keys[b].size;
        f->first[b] = keys[b].first;
        f->part[b] = f->comp[keys[b].first];
    }
done:
    free(queue);
    free(vstart);
    free(vs);
    free(tstart);
    free(ts);
    free(local);
    free(cur);
    free(raw);
    free(keys);
    if (rc)
        found_release(f);
    return rc;
}

int ent_blocs(const ent_view *v, const ent_blocs_options *o, uint32_t *bloc, size_t *nblocs)
{
    ent_blocs_options defaults;
    if (!o) {
        ent_blocs_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_BLOCS_OPTIONS_VERSION, "ent_blocs_options")) {
        return ENT_EUSAGE;
    }
    found f;
    int rc = find_blocs(&f, v, o);
    if (rc)
        return rc;
    ent_blocs_found_of(&f, bloc);
    *nblocs = f.k;
    found_release(&f);
    return ENT_OK;
}

int ent_blocs_find(ent_blocs_found **out, const ent_view *v, const ent_blocs_options *o)
{
    ent_blocs_options defaults;
    if (!o) {
        ent_blocs_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_BLOCS_OPTIONS_VERSION, "ent_blocs_options")) {
        return ENT_EUSAGE;
    }
    *out = NULL;
    found *f = malloc(sizeof *f);
    if (!f)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    int rc = find_blocs(f, v, o);
    if (rc) {
        free(f);
        return rc;
    }
    *out = f;
    return ENT_OK;
}

void ent_blocs_found_free(ent_blocs_found *b)
{
    if (!b)
        return;
    found_release(b);
    free(b);
}

size_t ent_blocs_found_count(const ent_blocs_found *b)
{
    return b->k;
}

void ent_blocs_found_of(const ent_blocs_found *b, uint32_t *bloc)
{
    size_t na = ent_graph_actor_count(ent_view_graph(b->view));
    for (size_t a = 0; a < na; a++)
        bloc[a] = b->p.vertex[a] == SIGNED_NONE ? 0 : b->bloc[b->p.vertex[a]] + 1;
}

/* ------------------------------------------------------------- the tables --- */

/* Ties counted by where they fall: [inside, outside][positive, negative]. */
typedef struct tally {
    uint32_t t[2][2];
} tally;

static void count_ties(const found *f, tally *per_bloc, tally *per_vertex)
{
    const proj *p = &f->p;
    for (size_t i = 0; i < p->m; i++) {
        uint32_t x = p->from[i], y = p->to[i];
        int out = f->bloc[x] != f->bloc[y], neg = p->sign[i] < 0;
        if (per_vertex) {
            per_vertex[x].t[out][neg]++;
            per_vertex[y].t[out][neg]++;
        }
        if (per_bloc) {
            per_bloc[f->bloc[x]].t[out][neg]++;
            if (out)
                per_bloc[f->bloc[y]].t[out][neg]++;
        }
    }
}

/* Ties in line with the blocs: positive inside, negative between. */
static size_t agreeing(const found *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->p.m; i++)
        n += (f->bloc[f->p.from[i]] == f->bloc[f->p.to[i]]) == (f->p.sign[i] > 0);
    return n;
}

/* "a, b, c": the actors of bloc b in graph order, at most `max` (0: all),
 * skipping actor `skip`, with "and N more" after them. */
static void add_members(const found *f, uint32_t b, uint32_t skip, size_t max, ent_strbuf *sb)
{
    const ent_graph *g = ent_view_graph(f->view);
    size_t shown = 0, more = 0;
    for (size_t v = 0; v < f->p.n; v++) {
        if (f->bloc[v] != b || f->p.actor[v] == skip)
            continue;
        if (max && shown == max) {
            more++;
            continue;
        }
        ent_strbuf_adds(sb, shown++ ? ", " : "");
        ent_strbuf_adds(sb, ent_graph_actor(g, f->p.actor[v])->id);
    }
    if (more)
        ent_strbuf_addf(sb, " and %zu more", more);
}

/* For bloc b: "csto (3 of 4 members, and the alliance itself); ..." over the
 * alliances with members on the view's day, most members in the bloc first. */
static int add_alliances(const found *f, uint32_t b, ent_strbuf *sb)
{
    const ent_view *v = f->view;
    const ent_graph *g = ent_view_graph(v);
    int32_t member = ent__type_by_id(g, "member_of");
    size_t na = ent_graph_actor_count(g), ne = ent_view_edge_count(v);
    if (member < 0)
        return ENT_OK;
    uint32_t *total = calloc(na + 1, sizeof *total), *inside = calloc(na + 1, sizeof *inside);
    keyed *order = malloc((na + 1) * sizeof *order);
    if (!total || !inside || !order) {
        free(total);
        free(inside);
        free(order);
        return ENT_ENOMEM;
    }
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        if (ent_graph_actor(g, e->target)->kind != ENT_KIND_ALLIANCE ||
            !ent__has_type(g, e, member))
            continue;
        total[e->target]++;
        uint32_t vx = f->p.vertex[e->source];
        inside[e->target] += vx != SIGNED_NONE && f->bloc[vx] == b;
    }
    size_t k = 0;
    for (size_t a = 0; a < na; a++)
        if (inside[a]) {
            order[k].key = inside[a];
            order[k++].actor = (uint32_t)a;
        }
    qsort(order, k, sizeof *order, ent__keyed_cmp);
    for (size_t i = 0; i < k; i++) {
        uint32_t a = order[i].actor, va = f->p.vertex[a];
        ent_strbuf_addf(sb, "%s%s (%u of %u members%s)", i ? "; " : "", ent_graph_actor(g, a)->id,
                        (unsigned)inside[a], (unsigned)total[a],
                        va != SIGNED_NONE && f->bloc[va] == b ? ", and the alliance itself" : "");
    }
    free(total);
    free(inside);
    free(order);
    return ENT_OK;
}

static void summary_note(tb *t, const found *f)
{
    char note[256];
    snprintf(note, sizeof note,
             "%zu actors with a signed tie in %zu connected parts, split into %zu blocs; %zu of "
             "%zu ties are in line with the blocs (positive inside one, negative between two)",
             f->p.n, f->nparts, f->k, agreeing(f), f->p.m);
    ent__tb_note(t, note);
}

static void method_note(tb *t, const ent_blocs_options *o)
{
    char note[320];
    snprintf(note, sizeof note,
             "method: igraph spinglass for negative weights on each connected part of the signed "
             "ties (weights: both directions' sum), at most %zu blocs per part, gamma %g, "
             "gamma_minus %g, seed %lu",
             o->max_blocs, o->gamma, o->gamma_minus, o->seed);
    ent__tb_note(t, note);
}

static int blocs_table(ent_table **out, const found *f, const ent_blocs_options *o)
{
    char day[11], title[128];
    snprintf(title, sizeof title, "blocs on %s (signed community detection)",
             ent__day_str(ent_view_day(f->view), day));
    tb t = {ent__table_new(title), ENT_OK};
    tally *per = calloc(f->k + 1, sizeof *per);
    if (!t.t || !per) {
        ent_table_free(t.t);
        free(per);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    count_ties(f, per, NULL);
    ent__tb_col(&t, "bloc", ENT_COL_INT, 0);
    ent__tb_col(&t, "actors", ENT_COL_INT, 0);
    ent__tb_col(&t, "members", ENT_COL_STRING, 0);
    ent__tb_col(&t, "pos_inside", ENT_COL_INT, 0);
    ent__tb_col(&t, "neg_inside", ENT_COL_INT, 0);
    ent__tb_col(&t, "pos_between", ENT_COL_INT, 0);
    ent__tb_col(&t, "neg_between", ENT_COL_INT, 0);
    ent__tb_col(&t, "alliances", ENT_COL_STRING, 0);
    ent__tb_col(&t, "part", ENT_COL_INT, 0);
    ent__tb_col(&t, "part_modularity", ENT_COL_REAL, MOD_DECIMALS);
    ent_strbuf sb = ENT_STRBUF_INIT;
    for (size_t b = 0; b < f->k && !t.rc; b++) {
        ent__tb_row(&t);
        ent__tb_int(&t, 0, (long long)b + 1);
        ent__tb_int(&t, 1, f->size[b]);
        ent_strbuf_reset(&sb);
        add_members(f, (uint32_t)b, UINT32_MAX, 0, &sb);
        ent__tb_str(&t, 2, ent_strbuf_str(&sb));
        ent__tb_int(&t, 3, per[b].t[0][0]);
        ent__tb_int(&t, 4, per[b].t[0][1]);
        ent__tb_int(&t, 5, per[b].t[1][0]);
        ent__tb_int(&t, 6, per[b].t[1][1]);
        ent_strbuf_reset(&sb);
        if (add_alliances(f, (uint32_t)b, &sb))
            t.rc = ENT_ENOMEM;
        ent__tb_str(&t, 7, ent_strbuf_str(&sb));
        ent__tb_int(&t, 8, (long long)f->part[b] + 1);
        ent__tb_real(&t, 9, f->mod[f->part[b]]);
    }
    summary_note(&t, f);
    ent__tb_note(&t, "pos_between, neg_between: the bloc's ties to actors of other blocs");
    ent__tb_note(&t,
                 "alliances: declared alliances with members in the bloc (member_of on the day), "
                 "and how many of their members that is");
    ent__tb_note(&t,
                 "part: connected part of the signed ties, numbered in graph order; "
                 "part_modularity: spinglass's modularity of the part's split (empty for a part "
                 "of two actors)");
    method_note(&t, o);
    ent__view_note(&t, f->view);
    free(per);
    return ent__tb_finish(&t, &sb, out);
}

/* A tie between two blocs, lower bloc first. */
typedef struct cross {
    uint32_t lo, hi, tie;
} cross;

static int by_blocs(const void *x, const void *y)
{
    const cross *a = x, *b = y;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    return (a->tie > b->tie) - (a->tie < b->tie);
}

static int between_table(ent_table **out, const found *f)
{
    const proj *p = &f->p;
    const ent_graph *g = ent_view_graph(f->view);
    char day[11], title[128];
    snprintf(title, sizeof title, "ties between blocs on %s",
             ent__day_str(ent_view_day(f->view), day));
    tb t = {ent__table_new(title), ENT_OK};
    cross *key = malloc((p->m + 1) * sizeof *key);
    if (!t.t || !key) {
        ent_table_free(t.t);
        free(key);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    size_t nk = 0;
    for (size_t i = 0; i < p->m; i++) {
        uint32_t bx = f->bloc[p->from[i]], by = f->bloc[p->to[i]];
        if (bx == by)
            continue;
        key[nk].lo = bx < by ? bx : by;
        key[nk].hi = bx < by ? by : bx;
        key[nk++].tie = (uint32_t)i;
    }
    qsort(key, nk, sizeof *key, by_blocs);
    ent__tb_col(&t, "bloc_a", ENT_COL_INT, 0);
    ent__tb_col(&t, "bloc_b", ENT_COL_INT, 0);
    ent__tb_col(&t, "positive", ENT_COL_INT, 0);
    ent__tb_col(&t, "negative", ENT_COL_INT, 0);
    ent__tb_col(&t, "weight", ENT_COL_REAL, WEIGHT_DECIMALS);
    ent__tb_col(&t, "ties", ENT_COL_STRING, 0);
    ent_strbuf sb = ENT_STRBUF_INIT;
    for (size_t i = 0; i < nk && !t.rc;) {
        size_t j = i, pos = 0, neg = 0;
        double w = 0;
        ent_strbuf_reset(&sb);
        for (; j < nk && key[j].lo == key[i].lo && key[j].hi == key[i].hi; j++) {
            uint32_t ti = key[j].tie;
            pos += p->sign[ti] > 0;
            neg += p->sign[ti] < 0;
            w += p->w[ti];
            if (j - i < BETWEEN_TIES_MAX) {
                ent_strbuf_addf(&sb, "%s%s~%s %+.2f", j > i ? "; " : "",
                                ent_graph_actor(g, p->actor[p->from[ti]])->id,
                                ent_graph_actor(g, p->actor[p->to[ti]])->id, p->w[ti]);
                if (p->bound[ti] > 0)
                    ent_strbuf_addf(&sb, " (alliance %+.2f)", p->bound[ti]);
            }
        }
        if (j - i > BETWEEN_TIES_MAX)
            ent_strbuf_addf(&sb, "; and %zu more", j - i - BETWEEN_TIES_MAX);
        ent__tb_row(&t);
        ent__tb_int(&t, 0, (long long)key[i].lo + 1);
        ent__tb_int(&t, 1, (long long)key[i].hi + 1);
        ent__tb_int(&t, 2, (long long)pos);
        ent__tb_int(&t, 3, (long long)neg);
        ent__tb_real(&t, 4, w);
        ent__tb_str(&t, 5, ent_strbuf_str(&sb));
        i = j;
    }
    ent__tb_note(&t,
                 "ties: a~b and the tie's weight (the sum of both directions' weights, plus the "
                 "bond of a shared defence alliance, shown as 'alliance'); the relations behind "
                 "each are in the members table and 'entente balance'");
    ent__view_note(&t, f->view);
    free(key);
    return ent__tb_finish(&t, &sb, out);
}

static int members_table(ent_table **out, const found *f)
{
    const proj *p = &f->p;
    const ent_graph *g = ent_view_graph(f->view);
    char day[11], title[128];
    snprintf(title, sizeof title, "actors by bloc on %s", ent__day_str(ent_view_day(f->view), day));
    tb t = {ent__table_new(title), ENT_OK};
    tally *per = calloc(p->n + 1, sizeof *per);
    keyed *order = malloc((p->n + 1) * sizeof *order);
    if (!t.t || !per || !order) {
        ent_table_free(t.t);
        free(per);
        free(order);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    count_ties(f, NULL, per);
    /* By bloc, then graph order: ent__keyed_cmp puts the highest key first. */
    for (size_t v = 0; v < p->n; v++) {
        order[v].key = -(double)f->bloc[v];
        order[v].actor = (uint32_t)v;
    }
    qsort(order, p->n, sizeof *order, ent__keyed_cmp);
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "bloc", ENT_COL_INT, 0);
    ent__tb_col(&t, "ties", ENT_COL_INT, 0);
    ent__tb_col(&t, "pos_inside", ENT_COL_INT, 0);
    ent__tb_col(&t, "neg_inside", ENT_COL_INT, 0);
    ent__tb_col(&t, "pos_between", ENT_COL_INT, 0);
    ent__tb_col(&t, "neg_between", ENT_COL_INT, 0);
    ent__tb_col(&t, "against_blocs", ENT_COL_STRING, 0);
    ent_strbuf sb = ENT_STRBUF_INIT;
    for (size_t i = 0; i < p->n && !t.rc; i++) {
        uint32_t v = order[i].actor;
        const ent_actor *a = ent_graph_actor(g, p->actor[v]);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, a->id);
        ent__tb_str(&t, 1, a->name);
        ent__tb_int(&t, 2, (long long)f->bloc[v] + 1);
        ent__tb_int(&t, 3, (long long)(p->a.off[v + 1] - p->a.off[v]));
        ent__tb_int(&t, 4, per[v].t[0][0]);
        ent__tb_int(&t, 5, per[v].t[0][1]);
        ent__tb_int(&t, 6, per[v].t[1][0]);
        ent__tb_int(&t, 7, per[v].t[1][1]);
        /* The ties that go against the blocs, with the relations behind them. */
        ent_strbuf_reset(&sb);
        int any = 0;
        for (size_t k = p->a.off[v]; k < p->a.off[v + 1]; k++) {
            uint32_t u = p->a.nbr[k], ti = p->a.tie[k];
            if ((f->bloc[u] == f->bloc[v]) == (p->sign[ti] > 0))
                continue;
            ent_strbuf_addf(&sb, "%s%s (bloc %u, %+.2f): ", any++ ? " || " : "",
                            ent_graph_actor(g, p->actor[u])->id, (unsigned)f->bloc[u] + 1,
                            p->w[ti]);
            ent__describe_ptie(p, f->view, ti, p->actor[v], p->actor[u], &sb);
        }
        ent__tb_str(&t, 8, ent_strbuf_str(&sb));
    }
    ent__tb_note(&t,
                 "against_blocs: the actor's ties that go against the blocs (positive to another "
                 "bloc, negative inside its own), each with the relations behind it");
    ent__view_note(&t, f->view);
    free(per);
    free(order);
    return ent__tb_finish(&t, &sb, out);
}

int ent_blocs_found_tables(ent_table **blocs, ent_table **between, ent_table **members,
                           const ent_blocs_found *b)
{
    ent_table **outs[3] = {blocs, between, members};
    ent_table *made[3] = {NULL, NULL, NULL};
    int rc = ENT_OK;
    for (int i = 0; i < 3; i++)
        if (outs[i])
            *outs[i] = NULL;
    if (blocs)
        rc = blocs_table(&made[0], b, &b->o);
    if (!rc && between)
        rc = between_table(&made[1], b);
    if (!rc && members)
        rc = members_table(&made[2], b);
    for (int i = 0; i < 3; i++) {
        if (rc)
            ent_table_free(made[i]);
        else if (outs[i])
            *outs[i] = made[i];
    }
    return rc;
}

int ent_blocs_tables(ent_table **blocs, ent_table **between, ent_table **members, const ent_view *v,
                     const ent_blocs_options *o)
{
    ent_blocs_options defaults;
    if (!o) {
        ent_blocs_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_BLOCS_OPTIONS_VERSION, "ent_blocs_options")) {
        return ENT_EUSAGE;
    }
    ent_table **outs[3] = {blocs, between, members};
    for (int i = 0; i < 3; i++)
        if (outs[i])
            *outs[i] = NULL;
    found f;
    int rc = find_blocs(&f, v, o);
    if (rc)
        return rc;
    rc = ent_blocs_found_tables(blocs, between, members, &f);
    found_release(&f);
    return rc;
}

/* ------------------------------------------------------------ the change --- */

/* Matches the blocs of a to those of b, greedily by the most actors shared
 * (ties broken by lower bloc numbers): match[x] is b's bloc or UINT32_MAX. */
typedef struct overlap {
    uint32_t shared, x, y;
} overlap;

static int by_shared(const void *p1, const void *p2)
{
    const overlap *a = p1, *b = p2;
    if (a->shared != b->shared)
        return a->shared > b->shared ? -1 : 1;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return (a->y > b->y) - (a->y < b->y);
}

static int match_blocs(const found *a, const found *b, uint32_t *match)
{
    size_t na = ent_graph_actor_count(ent_view_graph(a->view)), n = 0;
    /* The pairs (bloc in a, bloc in b) of shared actors, counted after sorting. */
    overlap *ov = malloc((na + 1) * sizeof *ov);
    uint8_t *taken = calloc(b->k + 1, 1);
    if (!ov || !taken) {
        free(ov);
        free(taken);
        return ent_error_set(ENT_ENOMEM, "out of memory");
    }
    for (size_t act = 0; act < na; act++) {
        uint32_t va = a->p.vertex[act], vb = b->p.vertex[act];
        if (va == SIGNED_NONE || vb == SIGNED_NONE)
            continue;
        ov[n].shared = 0;
        ov[n].x = a->bloc[va];
        ov[n++].y = b->bloc[vb];
    }
    qsort(ov, n, sizeof *ov, by_shared); /* shared all 0: by (x, y) */
    size_t u = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ov[j].x == ov[i].x && ov[j].y == ov[i].y)
            j++;
        ov[u] = ov[i];
        ov[u++].shared = (uint32_t)(j - i);
        i = j;
    }
    qsort(ov, u, sizeof *ov, by_shared);
    for (size_t x = 0; x < a->k; x++)
        match[x] = UINT32_MAX;
    for (size_t i = 0; i < u; i++)
        if (match[ov[i].x] == UINT32_MAX && !taken[ov[i].y]) {
            match[ov[i].x] = ov[i].y;
            taken[ov[i].y] = 1;
        }
    free(ov);
    free(taken);
    return ENT_OK;
}

static int change_summary(ent_table **out, const found *fa, const found *fb, const uint32_t *match,
                          const ent_blocs_options *o)
{
    char d1[11], d2[11], title[160];
    snprintf(title, sizeof title, "blocs from %s to %s", ent__day_str(ent_view_day(fa->view), d1),
             ent__day_str(ent_view_day(fb->view), d2));
    tb t = {ent__table_new(title), ENT_OK};
    if (!t.t)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    ent__tb_col(&t, "date", ENT_COL_STRING, 0);
    ent__tb_col(&t, "actors", ENT_COL_INT, 0);
    ent__tb_col(&t, "ties", ENT_COL_INT, 0);
    ent__tb_col(&t, "blocs", ENT_COL_INT, 0);
    ent__tb_col(&t, "in_line", ENT_COL_INT, 0);
    ent__tb_col(&t, "in_line_share", ENT_COL_REAL, SHARE_DECIMALS);
    const found *both[2] = {fa, fb};
    for (int i = 0; i < 2; i++) {
        const found *f = both[i];
        size_t agree = agreeing(f);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, i ? d2 : d1);
        ent__tb_int(&t, 1, (long long)f->p.n);
        ent__tb_int(&t, 2, (long long)f->p.m);
        ent__tb_int(&t, 3, (long long)f->k);
        ent__tb_int(&t, 4, (long long)agree);
        ent__tb_real(&t, 5, f->p.m ? (double)agree / (double)f->p.m : NAN);
    }
    ent_strbuf sb = ENT_STRBUF_INIT;
    ent_strbuf_adds(&sb, "blocs matched by the most actors shared (earlier -> later):");
    for (size_t x = 0; x < fa->k; x++) {
        if (match[x] == UINT32_MAX)
            ent_strbuf_addf(&sb, "%s %zu -> none", x ? ";" : "", x + 1);
        else
            ent_strbuf_addf(&sb, "%s %zu -> %u", x ? ";" : "", x + 1, (unsigned)match[x] + 1);
    }
    if (!fa->k)
        ent_strbuf_adds(&sb, " none on the earlier date");
    ent__tb_note(&t, ent_strbuf_str(&sb));
    ent__tb_note(&t, "in_line: ties in line with the blocs (positive inside one, negative between "
                     "two)");
    method_note(&t, o);
    ent__view_note(&t, fb->view);
    return ent__tb_finish(&t, &sb, out);
}

static int moves_table(ent_table **out, const found *fa, const found *fb, const uint32_t *match)
{
    const ent_graph *g = ent_view_graph(fa->view);
    size_t na = ent_graph_actor_count(g);
    char d1[11], d2[11], title[160];
    snprintf(title, sizeof title, "actors that changed bloc from %s to %s",
             ent__day_str(ent_view_day(fa->view), d1), ent__day_str(ent_view_day(fb->view), d2));
    tb t = {ent__table_new(title), ENT_OK};
    if (!t.t)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "change", ENT_COL_STRING, 0);
    ent__tb_col(&t, "bloc_before", ENT_COL_INT, 0);
    ent__tb_col(&t, "bloc_after", ENT_COL_INT, 0);
    ent__tb_col(&t, "companions_before", ENT_COL_STRING, 0);
    ent__tb_col(&t, "companions_after", ENT_COL_STRING, 0);
    ent_strbuf sb = ENT_STRBUF_INIT;
    static const char *const changes[3] = {"moved", "left", "joined"};
    for (size_t i = 0; i < 3 * na && !t.rc; i++) {
        size_t act = i % na;
        uint32_t va = fa->p.vertex[act], vb = fb->p.vertex[act];
        int kind = va == SIGNED_NONE                     ? (vb == SIGNED_NONE ? -1 : 2)
                   : vb == SIGNED_NONE                   ? 1
                   : match[fa->bloc[va]] != fb->bloc[vb] ? 0
                                                         : -1;
        if (kind != (int)(i / na))
            continue;
        const char *change = changes[kind];
        const ent_actor *a = ent_graph_actor(g, (uint32_t)act);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, a->id);
        ent__tb_str(&t, 1, a->name);
        ent__tb_str(&t, 2, change);
        if (va != SIGNED_NONE) {
            ent__tb_int(&t, 3, (long long)fa->bloc[va] + 1);
            ent_strbuf_reset(&sb);
            add_members(fa, fa->bloc[va], (uint32_t)act, COMPANIONS, &sb);
            ent__tb_str(&t, 5, ent_strbuf_str(&sb));
        }
        if (vb != SIGNED_NONE) {
            ent__tb_int(&t, 4, (long long)fb->bloc[vb] + 1);
            ent_strbuf_reset(&sb);
            add_members(fb, fb->bloc[vb], (uint32_t)act, COMPANIONS, &sb);
            ent__tb_str(&t, 6, ent_strbuf_str(&sb));
        }
    }
    ent__tb_note(&t,
                 "moved: in a bloc that is not the match of its former one; joined: a signed tie "
                 "on the later date only; left: on the earlier date only");
    ent__tb_note(&t,
                 "bloc_before, bloc_after: the bloc numbers of each date (0: no signed tie that "
                 "day); companions: the others in its bloc on each date");
    ent__view_note(&t, fb->view);
    return ent__tb_finish(&t, &sb, out);
}

int ent_blocs_found_change_tables(ent_table **summary, ent_table **moves, const ent_blocs_found *a,
                                  const ent_blocs_found *b)
{
    if (summary)
        *summary = NULL;
    if (moves)
        *moves = NULL;
    if (ent_view_graph(a->view) != ent_view_graph(b->view))
        return ent_error_set(ENT_EUSAGE, "blocs: the two snapshots come from different graphs");
    int rc = ENT_OK;
    ent_table *ts = NULL, *tm = NULL;
    uint32_t *match = malloc((a->k + 1) * sizeof *match);
    if (!match)
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
    if (!rc)
        rc = match_blocs(a, b, match);
    if (!rc && summary)
        rc = change_summary(&ts, a, b, match, &a->o);
    if (!rc && moves)
        rc = moves_table(&tm, a, b, match);
    free(match);
    if (rc) {
        ent_table_free(ts);
        ent_table_free(tm);
        return rc;
    }
    if (summary)
        *summary = ts;
    if (moves)
        *moves = tm;
    return ENT_OK;
}

/* Finds the blocs of two views of one graph (o may be NULL): 0, or an error
 * with nothing held. */
static int find_two(found *fa, found *fb, const ent_view *a, const ent_view *b,
                    const ent_blocs_options *o)
{
    ent_blocs_options defaults;
    if (!o) {
        ent_blocs_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_BLOCS_OPTIONS_VERSION, "ent_blocs_options")) {
        return ENT_EUSAGE;
    }
    if (ent_view_graph(a) != ent_view_graph(b))
        return ent_error_set(ENT_EUSAGE, "blocs: the two snapshots come from different graphs");
    int rc = find_blocs(fa, a, o);
    if (!rc && (rc = find_blocs(fb, b, o)))
        found_release(fa);
    return rc;
}

int ent_blocs_change_tables(ent_table **summary, ent_table **moves, const ent_view *a,
                            const ent_view *b, const ent_blocs_options *o)
{
    if (summary)
        *summary = NULL;
    if (moves)
        *moves = NULL;
    found fa, fb;
    int rc = find_two(&fa, &fb, a, b, o);
    if (rc)
        return rc;
    rc = ent_blocs_found_change_tables(summary, moves, &fa, &fb);
    found_release(&fa);
    found_release(&fb);
    return rc;
}

static int aligned_found(const found *fa, const found *fb, uint32_t *bloc_a, uint32_t *bloc_b)
{
    int rc = ENT_OK;
    uint32_t *match = malloc((fa->k + 1) * sizeof *match);
    uint32_t *number = malloc((fb->k + 1) * sizeof *number); /* b's bloc -> its number */
    if (!match || !number)
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
    if (!rc)
        rc = match_blocs(fa, fb, match);
    if (!rc) {
        size_t na = ent_graph_actor_count(ent_view_graph(fa->view)), next = fa->k;
        for (size_t y = 0; y < fb->k; y++)
            number[y] = 0;
        for (size_t x = 0; x < fa->k; x++)
            if (match[x] != UINT32_MAX)
                number[match[x]] = (uint32_t)x + 1;
        for (size_t y = 0; y < fb->k; y++)
            if (!number[y])
                number[y] = (uint32_t)++next;
        for (size_t act = 0; act < na; act++) {
            uint32_t va = fa->p.vertex[act], vb = fb->p.vertex[act];
            bloc_a[act] = va == SIGNED_NONE ? 0 : fa->bloc[va] + 1;
            bloc_b[act] = vb == SIGNED_NONE ? 0 : number[fb->bloc[vb]];
        }
    }
    free(match);
    free(number);
    return rc;
}

int ent_blocs_aligned(const ent_view *a, const ent_view *b, const ent_blocs_options *o,
                      uint32_t *bloc_a, uint32_t *bloc_b)
{
    found fa, fb;
    int rc = find_two(&fa, &fb, a, b, o);
    if (rc)
        return rc;
    rc = aligned_found(&fa, &fb, bloc_a, bloc_b);
    found_release(&fa);
    found_release(&fb);
    return rc;
}

int ent_blocs_found_aligned(const ent_blocs_found *a, const ent_blocs_found *b, uint32_t *bloc_a,
                            uint32_t *bloc_b)
{
    if (ent_view_graph(a->view) != ent_view_graph(b->view))
        return ent_error_set(ENT_EUSAGE, "blocs: the two snapshots come from different graphs");
    return aligned_found(a, b, bloc_a, bloc_b);
}
