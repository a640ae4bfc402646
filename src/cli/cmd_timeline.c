/*
 * cmd_timeline.c: `entente timeline FILE... --from A --to B --every PERIOD`,
 * per-actor metrics at every step between two dates, as a long table
 * (date, actor, name, metric, value, rank) or, with -o, a line chart.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/strbuf.h"

const char cmd_timeline_help[] =
    "usage: entente timeline [OPTIONS] FILE... --from WHEN --to WHEN [--every PERIOD]\n"
    "\n"
    "Computes per-actor metrics at every step from one date to another (the first\n"
    "date, then one period later, two periods later ..., and the last date) and\n"
    "prints them as one long table: date, actor, name, metric, value and rank (1 for\n"
    "the highest value among the actors present that day). An actor not present on\n"
    "a day has an empty value and rank. Each step's snapshot follows the same rules\n"
    "as 'entente influence --at' on that day, and gives the same values: the steps\n"
    "are taken by one sweep that adds and removes the relations entering and leaving\n"
    "the snapshot rather than by a fresh snapshot each time (docs/analyses.md,\n"
    "\"Timeline\").\n"
    "\n"
    "With -o, draws the table as a line chart instead, in SVG, PNG or PDF by the\n"
    "ending of OUTPUT (PNG and PDF drawn with cairo, the same layout): one line per\n"
    "actor, one panel per metric, dates across, the graph's declared snapshots\n"
    "inside the span as numbered solid lines and the dates of --mark as dashed ones,\n"
    "listed under the chart; the legend sits beside the plot and, in SVG, every\n"
    "line has a title that names it (docs/diagrams.md, \"Timeline charts\"). The\n"
    "same input gives the same bytes. The chart is written to\n"
    "a temporary file beside OUTPUT and renamed into place; an existing OUTPUT that\n"
    "is not a regular file is refused (exit 2).\n"
    "\n"
    "options:\n"
    "  --from WHEN                 the first date or snapshot id (required)\n"
    "  --to WHEN                   the last date or snapshot id (required)\n"
    "  --every PERIOD              day, week, month (default), quarter or year; a\n"
    "                              month later keeps the day of the month, or takes\n"
    "                              the month's last day when it is shorter\n"
    "  --metric LIST               metrics, comma-separated (default leverage;\n"
    "                              cooperation_rank, pressure, pos_in, pos_out, neg_in,\n"
    "                              neg_out, net_stance, betweenness, pn)\n"
    "  --actors LIST               these actors (ids, names or aliases), in this order\n"
    "  --top N                     without --actors: the N actors whose highest value\n"
    "                              of the first metric over the steps is highest\n"
    "                              (default 10; 0: every actor present at some step)\n"
    "  --pairs LIST                pairs A:B, comma-separated: also their alignment\n"
    "                              at every step, as 'entente align' measures it:\n"
    "                              rows with actor A:B (the two ids), name 'A and B',\n"
    "                              metric tie (their tie, both directions summed), S\n"
    "                              and pi, no rank; with -o, one panel each; the\n"
    "                              pairs alone when neither --actors nor --top is given\n"
    "  -o, --output OUTPUT         draw a chart into OUTPUT (.svg, .png or .pdf; '-':\n"
    "                              SVG on standard output)\n"
    "  --mark DATE[=LABEL]         with -o: a dashed line on DATE (repeatable)\n"
    "  --title TEXT                with -o: the chart's title\n"
    "  --no-sweep                  take a fresh snapshot at every step (slower; the\n"
    "                              same values, for checking the sweep)\n" CLI_VIEW_OPTIONS_HELP
    "\n"
    "examples:\n"
    "  entente timeline graphs/south-caucasus.json --from 2020-11 --to 2023-09 \\\n"
    "      --actors Russia,Turkey,Azerbaijan,Armenia\n"
    "  entente timeline graphs/south-caucasus.json --from ceasefire-2020 \\\n"
    "      --to after-2022 --every quarter --top 6 --format csv\n"
    "  entente timeline graphs/south-caucasus.json --from 2020-11 --to 2023-09 \\\n"
    "      --top 6 --mark 2022-02-24=invasion -o leverage.svg\n"
    "  entente timeline graphs/south-caucasus.json --from 2020-11 --to 2023-09 \\\n"
    "      --every quarter --pairs russia:armenia,armenia:azerbaijan\n";

enum {
    O_FROM,
    O_TO,
    O_EVERY,
    O_METRIC,
    O_ACTORS,
    O_TOP,
    O_OUTPUT,
    O_MARK,
    O_TITLE,
    O_NO_SWEEP,
    O_PAIRS
};
static const cli_opt opts[] = {
    {"from", 0, 1},  {"to", 0, 1},    {"every", 0, 1}, {"metric", 0, 1},
    {"actors", 0, 1}, {"top", 0, 1},  {"output", 'o', 1}, {"mark", 0, 1},
    {"title", 0, 1}, {"no-sweep", 0, 0}, {"pairs", 0, 1}, CLI_VIEW_OPTIONS};

#define MAX_ITEMS 64

typedef struct args {
    const char *from, *to, *actors, *output, *title, *pairs;
    ent_every every;
    ent_metric metrics[ENT_METRIC_COUNT_];
    size_t n_metrics;
    long top;
    const char *marks[MAX_ITEMS];
    size_t n_marks;
    int no_sweep;
    cli_view_args va;
} args;

static int parse_metrics(args *a, const char *val)
{
    a->n_metrics = 0;
    for (const char *p = val;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[64];
        if (!len || len >= sizeof name) {
            cli_usage_error("timeline", "'--metric' takes metric names separated by commas, "
                                        "not '%s'",
                            val);
            return -1;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        ent_analysis_options ao = ENT_ANALYSIS_OPTIONS_INIT;
        if (cli_analysis_option("timeline", &ao, "metric", name) < 0)
            return -1;
        for (size_t i = 0; i < a->n_metrics; i++)
            if (a->metrics[i] == ao.metric) {
                cli_usage_error("timeline", "'--metric' names '%s' twice", name);
                return -1;
            }
        if (a->n_metrics == ENT_METRIC_COUNT_)
            return -1; /* unreachable: a metric named twice is refused above */
        a->metrics[a->n_metrics++] = ao.metric;
        if (!end)
            return 0;
        p = end + 1;
    }
}

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    switch (k) {
    case O_FROM:
        a->from = val;
        return 0;
    case O_TO:
        a->to = val;
        return 0;
    case O_ACTORS:
        a->actors = val;
        return 0;
    case O_OUTPUT:
        a->output = val;
        return 0;
    case O_TITLE:
        a->title = val;
        return 0;
    case O_NO_SWEEP:
        a->no_sweep = 1;
        return 0;
    case O_PAIRS:
        a->pairs = val;
        return 0;
    case O_EVERY: {
        int e = ent_every_from_name(val);
        if (e < 0) {
            cli_usage_error("timeline",
                            "'--every' takes day, week, month, quarter or year, not '%s'", val);
            return -1;
        }
        a->every = (ent_every)e;
        return 0;
    }
    case O_METRIC:
        return parse_metrics(a, val);
    case O_TOP:
        a->top = cli_parse_count("timeline", "top", val);
        return a->top < 0 ? -1 : 0;
    case O_MARK:
        if (a->n_marks == MAX_ITEMS) {
            cli_usage_error("timeline", "at most %d '--mark' options", MAX_ITEMS);
            return -1;
        }
        a->marks[a->n_marks++] = val;
        return 0;
    default:
        return cli_view_option("timeline", &a->va, opts[k].name, val) < 0 ? -1 : 0;
    }
}

static const char *missing(void *ud)
{
    const args *a = ud;
    if (!a->from || !a->to)
        return "'--from WHEN' and '--to WHEN' are required";
    if (a->actors && a->top >= 0)
        return "give either '--actors LIST' or '--top N', not both";
    if (!a->output && (a->n_marks || a->title))
        return "'--mark' and '--title' go with '-o OUTPUT' (they are for the chart)";
    return NULL;
}

/* The actor named by the len bytes at s (an id, name or alias): its index, or
 * -EXIT_USAGE / -EXIT_FAILURE_ after a message. */
static long actor_named(const ent_graph *g, const char *s, size_t len)
{
    char *name = strndup(s, len);
    if (!name) {
        fprintf(stderr, "entente timeline: out of memory\n");
        return -EXIT_FAILURE_;
    }
    long a = cli_actor("timeline", g, name);
    free(name);
    return a < 0 ? -EXIT_USAGE : a;
}

/* Room for `per` ids for each comma-separated item of list; *n = 0. */
static int ids_for(const char *list, size_t per, uint32_t **ids, size_t *n)
{
    size_t cap = per;
    for (const char *p = list; *p; p++)
        cap += per * (*p == ',');
    *ids = malloc(cap * sizeof **ids);
    *n = 0;
    if (!*ids) {
        fprintf(stderr, "entente timeline: out of memory\n");
        return EXIT_FAILURE_;
    }
    return EXIT_OK;
}

/* Resolves --actors into ids; EXIT_USAGE after a message. */
static int resolve_actors(const ent_graph *g, const char *list, uint32_t **ids, size_t *n)
{
    if (ids_for(list, 1, ids, n))
        return EXIT_FAILURE_;
    for (const char *p = list;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!len)
            return cli_usage_error("timeline", "'--actors' has an empty name in '%s'", list);
        long a = actor_named(g, p, len);
        if (a < 0)
            return (int)-a;
        for (size_t i = 0; i < *n; i++)
            if ((*ids)[i] == (uint32_t)a)
                return cli_usage_error("timeline", "'--actors' names '%s' twice",
                                       ent_graph_actor(g, (size_t)a)->id);
        (*ids)[(*n)++] = (uint32_t)a;
        if (!end)
            return EXIT_OK;
        p = end + 1;
    }
}

/* Resolves --pairs A:B,C:D into 2 n ids; EXIT_USAGE after a message. */
static int resolve_pairs(const ent_graph *g, const char *list, uint32_t **ids, size_t *n)
{
    if (ids_for(list, 2, ids, n))
        return EXIT_FAILURE_;
    for (const char *p = list;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        if (!colon || colon == p || colon == p + len - 1)
            return cli_usage_error("timeline",
                                   "'--pairs' takes pairs A:B separated by commas; '%.*s' is not "
                                   "one",
                                   (int)len, p);
        long x = actor_named(g, p, (size_t)(colon - p));
        long y = x < 0 ? x : actor_named(g, colon + 1, (size_t)(p + len - colon - 1));
        if (x < 0 || y < 0)
            return (int)-(x < 0 ? x : y);
        if (x == y)
            return cli_usage_error("timeline", "'--pairs' compares '%s' with itself in '%.*s'",
                                   ent_graph_actor(g, (size_t)x)->id, (int)len, p);
        (*ids)[2 * *n] = (uint32_t)x;
        (*ids)[2 * *n + 1] = (uint32_t)y;
        (*n)++;
        if (!end)
            return EXIT_OK;
        p = end + 1;
    }
}

/* The --mark options as chart marks (labels point into argv). EXIT_USAGE after a message. */
static int parse_marks(const args *a, ent_chart_mark *marks)
{
    for (size_t m = 0; m < a->n_marks; m++) {
        const char *eq = strchr(a->marks[m], '=');
        size_t dlen = eq ? (size_t)(eq - a->marks[m]) : strlen(a->marks[m]);
        ent_date d;
        if (ent_date_parse(&d, a->marks[m], dlen) != ENT_DATE_OK)
            return cli_usage_error("timeline",
                                   "'--mark' takes DATE or DATE=LABEL with a date YYYY, "
                                   "YYYY-MM or YYYY-MM-DD, not '%s'",
                                   a->marks[m]);
        marks[m] = (ent_chart_mark){ent_date_first_day(d), eq ? eq + 1 : a->marks[m], 1};
    }
    return EXIT_OK;
}

/* Writes the chart to `path` whole or not at all ('-': standard output). */
static int write_chart(const char *path, const char *svg, size_t len)
{
    if (strcmp(path, "-") == 0) {
        errno = 0;
        if (fwrite(svg, 1, len, stdout) != len)
            return cli_output_error("timeline", errno);
        return EXIT_OK;
    }
    cli_outfile of;
    int status = cli_outfile_open(&of, "timeline", path);
    if (status)
        return status;
    errno = 0;
    if (fwrite(svg, 1, len, of.fp) != len) {
        int err = errno ? errno : EIO;
        cli_outfile_abort(&of);
        fprintf(stderr, "entente timeline: cannot write '%s': %s\n", path, strerror(err));
        return EXIT_FAILURE_;
    }
    return cli_outfile_commit(&of);
}

int cmd_timeline(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    a.every = ENT_EVERY_MONTH;
    a.top = -1;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_table *t = NULL;
    int32_t *days = NULL;
    uint32_t *actors = NULL, *pairs = NULL;
    size_t n_pairs = 0;
    static const uint32_t no_actor = 0;
    char *svg = NULL;
    size_t n_actors = 0, nd = 0, len = 0;
    double t0 = cli_now(), t1;
    cli_view_args_init(&a.va);
    int status =
        cli_analysis_begin("timeline", &in, opts, argc, argv, on_option, &a, missing, &diags, &g);
    if (status)
        goto done;
    t1 = cli_now();
    cli_timing("load_s", t1 - t0);
    if (a.output && strcmp(a.output, "-") != 0 && cli_outfile_refused(a.output)) {
        status = cli_usage_error("timeline",
                                 "'%s' exists and is not a regular file; choose another "
                                 "output, or '-o -' for standard output",
                                 a.output);
        goto done;
    }
    ent_chart_format format = ENT_CHART_SVG;
    if (a.output && strcmp(a.output, "-") != 0) {
        const char *dot = strrchr(a.output, '.');
        if (dot && strcmp(dot, ".png") == 0)
            format = ENT_CHART_PNG;
        else if (dot && strcmp(dot, ".pdf") == 0)
            format = ENT_CHART_PDF;
        else if (!dot || strcmp(dot, ".svg") != 0) {
            status = cli_usage_error("timeline",
                                     "charts are written as SVG, PNG or PDF: give an OUTPUT "
                                     "ending in .svg, .png or .pdf (or '-' for SVG on standard "
                                     "output), not '%s'",
                                     a.output);
            goto done;
        }
    }
    ent_view_options vo;
    int32_t from, to;
    if ((status = cli_view_options("timeline", g, &a.va, &vo)))
        goto done;
    const char *guess;
    const char *whens[2] = {a.from, a.to};
    int32_t *slots[2] = {&from, &to};
    for (int i = 0; i < 2; i++)
        if (ent_graph_resolve_when(g, whens[i], slots[i], &guess) != 0) {
            status = guess ? cli_usage_error("timeline",
                                             "'%s' is neither a date nor a snapshot; did you "
                                             "mean '%s'?",
                                             whens[i], guess)
                           : cli_usage_error("timeline", "'%s' is neither a date nor a snapshot",
                                             whens[i]);
            goto done;
        }
    if (from > to) {
        status = cli_usage_error("timeline", "'--from %s' comes after '--to %s'", a.from, a.to);
        goto done;
    }
    int rc = ent_timeline_days(&days, &nd, from, to, a.every, 100000);
    if (rc) {
        fprintf(stderr, "entente timeline: %s\n", ent_error_last());
        status = rc == ENT_EUSAGE ? EXIT_USAGE : EXIT_FAILURE_;
        goto done;
    }
    if (a.actors && (status = resolve_actors(g, a.actors, &actors, &n_actors)))
        goto done;
    if (a.pairs && (status = resolve_pairs(g, a.pairs, &pairs, &n_pairs)))
        goto done;
    ent_chart_mark marks[MAX_ITEMS];
    if ((status = parse_marks(&a, marks)))
        goto done;
    /* Pairs without --actors or --top: the pairs alone (an empty list of actors). */
    ent_timeline_options to_opts = {ENT_TIMELINE_OPTIONS_VERSION,
                                    a.n_metrics ? a.metrics : NULL,
                                    a.n_metrics,
                                    actors ? actors : (pairs && a.top < 0 ? &no_actor : NULL),
                                    n_actors,
                                    a.top < 0 ? 10 : (size_t)a.top,
                                    a.no_sweep,
                                    pairs,
                                    n_pairs};
    rc = ent_timeline_table(&t, g, &vo, days, nd, &to_opts);
    cli_timing("timeline_s", cli_now() - t1);
    cli_timing_count("steps", nd);
    if (rc || !a.output) {
        status = cli_write_result("timeline", rc, t, in.format);
        goto done;
    }
    ent_timeline_chart_options co = {
        ENT_TIMELINE_CHART_OPTIONS_VERSION, a.title, a.every, marks, a.n_marks, format};
    if (ent_timeline_chart(&svg, &len, g, t, days, nd, &to_opts, &co)) {
        fprintf(stderr, "entente timeline: %s\n", ent_error_last());
        status = EXIT_FAILURE_;
        goto done;
    }
    status = write_chart(a.output, svg, len);
done:
    cli_timing("total_s", cli_now() - t0);
    ent_chart_free(svg);
    ent_timeline_days_free(days);
    free(actors);
    free(pairs);
    ent_table_free(t);
    return cli_end(status, &in, diags, g, NULL, NULL);
}
