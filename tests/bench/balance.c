/*
 * balance.c: ent_bench_balance, the balance part of the benchmark ("Structural balance and
 * blocs").
 *
 *     ent_bench_balance graph FILE DATE REPEAT
 *     ent_bench_balance exact ACTORS DENSITY NEGATIVE SEEDS REPEAT
 *
 * graph: loads FILE through the public API, takes the snapshot on DATE (a date or a snapshot
 * id, default view options) and folds it into the signed undirected graph the balance
 * analyses work on, the way docs/analyses.md defines it: one tie per pair of actors with the
 * sign of the sum of both directions' weights plus, for two members of a collective-defence
 * alliance on the day, the weight of the weaker of their two memberships (the largest such
 * weight over the alliances they share), none when that sum is within 1e-9 of 0, no
 * self-loops; vertices are the actors with a tie in graph order. Then runs each timed step
 * (the table `steps` below) REPEAT times and keeps the median time:
 *   - summary: ent_balance_tables with the summary only and the default options, what
 *     `entente balance FILE --at DATE` computes before printing (its projection, triangles,
 *     walk balance when no connected part exceeds 1,000 actors, frustration exact on parts
 *     of up to 48 actors and heuristic beyond);
 *   - triangles: ent_signed_triangles on the projection;
 *   - frustration: ent_frustration on the projection with exact_max = 0, the heuristic
 *     alone (multi-start local search: an upper bound, with a proven lower bound).
 * The summary's tie and triangle counts must equal those of the building blocks (exit status
 * 1 otherwise), so that the steps are known to measure the same graph. Prints one line of
 * key=value figures, times in seconds:
 *     actors=N edges=N ties=N negative=N triangles=N ppp=N ppn=N pnn=N nnn=N unbalanced=N
 *     frustration=N lower_bound=N method=M walk=X heur_frustration=N heur_lower_bound=N
 *     heur_parts=N heur_largest=N bonds=N load_s=T view_s=T project_s=T summary_s=T triangles_s=T
 *     frustration_s=T
 * actors is the number of actors with a tie (the projection's vertices), edges the view's
 * directed edges; frustration, lower_bound and method (exact or heuristic) are the summary's,
 * heur_* those of the heuristic alone; walk is the summary's walk balance, "-" when it was
 * not computed (a connected part over 1,000 actors).
 *
 * exact: the exact frustration index on small graphs. SEEDS random signed graphs of ACTORS
 * vertices, each pair tied with probability DENSITY percent and each tie negative with
 * probability NEGATIVE percent (random signs: far from balance, the hard case for branch and
 * bound), each solved by ent_frustration with exact_max = 64 and the default node budget,
 * REPEAT times, the median time kept. The graphs depend only on the arguments (splitmix64).
 * Prints one line per graph, then a summary line:
 *     graph seed=N ties=N negative=N frustration=N lower_bound=N exact=0|1 nodes=N time_s=T
 *     summary actors=N density=P negative=P graphs=N exact=N ties_median=N
 *             frustration_median=N nodes_median=N nodes_max=N time_median_s=T time_max_s=T
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entente/entente.h"

#define TIE_EPS     1e-9 /* a pair whose weights sum to within this of 0 has no tie */
#define MAX_REPEAT  50
#define EXACT_LIMIT 64

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int by_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static int by_u64(const void *x, const void *y)
{
    unsigned long long a = *(const unsigned long long *)x, b = *(const unsigned long long *)y;
    return (a > b) - (a < b);
}

static int by_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* The median of t[0..n), n >= 1 (the upper of the middle two, as run.sh's); sorts t. */
static double median(double *t, size_t n)
{
    qsort(t, n, sizeof *t, by_double);
    return t[n / 2];
}

/* A count in 1..max, or 0 when `s` is not one. */
static long parse_count(const char *s, long max)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= 1 && v <= max ? v : 0;
}

/* ------------------------------------------------------------- the projection --- */

/* A signed undirected graph: tie i joins from[i] < to[i] with sign[i] = +1 or -1. */
typedef struct signed_graph {
    size_t n, m;
    size_t bonds; /* pairs of members of a collective-defence alliance, before merging */
    uint32_t *from, *to;
    int *sign;
} signed_graph;

static void signed_graph_release(signed_graph *s)
{
    free(s->from);
    free(s->to);
    free(s->sign);
    memset(s, 0, sizeof *s);
}

typedef struct pair_weight {
    unsigned long long key; /* lower actor << 32 | higher actor */
    double w;
    int bond; /* 1: two members of a collective-defence alliance */
} pair_weight;

/* A member of a collective-defence alliance and the weight of its membership. */
typedef struct member {
    uint32_t alliance, actor;
    double w;
} member;

static int by_alliance(const void *x, const void *y)
{
    const member *a = x, *b = y;
    if (a->alliance != b->alliance)
        return a->alliance < b->alliance ? -1 : 1;
    return (a->actor > b->actor) - (a->actor < b->actor);
}

/* The members of collective-defence alliances on the view's day, by alliance: *n of them in
 * a malloc'd array, or NULL when out of memory (or none). */
static member *members_of(const ent_view *v, size_t *n)
{
    const ent_graph *g = ent_view_graph(v);
    size_t ne = ent_view_edge_count(v), k = 0;
    member *m = malloc((ne + 1) * sizeof *m);
    *n = 0;
    if (!m)
        return NULL;
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        const ent_actor *al = ent_graph_actor(g, e->target);
        if (e->source == e->target || al->kind != ENT_KIND_ALLIANCE || al->collective_defense != 1)
            continue;
        double w = 0;
        for (size_t r = 0; r < e->n_relations; r++) {
            const ent_relation *rel = ent_graph_relation(g, e->relations[r]);
            double x = ent_view_relation_weight(v, e->relations[r]);
            if (strcmp(ent_graph_type(g, rel->type)->id, "member_of") == 0 && x > w)
                w = x;
        }
        if (w > 0) {
            member one = {e->target, e->source, w};
            m[k++] = one;
        }
    }
    qsort(m, k, sizeof *m, by_alliance);
    *n = k;
    return m;
}

static int by_pair(const void *x, const void *y)
{
    return by_u64(&((const pair_weight *)x)->key, &((const pair_weight *)y)->key);
}

/* Folds view `v` into *out (see the top of the file). Returns 0 or -1 (out of memory). */
static int project(signed_graph *out, const ent_view *v)
{
    size_t na = ent_graph_actor_count(ent_view_graph(v)), ne = ent_view_edge_count(v), k = 0;
    size_t nm = 0, bonds = 0;
    memset(out, 0, sizeof *out);
    member *ms = members_of(v, &nm);
    for (size_t i = 0, j; i < nm; i = j) {
        for (j = i; j < nm && ms[j].alliance == ms[i].alliance; j++)
            ;
        bonds += (j - i) * (j - i - 1) / 2;
    }
    ne += bonds;
    pair_weight *pw = malloc((ne + 1) * sizeof *pw);
    uint32_t *vertex = malloc((na + 1) * sizeof *vertex);
    out->from = malloc((ne + 1) * sizeof *out->from);
    out->to = malloc((ne + 1) * sizeof *out->to);
    out->sign = malloc((ne + 1) * sizeof *out->sign);
    int rc = -1;
    if (!pw || !vertex || !out->from || !out->to || !out->sign || (!ms && nm))
        goto done;
    for (size_t i = 0; i < ent_view_edge_count(v); i++) {
        const ent_edge *e = ent_view_edge(v, i);
        if (e->source == e->target)
            continue;
        uint32_t lo = e->source < e->target ? e->source : e->target;
        uint32_t hi = e->source < e->target ? e->target : e->source;
        pw[k].key = (unsigned long long)lo << 32 | hi;
        pw[k].bond = 0;
        pw[k++].w = e->weight;
    }
    for (size_t i = 0, j; i < nm; i = j) {
        for (j = i; j < nm && ms[j].alliance == ms[i].alliance; j++)
            ;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                pw[k].key = (unsigned long long)ms[a].actor << 32 | ms[b].actor;
                pw[k].bond = 1;
                pw[k++].w = ms[a].w < ms[b].w ? ms[a].w : ms[b].w;
            }
    }
    out->bonds = bonds;
    qsort(pw, k, sizeof *pw, by_pair);
    for (size_t a = 0; a < na; a++)
        vertex[a] = 0;
    for (size_t i = 0, j; i < k; i = j) {
        double sum = 0, bond = 0;
        for (j = i; j < k && pw[j].key == pw[i].key; j++) {
            if (!pw[j].bond)
                sum += pw[j].w;
            else if (pw[j].w > bond)
                bond = pw[j].w;
        }
        sum += bond;
        if (fabs(sum) <= TIE_EPS)
            continue;
        out->from[out->m] = (uint32_t)(pw[i].key >> 32);
        out->to[out->m] = (uint32_t)(pw[i].key & 0xffffffffu);
        out->sign[out->m++] = sum > 0 ? 1 : -1;
        vertex[pw[i].key >> 32] = vertex[pw[i].key & 0xffffffffu] = 1;
    }
    /* Renumbering in actor order keeps the ties sorted by their two vertices. */
    for (size_t a = 0; a < na; a++)
        vertex[a] = vertex[a] ? (uint32_t)out->n++ : UINT32_MAX;
    for (size_t i = 0; i < out->m; i++) {
        out->from[i] = vertex[out->from[i]];
        out->to[i] = vertex[out->to[i]];
    }
    rc = 0;
done:
    free(pw);
    free(ms);
    free(vertex);
    if (rc)
        signed_graph_release(out);
    return rc;
}

/* -------------------------------------------------------- the graph's steps --- */

/* What the steps work on and what they found. */
typedef struct ctx {
    const ent_view *view;
    signed_graph sg;       /* the projection of `view` */
    int *camp;             /* sg.n camps, for ent_frustration */
    ent_balance_options o; /* the defaults */
    /* summary */
    long long s_ties, s_triangles, s_counts[4], s_frustration, s_lower;
    double s_walk;
    char s_method[16];
    /* triangles */
    size_t counts[4];
    /* frustration, heuristic only */
    ent_frustration_info heur;
    /* blocs with the default options: their number, or refused (a part too large) */
    size_t blocs;
    int blocs_refused;
} ctx;

/* One timed step: `run` does the work once (0 on success, else a message is printed), `print`
 * prints its key=value figures (after a space) once the runs are over. */
typedef struct step {
    const char *name; /* the figure is <name>_s */
    int (*run)(ctx *c);
    void (*print)(const ctx *c);
} step;

/* Reads integer column `name` of row 0 into *out; -1 when there is no such column. */
static int int_cell(const ent_table *t, const char *name, long long *out)
{
    long col = ent_table_column_index(t, name);
    if (col < 0 || ent_table_row_count(t) < 1)
        return -1;
    *out = ent_table_int(t, 0, (size_t)col);
    return 0;
}

static int run_summary(ctx *c)
{
    ent_table *t = NULL;
    int rc = ent_balance_tables(&t, NULL, NULL, c->view, &c->o);
    if (rc) {
        fprintf(stderr, "ent_bench_balance: ent_balance_tables: %s\n", ent_error_last());
        return -1;
    }
    static const char *const patterns[4] = {"ppp", "ppn", "pnn", "nnn"};
    int bad = int_cell(t, "ties", &c->s_ties) || int_cell(t, "triangles", &c->s_triangles) ||
              int_cell(t, "frustration", &c->s_frustration) ||
              int_cell(t, "frustration_lower_bound", &c->s_lower);
    for (int k = 0; k < 4 && !bad; k++)
        bad = int_cell(t, patterns[k], &c->s_counts[k]);
    long walk = ent_table_column_index(t, "walk_balance");
    long method = ent_table_column_index(t, "frustration_method");
    if (bad || walk < 0 || method < 0) {
        fprintf(stderr, "ent_bench_balance: the summary lacks a column this program reads\n");
        ent_table_free(t);
        return -1;
    }
    /* NaN when not computed (a connected part over walk_max actors). */
    c->s_walk = ent_table_real(t, 0, (size_t)walk);
    snprintf(c->s_method, sizeof c->s_method, "%s", ent_table_string(t, 0, (size_t)method));
    ent_table_free(t);
    return 0;
}

static void print_summary(const ctx *c)
{
    printf(" frustration=%lld lower_bound=%lld method=%s", c->s_frustration, c->s_lower,
           c->s_method);
    if (c->s_walk > 0 && !isnan(c->s_walk))
        printf(" walk=%.4f", c->s_walk);
    else
        printf(" walk=-");
}

static int run_triangles(ctx *c)
{
    const signed_graph *s = &c->sg;
    if (ent_signed_triangles(s->n, s->from, s->to, s->sign, s->m, c->counts) != 0) {
        fprintf(stderr, "ent_bench_balance: ent_signed_triangles: %s\n", ent_error_last());
        return -1;
    }
    return 0;
}

static void print_triangles(const ctx *c)
{
    const size_t *k = c->counts;
    printf(" triangles=%zu ppp=%zu ppn=%zu pnn=%zu nnn=%zu unbalanced=%zu",
           k[0] + k[1] + k[2] + k[3], k[0], k[1], k[2], k[3], k[1] + k[3]);
}

static int run_frustration(ctx *c)
{
    const signed_graph *s = &c->sg;
    ent_balance_options o = c->o;
    o.exact_max = 0;
    if (ent_frustration(s->n, s->from, s->to, s->sign, s->m, &o, c->camp, &c->heur) != 0) {
        fprintf(stderr, "ent_bench_balance: ent_frustration: %s\n", ent_error_last());
        return -1;
    }
    return 0;
}

static void print_frustration(const ctx *c)
{
    printf(" heur_frustration=%zu heur_lower_bound=%zu heur_parts=%zu heur_largest=%zu",
           c->heur.frustration, c->heur.lower_bound, c->heur.parts_heuristic,
           c->heur.largest_heuristic);
}

/* Blocs with the default options. A part over the default limit (1000 actors) is refused in
 * a moment: the figure then says "refused" and its time is that of the refusal. */
static int run_blocs(ctx *c)
{
    uint32_t *bloc = malloc((ent_graph_actor_count(ent_view_graph(c->view)) + 1) * sizeof *bloc);
    if (!bloc)
        return -1;
    int rc = ent_blocs(c->view, NULL, bloc, &c->blocs);
    free(bloc);
    c->blocs_refused = rc == ENT_EUSAGE;
    if (rc && !c->blocs_refused) {
        fprintf(stderr, "ent_bench_balance: ent_blocs: %s\n", ent_error_last());
        return -1;
    }
    return 0;
}

static void print_blocs(const ctx *c)
{
    if (c->blocs_refused)
        printf(" blocs=refused");
    else
        printf(" blocs=%zu", c->blocs);
}

/*
 * The timed steps, each printed as <name>_s= in this order. A new step goes here and in
 * BALANCE_STEPS in run.sh, which gives the tables its "<name> s" column.
 */
static const step steps[] = {
    {"summary", run_summary, print_summary},
    {"triangles", run_triangles, print_triangles},
    {"frustration", run_frustration, print_frustration},
    {"blocs", run_blocs, print_blocs},
};
#define N_STEPS (sizeof steps / sizeof steps[0])

static int graph_main(const char *file, const char *when, int repeat)
{
    int status = 1;
    ent_diags *diags = NULL;
    ent_diags_new(&diags);
    ent_graph *g = NULL;
    ent_view *v = NULL;
    ctx c;
    memset(&c, 0, sizeof c);
    const char *paths[1] = {file};
    double t0 = now();
    if (!diags || ent_load_files(&g, paths, 1, NULL, diags) != 0) {
        fprintf(stderr, "ent_bench_balance: cannot load %s\n", file);
        goto done;
    }
    double t1 = now();
    int32_t day;
    ent_view_options vo;
    ent_view_options_init(&vo);
    if (ent_graph_resolve_when(g, when, &day, NULL) < 0 || ent_view_new(&v, g, day, &vo) != 0) {
        fprintf(stderr, "ent_bench_balance: no snapshot on %s\n", when);
        goto done;
    }
    double t2 = now();
    if (project(&c.sg, v) != 0) {
        fprintf(stderr, "ent_bench_balance: out of memory\n");
        goto done;
    }
    double t3 = now();
    c.view = v;
    ent_balance_options_init(&c.o);
    c.camp = malloc((c.sg.n + 1) * sizeof *c.camp);
    if (!c.camp) {
        fprintf(stderr, "ent_bench_balance: out of memory\n");
        goto done;
    }

    double secs[N_STEPS], runs[MAX_REPEAT];
    for (size_t s = 0; s < N_STEPS; s++) {
        for (int r = 0; r < repeat; r++) {
            double s0 = now();
            if (steps[s].run(&c) != 0)
                goto done;
            runs[r] = now() - s0;
        }
        secs[s] = median(runs, (size_t)repeat);
    }

    size_t negative = 0, tri = c.counts[0] + c.counts[1] + c.counts[2] + c.counts[3];
    for (size_t i = 0; i < c.sg.m; i++)
        negative += c.sg.sign[i] < 0;
    if ((size_t)c.s_ties != c.sg.m || (size_t)c.s_triangles != tri) {
        fprintf(stderr,
                "ent_bench_balance: the summary counts %lld ties and %lld triangles, the "
                "building blocks %zu and %zu\n",
                c.s_ties, c.s_triangles, c.sg.m, tri);
        goto done;
    }
    for (int k = 0; k < 4; k++)
        if ((size_t)c.s_counts[k] != c.counts[k]) {
            fprintf(stderr, "ent_bench_balance: the summary's triangles by sign differ\n");
            goto done;
        }

    printf("actors=%zu edges=%zu ties=%zu negative=%zu", c.sg.n, ent_view_edge_count(v), c.sg.m,
           negative);
    for (size_t s = 0; s < N_STEPS; s++)
        steps[s].print(&c);
    printf(" bonds=%zu load_s=%.3f view_s=%.4f project_s=%.4f", c.sg.bonds, t1 - t0, t2 - t1,
           t3 - t2);
    for (size_t s = 0; s < N_STEPS; s++)
        printf(" %s_s=%.4f", steps[s].name, secs[s]);
    putchar('\n');
    status = 0;
done:
    free(c.camp);
    signed_graph_release(&c.sg);
    ent_view_free(v);
    ent_graph_free(g);
    ent_diags_free(diags);
    return status;
}

/* -------------------------------------------------------- small exact graphs --- */

/* splitmix64 (Steele, Lea, Flood 2014), as in gen.c: the same graphs on every machine. */
static unsigned long long rng_next(unsigned long long *state)
{
    unsigned long long z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* True with probability percent/100. */
static int rng_percent(unsigned long long *state, long percent)
{
    return (long)(((rng_next(state) >> 32) * 100) >> 32) < percent;
}

/* Random signed graph number `seed` of n vertices into *s; 0 or -1 (out of memory). */
static int random_graph(signed_graph *s, size_t n, long density, long negative, long seed)
{
    size_t cap = n * (n - 1) / 2 + 1;
    memset(s, 0, sizeof *s);
    s->n = n;
    s->from = malloc(cap * sizeof *s->from);
    s->to = malloc(cap * sizeof *s->to);
    s->sign = malloc(cap * sizeof *s->sign);
    if (!s->from || !s->to || !s->sign) {
        signed_graph_release(s);
        return -1;
    }
    unsigned long long state = 0x62616c616e636531ULL /* "balance1" */ ^
                               (unsigned long long)n << 48 ^ (unsigned long long)density << 40 ^
                               (unsigned long long)negative << 32 ^ (unsigned long long)seed;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (rng_percent(&state, density)) {
                s->from[s->m] = (uint32_t)i;
                s->to[s->m] = (uint32_t)j;
                s->sign[s->m++] = rng_percent(&state, negative) ? -1 : 1;
            }
    return 0;
}

static int exact_main(long actors, long density, long negative, long seeds, int repeat)
{
    ent_balance_options o;
    ent_balance_options_init(&o);
    o.exact_max = EXACT_LIMIT;
    int *camp = malloc((size_t)actors * sizeof *camp);
    double *times = malloc((size_t)seeds * sizeof *times);
    size_t *ties = malloc((size_t)seeds * sizeof *ties);
    size_t *frust = malloc((size_t)seeds * sizeof *frust);
    unsigned long long *nodes = malloc((size_t)seeds * sizeof *nodes);
    int status = 1;
    long n_exact = 0;
    if (!camp || !times || !ties || !frust || !nodes) {
        fprintf(stderr, "ent_bench_balance: out of memory\n");
        goto done;
    }
    for (long k = 0; k < seeds; k++) {
        signed_graph s;
        if (random_graph(&s, (size_t)actors, density, negative, k) != 0) {
            fprintf(stderr, "ent_bench_balance: out of memory\n");
            goto done;
        }
        ent_frustration_info fi;
        double runs[MAX_REPEAT];
        int rc = 0;
        for (int r = 0; r < repeat && !rc; r++) {
            double t0 = now();
            rc = ent_frustration(s.n, s.from, s.to, s.sign, s.m, &o, camp, &fi);
            runs[r] = now() - t0;
        }
        size_t neg = 0;
        for (size_t i = 0; i < s.m; i++)
            neg += s.sign[i] < 0;
        ties[k] = s.m;
        signed_graph_release(&s);
        if (rc) {
            fprintf(stderr, "ent_bench_balance: ent_frustration: %s\n", ent_error_last());
            goto done;
        }
        times[k] = median(runs, (size_t)repeat);
        frust[k] = fi.frustration;
        nodes[k] = fi.nodes;
        n_exact += fi.exact != 0;
        printf("graph seed=%ld ties=%zu negative=%zu frustration=%zu lower_bound=%zu exact=%d "
               "nodes=%llu time_s=%.6f\n",
               k, ties[k], neg, fi.frustration, fi.lower_bound, fi.exact, fi.nodes, times[k]);
    }
    qsort(ties, (size_t)seeds, sizeof *ties, by_size);
    qsort(frust, (size_t)seeds, sizeof *frust, by_size);
    qsort(nodes, (size_t)seeds, sizeof *nodes, by_u64);
    qsort(times, (size_t)seeds, sizeof *times, by_double);
    printf("summary actors=%ld density=%ld negative=%ld graphs=%ld exact=%ld ties_median=%zu "
           "frustration_median=%zu nodes_median=%llu nodes_max=%llu time_median_s=%.6f "
           "time_max_s=%.6f\n",
           actors, density, negative, seeds, n_exact, ties[seeds / 2], frust[seeds / 2],
           nodes[seeds / 2], nodes[seeds - 1], times[seeds / 2], times[seeds - 1]);
    status = 0;
done:
    free(camp);
    free(times);
    free(ties);
    free(frust);
    free(nodes);
    return status;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "graph") == 0) {
        long repeat = parse_count(argv[4], MAX_REPEAT);
        if (repeat)
            return graph_main(argv[2], argv[3], (int)repeat);
    } else if (argc == 7 && strcmp(argv[1], "exact") == 0) {
        long actors = parse_count(argv[2], EXACT_LIMIT), density = parse_count(argv[3], 100);
        long negative = strcmp(argv[4], "0") == 0 ? 0 : parse_count(argv[4], 100);
        long seeds = parse_count(argv[5], 100000), repeat = parse_count(argv[6], MAX_REPEAT);
        if (actors >= 2 && density && (negative || strcmp(argv[4], "0") == 0) && seeds && repeat)
            return exact_main(actors, density, negative, seeds, (int)repeat);
    }
    fprintf(stderr,
            "usage: ent_bench_balance graph FILE DATE REPEAT\n"
            "       ent_bench_balance exact ACTORS DENSITY NEGATIVE SEEDS REPEAT\n"
            "(DENSITY, NEGATIVE: percent; REPEAT at most %d; ACTORS at most %d)\n",
            MAX_REPEAT, EXACT_LIMIT);
    return 2;
}
