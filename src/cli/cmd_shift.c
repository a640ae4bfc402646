/*
 * cmd_shift.c: `entente shift FILE... --from A --to B`, how a metric moved
 * for each actor between two dates, and with --explain which relation
 * changes account for one actor's move.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_shift_help[] =
    "usage: entente shift [OPTIONS] FILE... --from WHEN --to WHEN\n"
    "\n"
    "Ranks the actors by how much a metric changed from one date to another, with\n"
    "their ranks on both dates. The default metric is leverage: how much others\n"
    "rely on each actor (see 'entente influence --help'). With --explain ACTOR, lists\n"
    "the edges that changed between the two dates (formed, dissolved, sign-flipped\n"
    "or of changed intensity) with each one's contribution to that actor's change:\n"
    "the metric on the later date minus the metric with that one change reverted.\n"
    "The contributions of leverage and the PageRank-like metrics need not add up\n"
    "to the total; the note under the table gives the rest. See docs/analyses.md.\n"
    "\n"
    "options:\n"
    "  --from WHEN                 the earlier date or snapshot id (required)\n"
    "  --to WHEN                   the later date or snapshot id (required)\n"
    "  --metric NAME               the metric (default leverage; cooperation_rank,\n"
    "                              pressure, pos_in ... as in 'entente influence')\n"
    "  --top N                     show the first N rows only\n"
    "  --explain ACTOR             explain this actor's change instead\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente shift graphs/south-caucasus.json --from before-2022 --to after-2022\n"
    "  entente shift graphs/south-caucasus.json --from before-2022 --to after-2022 \\\n"
    "      --explain Russia\n";

enum {
    O_FROM,
    O_TO,
    O_METRIC,
    O_TOP,
    O_EXPLAIN,
    O_WINDOW,
    O_HALF_LIFE,
    O_STATUS,
    O_EXCLUDE,
    O_FORMAT,
    O_MAX_ERRORS
};
static const cli_opt opts[] = {{"from", 0, 1}, {"to", 0, 1},      {"metric", 0, 1},
                               {"top", 0, 1},  {"explain", 0, 1}, CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    const char *explain;
    ent_analysis_options ao;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    if (cli_dates_option(&a->d, opts[k].name, val))
        return 0;
    if (k == O_EXPLAIN) {
        a->explain = val;
        return 0;
    }
    int r = cli_analysis_option("shift", &a->ao, opts[k].name, val);
    if (r)
        return r < 0 ? -1 : 0;
    return cli_view_option("shift", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

int cmd_shift(int argc, char **argv)
{
    cli_input in;
    args a = {{NULL, NULL, NULL}, NULL, ENT_ANALYSIS_OPTIONS_INIT, {0}};
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *va = NULL, *vb = NULL;
    ent_table *t = NULL;
    double t0 = cli_now(), t1, t2;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("shift", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_from_to, &diags, &g);
    if (status)
        goto done;
    t1 = cli_now();
    cli_timing("load_s", t1 - t0);
    long actor = -1;
    if (a.explain && (actor = cli_actor("shift", g, a.explain)) < 0) {
        status = EXIT_USAGE;
        goto done;
    }
    if ((status = cli_dates_views("shift", g, &a.d, &a.va, &va, &vb)))
        goto done;
    t2 = cli_now();
    cli_timing("snapshot_s", t2 - t1);
    int rc = actor >= 0 ? ent_explain_table(&t, va, vb, (uint32_t)actor, &a.ao)
                        : ent_shift_table(&t, va, vb, &a.ao);
    cli_timing("analysis_s", cli_now() - t2);
    status = cli_write_result("shift", rc, t, in.format);
    cli_timing("total_s", cli_now() - t0);
done:
    ent_table_free(t);
    return cli_end(status, &in, diags, g, va, vb);
}
