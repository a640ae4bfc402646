/*
 * cmd_balance.c: `entente balance`, structural balance of a snapshot, or how
 * it changed between two.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_balance_help[] =
    "usage: entente balance [OPTIONS] FILE... (--at WHEN | --from WHEN --to WHEN)\n"
    "\n"
    "Measures how far the snapshot is from structural balance, on its signed\n"
    "undirected projection (one tie per pair of actors, with the sign of the sum of\n"
    "both directions' weights): the triangles by sign pattern (+++, ++-, +--, ---),\n"
    "the triangle balance under strict balance (Cartwright-Harary: +++ and +--\n"
    "balanced) and weak balance (Davis: --- too), the walk balance of Estrada and\n"
    "Benzi, and the frustration index (the fewest ties whose removal leaves a\n"
    "balanced graph) with the two camps it implies: exact on connected parts of up\n"
    "to --exact-max actors, an upper bound from a local search beyond, as the\n"
    "output says. Then the unbalanced triads (++- and ---), most intense first, with\n"
    "the relations behind each tie, and every actor's camp.\n"
    "\n"
    "Two members of an alliance with collective defence are bound to each other:\n"
    "their tie gains the weight of the weaker of their two memberships, and the\n"
    "triads show the memberships behind it (--direct-only leaves such ties out).\n"
    "\n"
    "With --from and --to: each measure on both dates and its change, and the\n"
    "triads that became unbalanced or balanced, formed or dissolved.\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id to measure\n"
    "  --from WHEN                 with --to: the earlier date\n"
    "  --to WHEN                   the later date\n"
    "  --top N                     list at most N triads (default all)\n"
    "  --exact-max N               solve parts of up to N actors exactly (default\n"
    "                              48, at most 64; 0: the heuristic only)\n"
    "  --direct-only               leave out the ties that membership of a shared\n"
    "                              defence alliance adds\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente balance graphs/south-caucasus.json --at after-2022\n"
    "  entente balance graphs/south-caucasus.json --from before-2022 --to after-2022\n";

enum { O_AT, O_FROM, O_TO, O_TOP, O_EXACT, O_DIRECT };
static const cli_opt opts[] = {{"at", 0, 1},    {"from", 0, 1},      {"to", 0, 1},
                               {"top", 0, 1},   {"exact-max", 0, 1}, {"direct-only", 0, 0},
                               CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    ent_balance_options bo;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    if (cli_dates_option(&a->d, opts[k].name, val))
        return 0;
    if (k == O_DIRECT) {
        a->bo.direct_only = 1;
        return 0;
    }
    if (k == O_TOP || k == O_EXACT) {
        long n = cli_parse_count("balance", opts[k].name, val);
        if (n < 0)
            return -1;
        if (k == O_EXACT && n > 64) {
            cli_usage_error("balance", "'--exact-max' is at most 64");
            return -1;
        }
        *(k == O_TOP ? &a->bo.top : &a->bo.exact_max) = (size_t)n;
        return 0;
    }
    return cli_view_option("balance", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

int cmd_balance(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    ent_balance_options_init(&a.bo);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *va = NULL, *vb = NULL;
    ent_table *summary = NULL, *triads = NULL, *camps = NULL;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("balance", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_at_or_from_to, &diags, &g);
    if (status)
        goto done;
    if ((status = cli_dates_views("balance", g, &a.d, &a.va, &va, &vb)))
        goto done;
    int rc = vb ? ent_balance_change_tables(&summary, &triads, va, vb, &a.bo)
                : ent_balance_tables(&summary, &triads, &camps, va, &a.bo);
    if (rc) {
        fprintf(stderr, "entente balance: %s\n", ent_error_last());
        status = EXIT_FAILURE_;
        goto done;
    }
    const ent_table *all[3] = {summary, triads, camps};
    status = cli_write_tables("balance", all, camps ? 3 : 2, in.format);
done:
    ent_table_free(summary);
    ent_table_free(triads);
    ent_table_free(camps);
    return cli_end(status, &in, diags, g, va, vb);
}
