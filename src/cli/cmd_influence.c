/*
 * cmd_influence.c: `entente influence FILE... --at WHEN`, the metrics of
 * every actor on a date.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char cmd_influence_help[] =
    "usage: entente influence [OPTIONS] FILE... --at WHEN\n"
    "\n"
    "Measures every actor present on a date (see docs/analyses.md for the\n"
    "formulas): influence, the backing PageRank, where each cooperative relation\n"
    "points from the backed actor to its backer; pressure, the same on hostile\n"
    "relations; pos_in, pos_out, neg_in and neg_out, the sums of positive and\n"
    "negative weights received and given; net_stance, pos_in - neg_in; betweenness\n"
    "on the graph of all relations; pn, the PN index of Everett and Borgatti.\n"
    "The snapshot is taken as by 'entente snapshot'.\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id (required)\n"
    "  --metric NAME               sort by this metric (default influence)\n"
    "  --top N                     show the first N actors only\n"
    "  --color-by bloc             add a column 'bloc': each actor's bloc on the day,\n"
    "                              as 'entente blocs' finds them (the report colours\n"
    "                              rows by it)\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente influence graphs/south-caucasus.json --at after-2022 --top 10\n"
    "  entente influence graphs/south-caucasus.json --at 2021 --metric pressure\n";

enum { O_AT, O_METRIC, O_TOP, O_COLOR };
static const cli_opt opts[] = {
    {"at", 0, 1}, {"metric", 0, 1}, {"top", 0, 1}, {"color-by", 0, 1}, CLI_VIEW_OPTIONS};

typedef struct args {
    const char *at;
    int by_bloc;
    ent_analysis_options ao;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    if (k == O_AT) {
        a->at = val;
        return 0;
    }
    if (k == O_COLOR) {
        if (strcmp(val, "bloc") != 0 && strcmp(val, "none") != 0) {
            cli_usage_error("influence", "'--color-by' takes 'bloc' (or 'none'), not '%s'", val);
            return -1;
        }
        a->by_bloc = strcmp(val, "bloc") == 0;
        return 0;
    }
    int r = cli_analysis_option("influence", &a->ao, opts[k].name, val);
    if (r)
        return r < 0 ? -1 : 0;
    return cli_view_option("influence", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

static const char *missing(void *ud)
{
    const args *a = ud;
    return a->at ? NULL : "'--at WHEN' is required";
}

int cmd_influence(int argc, char **argv)
{
    cli_input in;
    args a = {NULL, 0, {ENT_METRIC_INFLUENCE, 0, NULL}, {0}};
    uint32_t *bloc = NULL;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *v = NULL;
    ent_table *t = NULL;
    cli_view_args_init(&a.va);
    int status =
        cli_analysis_begin("influence", &in, opts, argc, argv, on_option, &a, missing, &diags, &g);
    if (status || (status = cli_view_new("influence", g, a.at, &a.va, &v)))
        goto done;
    if (a.by_bloc) {
        size_t k;
        if (!(bloc = malloc((ent_graph_actor_count(g) + 1) * sizeof *bloc)) ||
            ent_blocs(v, NULL, bloc, &k)) {
            fprintf(stderr, "entente influence: --color-by bloc: %s\n",
                    bloc ? ent_error_last() : "out of memory");
            status = EXIT_FAILURE_;
            goto done;
        }
        a.ao.bloc = bloc;
    }
    int failed = ent_influence_table(&t, v, &a.ao);
    status = cli_write_result("influence", failed, t, in.format);
done:
    free(bloc);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
    ent_diags_free(diags);
    cli_input_release(&in);
    return status;
}
