/*
 * align.c: ent_bench_align, the align part of the benchmark: how long does one
 * actor against all others take once the graph is loaded?
 *
 *     ent_bench_align FILE DATE REPEAT SAMPLE
 *
 * Loads FILE through the public API and takes the snapshot on DATE (a date or a
 * snapshot id, default view options). Then asks ent_align_table for SAMPLE
 * actors spread evenly over the present ones and for the hub (the present
 * actor with the most edges in and out), each REPEAT times, the fastest kept:
 * with the first 20 rows (what `entente align FILE ACTOR --at DATE --top 20`
 * computes before printing) and, for the hub, with every row (a row for each
 * of the N - 1 others, the relations behind each tie described). Each call
 * folds the view afresh: nothing is cached between calls. Prints one line per
 * question, then a summary line, times in seconds:
 *     query actor=ID edges=N top_s=T
 *     summary actors=N edges=N queries=N hub=ID hub_edges=N hub_top_s=T hub_all_s=T
 *             top_median_s=T top_max_s=T load_s=T view_s=T
 * The hub's first row must be the same with 20 rows and with all (exit status 1
 * otherwise), so that both runs are known to answer the same question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entente/entente.h"

#define MAX_REPEAT 50

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

/* A count in 1..max, or 0 when `s` is not one. */
static long parse_count(const char *s, long max)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= 1 && v <= max ? v : 0;
}

/* The fastest of `repeat` runs of ent_align_table for `actor` keeping `top` rows (0: all);
 * the last table in *keep when not NULL. A negative time when a call fails. */
static double timed(const ent_view *v, uint32_t actor, size_t top, int repeat, ent_table **keep)
{
    double best = -1;
    ent_align_options o = {ENT_ALIGN_OPTIONS_VERSION, top, NULL};
    for (int r = 0; r < repeat; r++) {
        ent_table *t = NULL;
        double t0 = now();
        if (ent_align_table(&t, v, actor, &o) != 0) {
            fprintf(stderr, "ent_bench_align: ent_align_table: %s\n", ent_error_last());
            return -1;
        }
        double dt = now() - t0;
        if (best < 0 || dt < best)
            best = dt;
        if (keep && r + 1 == repeat)
            *keep = t;
        else
            ent_table_free(t);
    }
    return best;
}

int main(int argc, char **argv)
{
    long repeat = argc == 5 ? parse_count(argv[3], MAX_REPEAT) : 0;
    long sample = argc == 5 ? parse_count(argv[4], 100000) : 0;
    if (!repeat || !sample) {
        fprintf(stderr,
                "usage: ent_bench_align FILE DATE REPEAT SAMPLE\n"
                "(REPEAT at most %d)\n",
                MAX_REPEAT);
        return 2;
    }
    int status = 1;
    ent_diags *diags = NULL;
    ent_diags_new(&diags);
    ent_graph *g = NULL;
    ent_view *v = NULL;
    size_t *edges = NULL;
    uint32_t *present = NULL;
    double *times = NULL;
    ent_table *hub_top = NULL, *hub_all = NULL;
    const char *paths[1] = {argv[1]};
    double t0 = now();
    if (!diags || ent_load_files(&g, paths, 1, NULL, diags) != 0) {
        fprintf(stderr, "ent_bench_align: cannot load %s\n", argv[1]);
        goto done;
    }
    double t1 = now();
    int32_t day;
    ent_view_options vo;
    ent_view_options_init(&vo);
    if (ent_graph_resolve_when(g, argv[2], &day, NULL) < 0 || ent_view_new(&v, g, day, &vo) != 0) {
        fprintf(stderr, "ent_bench_align: no snapshot on %s\n", argv[2]);
        goto done;
    }
    double t2 = now();
    size_t na = ent_graph_actor_count(g), np = 0;
    edges = calloc(na + 1, sizeof *edges);
    present = malloc((na + 1) * sizeof *present);
    times = malloc(((size_t)sample + 1) * sizeof *times);
    if (!edges || !present || !times) {
        fprintf(stderr, "ent_bench_align: out of memory\n");
        goto done;
    }
    for (size_t i = 0; i < ent_view_edge_count(v); i++) {
        const ent_edge *e = ent_view_edge(v, i);
        edges[e->source]++;
        edges[e->target]++;
    }
    uint32_t hub = 0;
    for (uint32_t a = 0; a < na; a++)
        if (ent_view_has_actor(v, a)) {
            present[np++] = a;
            if (edges[a] > edges[hub] || !ent_view_has_actor(v, hub))
                hub = a;
        }
    if (np < 2) {
        fprintf(stderr, "ent_bench_align: fewer than two actors on %s\n", argv[2]);
        goto done;
    }
    size_t nq = (size_t)sample < np ? (size_t)sample : np;
    for (size_t q = 0; q < nq; q++) {
        uint32_t a = present[q * np / nq];
        if ((times[q] = timed(v, a, 20, (int)repeat, NULL)) < 0)
            goto done;
        printf("query actor=%s edges=%zu top_s=%.6f\n", ent_graph_actor(g, a)->id, edges[a],
               times[q]);
    }
    double hub_top_s = timed(v, hub, 20, (int)repeat, &hub_top);
    double hub_all_s = timed(v, hub, 0, (int)repeat, &hub_all);
    if (hub_top_s < 0 || hub_all_s < 0)
        goto done;
    if (ent_table_row_count(hub_all) != np - 1 ||
        ent_table_row_count(hub_top) != (np - 1 < 20 ? np - 1 : 20) ||
        strcmp(ent_table_string(hub_top, 0, 0), ent_table_string(hub_all, 0, 0)) != 0) {
        fprintf(stderr, "ent_bench_align: the hub's tables with 20 rows and with all disagree\n");
        goto done;
    }
    double max = 0;
    for (size_t q = 0; q < nq; q++)
        max = times[q] > max ? times[q] : max;
    qsort(times, nq, sizeof *times, by_double);
    printf("summary actors=%zu edges=%zu queries=%zu hub=%s hub_edges=%zu hub_top_s=%.6f "
           "hub_all_s=%.6f top_median_s=%.6f top_max_s=%.6f load_s=%.3f view_s=%.4f\n",
           np, ent_view_edge_count(v), nq, ent_graph_actor(g, hub)->id, edges[hub], hub_top_s,
           hub_all_s, times[nq / 2], max, t1 - t0, t2 - t1);
    status = 0;
done:
    ent_table_free(hub_top);
    ent_table_free(hub_all);
    free(edges);
    free(present);
    free(times);
    ent_view_free(v);
    ent_graph_free(g);
    ent_diags_free(diags);
    return status;
}
