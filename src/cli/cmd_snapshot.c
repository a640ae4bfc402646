/*
 * cmd_snapshot.c: `entente snapshot FILE... --at WHEN`, the actors present
 * and the relations in force on a date.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_snapshot_help[] =
    "usage: entente snapshot [OPTIONS] FILE... --at WHEN\n"
    "\n"
    "Shows the graph as it stood on a date: the actors present and one signed edge\n"
    "per ordered pair of actors, summing the relations in force. Durable relations\n"
    "count while their from/to interval covers the date; events count when they\n"
    "fall within the window before it. WHEN is a snapshot id of the graph or a date\n"
    "(YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its last day).\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id (required)\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente snapshot graphs/south-caucasus.json --at before-2022\n"
    "  entente snapshot graphs/south-caucasus.json --at 2023-09-19 --status confirmed\n";

static const cli_opt opts[] = {{"at", 0, 1}, CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    return cli_dates_view_option("snapshot", &a->d, &a->va, opts[k].name, val);
}

int cmd_snapshot(int argc, char **argv)
{
    cli_input in;
    args a = {{NULL, NULL, NULL}, {0}};
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *v = NULL, *none = NULL;
    ent_table *actors = NULL, *edges = NULL;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("snapshot", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_at, &diags, &g);
    if (status || (status = cli_dates_views("snapshot", g, &a.d, &a.va, &v, &none)))
        goto done;
    if (ent_snapshot_tables(&actors, &edges, v)) {
        fprintf(stderr, "entente snapshot: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    const ent_table *both[2] = {actors, edges};
    status = cli_write_tables("snapshot", both, 2, in.format);
done:
    ent_table_free(actors);
    ent_table_free(edges);
    return cli_end(status, &in, diags, g, v, none);
}
