/*
 * cmd_export.c: `entente export FILE... --to FORMAT -o OUT`, the graph in the
 * formats Gephi, NetworkX, igraph, Cytoscape, R and d3 read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "entente/export.h"

const char cmd_export_help[] =
    "usage: entente export [OPTIONS] FILE... --to FORMAT -o OUT\n"
    "\n"
    "Writes the graph for other tools: one node per actor and one directed edge per\n"
    "relation, with its type, sign, weight (the relation's intensity), dates, status,\n"
    "claimant, intermediary and evidence as attributes. Without --at, the whole graph\n"
    "with its time: GEXF in dynamic mode, so that Gephi's timeline plays it (durable\n"
    "relations from their start to their end, events on their day). With --at, the\n"
    "snapshot on that date: the actors present and the relations in force (events\n"
    "within the window). With --between, the relations in force at some time in the\n"
    "period, with their dates.\n"
    "\n"
    "formats:\n"
    "  gexf         GEXF 1.3 for Gephi 0.9.3 and later: time as spells, each edge's\n"
    "               type as its kind (gexf-1.3 is the same)\n"
    "  gexf-1.2     the same graph in GEXF 1.2, for older readers: NetworkX 2.8's\n"
    "               read_gexf (Debian 12) reads 1.2, not 1.3\n"
    "  graphml      GraphML with typed keys (NetworkX, igraph, Cytoscape, R)\n"
    "  json-graph   node-link JSON (NetworkX's node_link_graph, d3)\n"
    "  csv          two tables with headers: OUT.actors.csv and OUT.edges.csv, or\n"
    "               DIR/actors.csv and DIR/edges.csv when OUT is a directory\n"
    "\n"
    "Each output is written to a temporary file beside it and renamed into place;\n"
    "an existing output that is not a regular file is refused.\n"
    "\n"
    "options:\n"
    "  --to FORMAT                 gexf, gexf-1.2, graphml, json-graph or csv (required)\n"
    "  -o, --output OUT            the file to write ('-' for standard output, except\n"
    "                              csv), or for csv the prefix or directory (required)\n"
    "  --at WHEN                   the snapshot on a date or snapshot id, without time\n"
    "  --between FROM TO           only what is in force at some time from FROM to TO\n"
    "  --window DAYS               with --at: events of the last DAYS days count\n"
    "                              (default 365)\n"
    "  --status LIST               keep only these statuses, e.g. confirmed,reported\n"
    "  --exclude-claims-by ACTOR   drop relations claimed or disputed by ACTOR\n"
    "  --sources KINDS             keep only relations with evidence from sources of\n"
    "                              these kinds, e.g. article (see 'entente info')\n"
    "  --max-errors N              stop reading after N errors (default 100)\n"
    "  --threads N                 load the files on N threads (default 0: automatic;\n"
    "                              1: one thread)\n" CLI_QUIET_HELP
    "  -h, --help                  show this help\n"
    "\n"
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"
    "not be read or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente export graphs/south-caucasus.json --to gexf -o caucasus.gexf\n"
    "  entente export graphs/south-caucasus.json --to gexf-1.2 -o caucasus-nx.gexf\n"
    "  entente export graphs/south-caucasus.json --to graphml --at after-2022 -o after.graphml\n"
    "  entente export graphs/south-caucasus.json --to csv -o caucasus\n"
    "  entente export graphs/south-caucasus.json --to json-graph -o - | python3 -m json.tool\n";

enum {
    O_TO,
    O_OUTPUT,
    O_AT,
    O_BETWEEN,
    O_UNTIL,
    O_WINDOW,
    O_STATUS,
    O_EXCLUDE,
    O_SOURCES,
    O_MAX_ERRORS,
    O_THREADS
};
static const cli_opt opts[] = {{"to", 0, 1},
                               {"output", 'o', 1},
                               {"at", 0, 1},
                               {"between", 0, 1},
                               {"until", 0, 1},
                               {"window", 0, 1},
                               {"status", 0, 1},
                               {"exclude-claims-by", 0, 1},
                               {"sources", 0, 1},
                               {"max-errors", 0, 1},
                               {"threads", 0, 1},
                               {"quiet", 'q', 0},
                               {NULL, 0, 0}};

typedef struct args {
    const char *to, *output, *at, *from, *until;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    switch (k) {
    case O_TO:
        a->to = val;
        return 0;
    case O_OUTPUT:
        a->output = val;
        return 0;
    case O_AT:
        a->at = val;
        return 0;
    case O_BETWEEN:
        a->from = val;
        return 0;
    case O_UNTIL:
        a->until = val;
        return 0;
    }
    return cli_view_option("export", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

static int parse_format(const char *s, ent_export_format *f)
{
    static const struct {
        const char *name;
        ent_export_format f;
    } names[] = {{"gexf", ENT_EXPORT_GEXF},
                 {"gexf-1.3", ENT_EXPORT_GEXF},
                 {"gexf-1.2", ENT_EXPORT_GEXF12},
                 {"graphml", ENT_EXPORT_GRAPHML},
                 {"json-graph", ENT_EXPORT_JSON_GRAPH},
                 {"csv", ENT_EXPORT_CSV_ACTORS}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *f = names[i].f;
            return 0;
        }
    return -1;
}

/* The two CSV paths for OUT: DIR/actors.csv and DIR/edges.csv when OUT is a
 * directory, else OUT.actors.csv and OUT.edges.csv (a final ".csv" of OUT
 * dropped). NULL when out of memory. */
static char *csv_path(const char *out, const char *what)
{
    struct stat st;
    size_t n = strlen(out), m = n + strlen(what) + 16;
    char *p = malloc(m);
    if (!p)
        return NULL;
    if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(p, m, "%s%s%s.csv", out, n && out[n - 1] == '/' ? "" : "/", what);
    else {
        if (n > 4 && strcmp(out + n - 4, ".csv") == 0)
            n -= 4;
        snprintf(p, m, "%.*s.%s.csv", (int)n, out, what);
    }
    return p;
}

/* Resolves WHEN to a day number, or prints why not and returns EXIT_USAGE. */
static int resolve_day(const ent_graph *g, const char *when, int32_t *day)
{
    const char *sug = NULL;
    if (ent_graph_resolve_when(g, when, day, &sug) == 0)
        return EXIT_OK;
    if (sug)
        return cli_usage_error("export", "'%s' is neither a date nor a snapshot; did you mean '%s'?",
                               when, sug);
    return cli_usage_error("export", "'%s' is neither a date nor a snapshot", when);
}

static int export_one(const char *path, const cli_input *in, const ent_graph *g,
                      ent_export_format f, const ent_export_options *o, cli_outfile *of)
{
    size_t which;
    if (strcmp(path, "-") != 0 &&
        cli_output_clash(in->files, in->n_files, path, &which) == CLI_CLASH_IS_INPUT) {
        fprintf(stderr, "entente export: '%s' is one of the input files; not overwritten\n", path);
        return EXIT_USAGE;
    }
    int status = cli_outfile_open(of, "export", path);
    if (status != EXIT_OK)
        return status;
    if (ent_export_write(of->fp, g, f, o) != 0) {
        fprintf(stderr, "entente export: %s\n", ent_error_last());
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    return cli_outfile_close(of) == EXIT_OK ? EXIT_OK : EXIT_FAILURE_;
}

int cmd_export(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    cli_view_args_init(&a.va);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *v = NULL;
    char *paths[2] = {NULL, NULL};
    cli_outfile of[2];
    memset(of, 0, sizeof of);
    int nargc = 0;
    char **nargv = cli_rewrite_between(argc, argv, &nargc);
    if (!nargv) {
        fprintf(stderr, "entente export: out of memory\n");
        return EXIT_FAILURE_;
    }
    ent_export_format f = ENT_EXPORT_GEXF;
    int status = cli_input_parse(&in, "export", opts, nargc, nargv, 0, on_option, &a);
    if (status != EXIT_OK)
        goto done;
    if (!in.n_files) {
        status = cli_usage_error("export", "no graph file given");
        goto done;
    }
    if (!a.to) {
        status = cli_usage_error("export", "'--to FORMAT' is required (gexf, gexf-1.2, graphml, "
                                           "json-graph or csv)");
        goto done;
    }
    if (parse_format(a.to, &f) != 0) {
        status = cli_usage_error("export",
                                 "unknown format '%s' for --to; use gexf, gexf-1.2, graphml, "
                                 "json-graph or csv",
                                 a.to);
        goto done;
    }
    if (!a.output) {
        status = cli_usage_error("export", "'-o OUT' is required");
        goto done;
    }
    if (f == ENT_EXPORT_CSV_ACTORS && strcmp(a.output, "-") == 0) {
        status = cli_usage_error("export", "csv writes two files: give '-o PREFIX' or '-o DIR'");
        goto done;
    }
    if (a.from && !a.until) {
        status = cli_usage_error("export", "'--between' takes two dates: --between FROM TO");
        goto done;
    }
    if (a.at && a.from) {
        status = cli_usage_error("export", "give either '--at WHEN' or '--between FROM TO', "
                                           "not both");
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        status = EXIT_FAILURE_;
        goto done;
    }
    if ((status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY)) != EXIT_OK)
        goto done;
    ent_export_options eo = ENT_EXPORT_OPTIONS_INIT;
    ent_view_options keep;
    if (a.at) {
        if ((status = cli_view_new("export", g, a.at, &a.va, &v)) != EXIT_OK)
            goto done;
        eo.view = v;
    } else {
        if ((status = cli_view_options("export", g, &a.va, &keep)) != EXIT_OK)
            goto done;
        eo.keep = &keep;
    }
    if (a.from) {
        int32_t d1, d2;
        if ((status = resolve_day(g, a.from, &d1)) || (status = resolve_day(g, a.until, &d2)))
            goto done;
        /* FROM counts from its first day: a year or a month is the whole of it. */
        ent_date df;
        if (ent_date_parse(&df, a.from, strlen(a.from)) == ENT_DATE_OK)
            d1 = ent_date_first_day(df);
        if (d1 > d2) {
            status = cli_usage_error("export", "'--between %s %s': the period ends before it "
                                               "starts",
                                     a.from, a.until);
            goto done;
        }
        eo.has_range = 1;
        eo.from_day = d1;
        eo.to_day = d2;
    }
    if (f == ENT_EXPORT_CSV_ACTORS) {
        if (!(paths[0] = csv_path(a.output, "actors")) || !(paths[1] = csv_path(a.output, "edges"))) {
            fprintf(stderr, "entente export: out of memory\n");
            status = EXIT_FAILURE_;
            goto done;
        }
        if ((status = export_one(paths[0], &in, g, ENT_EXPORT_CSV_ACTORS, &eo, &of[0])) ||
            (status = export_one(paths[1], &in, g, ENT_EXPORT_CSV_EDGES, &eo, &of[1])))
            goto done;
        if ((status = cli_outfile_commit(&of[0])) || (status = cli_outfile_commit(&of[1])))
            goto done;
    } else if (strcmp(a.output, "-") == 0) {
        errno = 0;
        int rc = ent_export_write(stdout, g, f, &eo);
        if (rc == ENT_EIO) /* standard output: reported once, as by every command */
            status = cli_output_error("export", errno);
        else if (rc != 0) {
            fprintf(stderr, "entente export: %s\n", ent_error_last());
            status = EXIT_FAILURE_;
        }
    } else {
        if ((status = export_one(a.output, &in, g, f, &eo, &of[0])) ||
            (status = cli_outfile_commit(&of[0])))
            goto done;
    }
done:
    cli_outfile_abort(&of[0]);
    cli_outfile_abort(&of[1]);
    free(paths[0]);
    free(paths[1]);
    free(nargv);
    return cli_end(status, &in, diags, g, v, NULL);
}
