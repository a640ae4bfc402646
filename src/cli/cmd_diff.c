/*
 * cmd_diff.c: `entente diff FILE... --from A --to B`, how two snapshots
 * differ.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_diff_help[] =
    "usage: entente diff [OPTIONS] FILE... --from WHEN --to WHEN\n"
    "\n"
    "Compares the snapshots on two dates: the actors that appeared or disappeared,\n"
    "the edges formed, dissolved or sign-flipped (with the relations behind them),\n"
    "and a summary with the Jaccard similarity of the two edge sets. Changes of\n"
    "intensity alone are left to 'entente shift --explain'.\n"
    "\n"
    "options:\n"
    "  --from WHEN                 the earlier date or snapshot id (required)\n"
    "  --to WHEN                   the later date or snapshot id (required)\n" CLI_VIEW_OPTIONS_HELP
    "\n"
    "examples:\n"
    "  entente diff graphs/south-caucasus.json --from before-2022 --to after-2022\n";

static const cli_opt opts[] = {{"from", 0, 1}, {"to", 0, 1}, CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    return cli_dates_view_option("diff", &a->d, &a->va, opts[k].name, val);
}

int cmd_diff(int argc, char **argv)
{
    cli_input in;
    args a = {{NULL, NULL, NULL}, {0}};
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *va = NULL, *vb = NULL;
    ent_table *actors = NULL, *edges = NULL, *summary = NULL;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("diff", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_from_to, &diags, &g);
    if (status || (status = cli_dates_views("diff", g, &a.d, &a.va, &va, &vb)))
        goto done;
    if (ent_diff_tables(&actors, &edges, &summary, va, vb)) {
        fprintf(stderr, "entente diff: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    const ent_table *all[3] = {summary, actors, edges};
    status = cli_write_tables("diff", all, 3, in.format);
done:
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
    return cli_end(status, &in, diags, g, va, vb);
}
