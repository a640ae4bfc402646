/*
 * load.c: ent_bench_load, the entente peer of the loader benchmark.
 *
 *     ent_bench_load FILE...
 *
 * Loads the files the way every entente command does, through the public API (ent_load_files:
 * read, parse, validate, build the graph), and times that call. It runs in its own process,
 * as run.sh does, so that its peak RSS is the loader's and nobody else's.
 *
 * Prints one line of key=value figures, times in seconds on the monotonic clock:
 *     peer=entente bytes=N actors=N relations=N errors=N warnings=N load_s=T free_s=T total_s=T
 * load_s is the ent_load_files call, the figure compared with ent_bench_cjson's load_s (read +
 * parse); total_s adds ent_graph_free. Exits 1 when loading fails, after printing the number
 * of diagnostics and the first few of them on stderr; warnings alone are counted, not fatal.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "entente/entente.h"

#define SHOW_DIAGS 5

static double ent_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void ent_bench_show_diags(const ent_diags *diags)
{
    size_t n = ent_diags_count(diags);
    for (size_t i = 0; i < n && i < SHOW_DIAGS; i++) {
        const ent_diag *d = ent_diags_get(diags, i);
        fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", d->file, d->line, d->col,
                ent_severity_str(d->severity), d->message, d->code ? d->code : "");
    }
    if (n > SHOW_DIAGS)
        fprintf(stderr, "... and %zu more\n", n - SHOW_DIAGS);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ent_bench_load FILE...\n");
        return 2;
    }

    unsigned long long bytes = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0)
            bytes += (unsigned long long)st.st_size;
    }

    ent_diags *diags = NULL;
    ent_diags_new(&diags);
    if (!diags) {
        fprintf(stderr, "ent_bench_load: out of memory\n");
        return 1;
    }

    ent_graph *g = NULL;
    double t0 = ent_bench_now();
    int rc = ent_load_files(&g, (const char *const *)(argv + 1), (size_t)(argc - 1), NULL, diags);
    double t1 = ent_bench_now();

    size_t errors = ent_diags_count_severity(diags, ENT_SEV_ERROR);
    size_t warnings = ent_diags_count_severity(diags, ENT_SEV_WARNING);
    if (rc != 0) {
        fprintf(stderr, "ent_bench_load: loading failed (%s), %zu diagnostics (%zu errors)\n",
                ent_error_str(rc), ent_diags_count(diags), errors);
        ent_bench_show_diags(diags);
        ent_diags_free(diags);
        return 1;
    }
    if (warnings > 0)
        ent_bench_show_diags(diags);

    size_t actors = ent_graph_actor_count(g), relations = ent_graph_relation_count(g);
    double t2 = ent_bench_now();
    ent_graph_free(g);
    double t3 = ent_bench_now();
    ent_diags_free(diags);

    printf("peer=entente bytes=%llu actors=%zu relations=%zu errors=%zu warnings=%zu "
           "load_s=%.3f free_s=%.3f total_s=%.3f\n",
           bytes, actors, relations, errors, warnings, t1 - t0, t3 - t2, (t1 - t0) + (t3 - t2));
    return 0;
}
