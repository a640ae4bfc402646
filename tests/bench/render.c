/*
 * render.c: ent_bench_render, the diagram part of the benchmark.
 *
 *     ent_bench_render FILE DATE ENGINE [FORMAT]
 *
 * Loads FILE, takes the snapshot on DATE and draws it with layout ENGINE ("auto" for the
 * automatic choice) as FORMAT (svg, the default, png, pdf or dot), through ent_render, timing
 * each step. Prints one line of key=value figures, times in seconds:
 *     actors=N edges=N engine=NAME load_s=T snapshot_s=T render_s=T bytes=N
 * render_s is the whole ent_render call: the layout, the drawing and the output.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entente/entente.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: ent_bench_render FILE DATE ENGINE [FORMAT]\n");
        return 2;
    }
    static const char *formats[] = {"svg", "png", "pdf", "dot"};
    int format = 0;
    while (argc == 5 && format < 4 && strcmp(argv[4], formats[format]) != 0)
        format++;
    if (format == 4) {
        fprintf(stderr, "ent_bench_render: unknown format %s\n", argv[4]);
        return 2;
    }
    ent_diags *diags = NULL;
    ent_diags_new(&diags);
    ent_graph *g = NULL;
    const char *paths[1] = {argv[1]};
    double t0 = now();
    if (!diags || ent_load_files(&g, paths, 1, NULL, diags) != 0) {
        fprintf(stderr, "ent_bench_render: cannot load %s\n", argv[1]);
        ent_diags_free(diags);
        return 1;
    }
    double t1 = now();
    int32_t day;
    ent_view_options vo;
    ent_view_options_init(&vo);
    ent_view *v = NULL;
    if (ent_graph_resolve_when(g, argv[2], &day, NULL) < 0 || ent_view_new(&v, g, day, &vo) != 0) {
        fprintf(stderr, "ent_bench_render: no snapshot on %s\n", argv[2]);
        return 1;
    }
    double t2 = now();
    ent_render_options o;
    ent_render_options_init(&o);
    if (strcmp(argv[3], "auto") != 0)
        o.layout = argv[3];
    char *out = NULL;
    size_t len = 0;
    const char *engine = NULL;
    int rc =
        ent_render(v, NULL, ENT_RENDER_ONE, &o, (ent_render_format)format, &out, &len, &engine);
    double t3 = now();
    if (rc) {
        fprintf(stderr, "ent_bench_render: %s\n", ent_error_last());
        return 1;
    }
    printf("actors=%zu edges=%zu engine=%s load_s=%.3f snapshot_s=%.3f render_s=%.3f "
           "bytes=%zu\n",
           ent_view_actor_count(v), ent_view_edge_count(v), engine, t1 - t0, t2 - t1, t3 - t2, len);
    free(out);
    ent_view_free(v);
    ent_graph_free(g);
    ent_diags_free(diags);
    return 0;
}
