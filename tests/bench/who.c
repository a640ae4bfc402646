/*
 * who.c: ent_bench_who, the query part of the benchmark.
 *
 *     ent_bench_who FILE DATE DEPTH SAMPLE
 *
 * Loads FILE once through the public API, then asks `who backed ACTOR --at DATE --depth DEPTH`
 * (ent_who_table) for SAMPLE actors spread evenly over the graph (actor i * count / SAMPLE)
 * and for the three actors with the most incoming relations, the largest neighbourhoods.
 * Each question is asked REPEAT times and its fastest time kept, so that one page fault or
 * timer tick does not decide a figure of a few microseconds.
 *
 * For scale it also times one pass over every relation that checks its target and its dates,
 * the least that an answer without the by-target index would cost.
 *
 * Then asks about the first of those actors at depths 1 to DEEPEST, to show the cost growing
 * with the neighbourhood the walk reaches.
 *
 * Prints one line per question, then one summary line, key=value, times in seconds:
 *     query actor=ID in=N examined=N rows=N query_s=T
 *     deep actor=ID depth=N examined=N rows=N query_s=T
 *     summary relations=N queries=N examined_median=N query_median_s=T ns_per_examined=T
 *             hub=ID hub_examined=N hub_query_s=T query_max_s=T scan_s=T load_s=T
 * ns_per_examined is the median over the sample of query time / relations examined (over
 * the questions that examined at least 100 relations, so that fixed costs do not dominate).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entente/entente.h"

#define REPEAT 5
#define HUBS 3
#define DEEPEST 5

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

static int by_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

typedef struct answer {
    size_t examined, rows;
    double seconds;
} answer;

/* Asks the question about `actor` REPEAT times; 0 on success. */
static int ask(const ent_graph *g, const ent_view_options *o, const ent_when *w, uint32_t actor,
               unsigned depth, answer *out)
{
    out->seconds = -1;
    for (int k = 0; k < REPEAT; k++) {
        ent_who_query q;
        memset(&q, 0, sizeof q);
        if (ent_who_verb(g, "backed", &q, NULL) < 0)
            return -1;
        q.actor = actor;
        q.depth = depth;
        q.examined = &out->examined;
        ent_table *t = NULL;
        double t0 = now();
        int rc = ent_who_table(&t, g, o, w, &q);
        double s = now() - t0;
        if (rc)
            return -1;
        out->rows = ent_table_row_count(t);
        ent_table_free(t);
        if (out->seconds < 0 || s < out->seconds)
            out->seconds = s;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: ent_bench_who FILE DATE DEPTH SAMPLE\n");
        return 2;
    }
    ent_date d;
    int depth = atoi(argv[3]), sample = atoi(argv[4]);
    if (ent_date_parse(&d, argv[2], strlen(argv[2])) != ENT_DATE_OK || depth < 1 || sample < 1) {
        fprintf(stderr, "ent_bench_who: bad DATE, DEPTH or SAMPLE\n");
        return 2;
    }
    ent_diags *diags = NULL;
    ent_diags_new(&diags);
    ent_graph *g = NULL;
    const char *paths[1] = {argv[1]};
    double t0 = now();
    if (!diags || ent_load_files(&g, paths, 1, NULL, diags) != 0) {
        fprintf(stderr, "ent_bench_who: cannot load %s\n", argv[1]);
        ent_diags_free(diags);
        return 1;
    }
    double load_s = now() - t0;
    size_t na = ent_graph_actor_count(g), nr = ent_graph_relation_count(g);
    ent_view_options o;
    ent_view_options_init(&o);
    ent_when w;
    memset(&w, 0, sizeof w);
    w.day = ent_date_last_day(d);

    /* Incoming relations per actor, and the scan that a query without the index would make. */
    size_t *in = calloc(na ? na : 1, sizeof *in);
    double *per = malloc((size_t)sample * sizeof *per);
    size_t *examined = malloc((size_t)sample * sizeof *examined);
    double *times = malloc((size_t)sample * sizeof *times);
    if (!in || !per || !examined || !times) {
        fprintf(stderr, "ent_bench_who: out of memory\n");
        return 1;
    }
    double scan_s = -1;
    for (int k = 0; k < REPEAT; k++) {
        size_t hits = 0;
        double s0 = now();
        for (size_t r = 0; r < nr; r++) {
            const ent_relation *rel = ent_graph_relation(g, r);
            if (k == 0)
                in[rel->target]++;
            hits += rel->target == 0 && (rel->from.year <= d.year || rel->at.year <= d.year);
        }
        double s = now() - s0;
        if (scan_s < 0 || s < scan_s)
            scan_s = s;
        if (hits == (size_t)-1) /* keeps the loop from being optimised away */
            puts("");
    }

    int status = 0;
    size_t n_per = 0;
    double max_s = 0;
    for (int i = 0; i < sample && na; i++) {
        uint32_t a = (uint32_t)((size_t)i * na / (size_t)sample);
        answer ans;
        if (ask(g, &o, &w, a, (unsigned)depth, &ans)) {
            fprintf(stderr, "ent_bench_who: query failed: %s\n", ent_error_last());
            status = 1;
            break;
        }
        printf("query actor=%s in=%zu examined=%zu rows=%zu query_s=%.6f\n",
               ent_graph_actor(g, a)->id, in[a], ans.examined, ans.rows, ans.seconds);
        examined[i] = ans.examined;
        times[i] = ans.seconds;
        if (ans.examined >= 100)
            per[n_per++] = ans.seconds * 1e9 / (double)ans.examined;
        if (ans.seconds > max_s)
            max_s = ans.seconds;
    }

    /* The actors with the most incoming relations. */
    uint32_t hubs[HUBS];
    size_t n_hubs = 0;
    for (size_t a = 0; a < na; a++) {
        size_t pos = n_hubs < HUBS ? n_hubs++ : HUBS;
        while (pos > 0 && in[hubs[pos - 1]] < in[a]) {
            if (pos < HUBS)
                hubs[pos] = hubs[pos - 1];
            pos--;
        }
        if (pos < HUBS)
            hubs[pos] = (uint32_t)a;
    }
    answer hub = {0, 0, 0};
    for (size_t h = 0; h < n_hubs && !status; h++) {
        answer ans;
        if (ask(g, &o, &w, hubs[h], (unsigned)depth, &ans)) {
            fprintf(stderr, "ent_bench_who: query failed: %s\n", ent_error_last());
            status = 1;
            break;
        }
        printf("query actor=%s in=%zu examined=%zu rows=%zu query_s=%.6f hub=1\n",
               ent_graph_actor(g, hubs[h])->id, in[hubs[h]], ans.examined, ans.rows,
               ans.seconds);
        if (h == 0)
            hub = ans;
        if (ans.seconds > max_s)
            max_s = ans.seconds;
    }
    for (unsigned dp = 1; dp <= DEEPEST && n_hubs && !status; dp++) {
        answer ans;
        if (ask(g, &o, &w, hubs[0], dp, &ans)) {
            fprintf(stderr, "ent_bench_who: query failed: %s\n", ent_error_last());
            status = 1;
            break;
        }
        printf("deep actor=%s depth=%u examined=%zu rows=%zu query_s=%.6f\n",
               ent_graph_actor(g, hubs[0])->id, dp, ans.examined, ans.rows, ans.seconds);
    }
    if (!status && na) {
        qsort(examined, (size_t)sample, sizeof *examined, by_size);
        qsort(times, (size_t)sample, sizeof *times, by_double);
        qsort(per, n_per, sizeof *per, by_double);
        printf("summary relations=%zu queries=%d examined_median=%zu query_median_s=%.6f "
               "ns_per_examined=%.1f hub=%s hub_examined=%zu hub_query_s=%.6f "
               "query_max_s=%.6f scan_s=%.6f load_s=%.3f\n",
               nr, sample, examined[sample / 2], times[sample / 2],
               n_per ? per[n_per / 2] : 0.0, ent_graph_actor(g, hubs[0])->id, hub.examined,
               hub.seconds, max_s, scan_s, load_s);
    }
    free(in);
    free(per);
    free(examined);
    free(times);
    ent_graph_free(g);
    ent_diags_free(diags);
    return status;
}
