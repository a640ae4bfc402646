/*
 * cmd_influence.c: `entente influence FILE... --at WHEN`, the metrics of
 * every actor on a date.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char cmd_influence_help[] =
    "usage: entente influence [OPTIONS] FILE... --at WHEN\n"
    "       entente influence [OPTIONS] FILE... --at WHEN --of ACTOR\n"
    "\n"
    "Measures every actor present on a date (docs/analyses.md has the formulas and\n"
    "the reasons behind them). The default, leverage, is how much others rely on\n"
    "the actor: a relation whose role provides (support, aid, a guarantee, a\n"
    "mandate) makes its target rely on its source; one that seeks (a request for\n"
    "help) or yields (a surrender) makes its source rely on its target; membership\n"
    "of an alliance with collective defence makes the member rely on the alliance;\n"
    "a refusal takes from the reliance. Words count half of deeds, events half of\n"
    "durable ties. Each client's reliance on a patron, times the share of the\n"
    "client's whole reliance it is, is the patron's leverage over that client;\n"
    "leverage sums it over the clients. Calls, meetings, praise and criticism make\n"
    "nobody rely on anybody and count for nothing here.\n"
    "\n"
    "The other columns: cooperation_rank, a PageRank in which rank flows from the\n"
    "target of any cooperative act to its source (so whoever performs cooperative\n"
    "acts towards important actors ranks high); pressure, the same on hostile\n"
    "relations; pos_in, pos_out, neg_in and neg_out, the sums of positive and\n"
    "negative weights received and given; net_stance, pos_in - neg_in; betweenness\n"
    "on the graph of all relations; pn, the PN index of Everett and Borgatti.\n"
    "The snapshot is taken as by 'entente snapshot'.\n"
    "\n"
    "With --of ACTOR, lists the pairs behind the actor's leverage and reliance\n"
    "instead: on whom it relies (reliance, its share of the actor's whole\n"
    "reliance, the leverage that gives the patron) and who relies on it, each\n"
    "with the relations and evidence behind it.\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id (required)\n"
    "  --metric NAME               sort by this metric (default leverage)\n"
    "  --of ACTOR                  the reliance pairs of one actor (leverage only)\n"
    "  --top N                     show the first N actors only\n"
    "  --color-by bloc             add a column 'bloc': each actor's bloc on the day,\n"
    "                              as 'entente blocs' finds them (the report colours\n"
    "                              rows by it)\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente influence graphs/south-caucasus.json --at after-2022 --top 10\n"
    "  entente influence graphs/south-caucasus.json --at before-2022 --of Armenia\n"
    "  entente influence graphs/south-caucasus.json --at 2021 --metric pressure\n";

enum { O_AT, O_METRIC, O_TOP, O_COLOR, O_OF };
static const cli_opt opts[] = {{"at", 0, 1},       {"metric", 0, 1}, {"top", 0, 1},
                               {"color-by", 0, 1}, {"of", 0, 1},     CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    const char *of;
    int by_bloc;
    ent_analysis_options ao;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    if (cli_dates_option(&a->d, opts[k].name, val))
        return 0;
    if (k == O_OF) {
        a->of = val;
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

int cmd_influence(int argc, char **argv)
{
    cli_input in;
    args a = {{NULL, NULL, NULL}, NULL, 0, ENT_ANALYSIS_OPTIONS_INIT, {0}};
    uint32_t *bloc = NULL;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *v = NULL, *none = NULL;
    ent_table *t = NULL;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("influence", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_at, &diags, &g);
    if (status)
        goto done;
    long actor = -1;
    if (a.of) {
        if (a.ao.metric != ENT_METRIC_LEVERAGE || a.by_bloc) {
            status = cli_usage_error("influence", "'--of' lists the pairs behind leverage: it "
                                                  "takes neither another '--metric' nor "
                                                  "'--color-by'");
            goto done;
        }
        if ((actor = cli_actor("influence", g, a.of)) < 0) {
            status = EXIT_USAGE;
            goto done;
        }
    }
    if ((status = cli_dates_views("influence", g, &a.d, &a.va, &v, &none)))
        goto done;
    if (actor >= 0) {
        int failed = ent_leverage_table(&t, v, (uint32_t)actor);
        status = cli_write_result("influence", failed, t, in.format);
        goto done;
    }
    if (a.by_bloc) {
        size_t k;
        int rc = (bloc = malloc((ent_graph_actor_count(g) + 1) * sizeof *bloc))
                     ? ent_blocs(v, NULL, bloc, &k)
                     : ENT_ENOMEM;
        if (rc) {
            status = cli_blocs_error("influence", "--color-by bloc", rc,
                                     "leave out --color-by bloc, or " CLI_BLOCS_NARROW);
            goto done;
        }
    }
    ent_influence_options io = ENT_INFLUENCE_OPTIONS_INIT;
    io.metric = a.ao.metric;
    io.top = a.ao.top;
    io.bloc = bloc;
    int failed = ent_influence_table(&t, v, &io);
    status = cli_write_result("influence", failed, t, in.format);
done:
    free(bloc);
    ent_table_free(t);
    return cli_end(status, &in, diags, g, v, none);
}
