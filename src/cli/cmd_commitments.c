/*
 * cmd_commitments.c: `entente commitments FILE... --at WHEN`, obligations in
 * force and whether they were kept, ignored or broken.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_commitments_help[] =
    "usage: entente commitments [OPTIONS] FILE... --at WHEN\n"
    "\n"
    "Lists the obligations in force on a date (relation types marked as\n"
    "obligations: alliances, security guarantees, peacekeeping mandates; a\n"
    "membership binds the alliance to its member when the alliance has collective\n"
    "defence) and judges each from the relations of the snapshot's window:\n"
    "  broken      the bound party acted against the protected one, or cooperated\n"
    "              with an actor that attacked it;\n"
    "  kept        otherwise, the bound party backed the protected one;\n"
    "  ignored     the protected party was attacked, or asked the bound party for\n"
    "              help, and the bound party did neither;\n"
    "  not tested  nothing called for action.\n"
    "Acts made through the bound party ('via') count as its own. Each verdict lists\n"
    "what called for action and the acts that decided it.\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id (required)\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente commitments graphs/south-caucasus.json --at 2022-09-30\n"
    "  entente commitments graphs/south-caucasus.json --at after-2022 --format csv\n";

static const cli_opt opts[] = {{"at", 0, 1}, CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    return cli_dates_view_option("commitments", &a->d, &a->va, opts[k].name, val);
}

int cmd_commitments(int argc, char **argv)
{
    cli_input in;
    args a = {{NULL, NULL, NULL}, {0}};
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *v = NULL, *none = NULL;
    ent_table *t = NULL;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("commitments", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_at, &diags, &g);
    if (status || (status = cli_dates_views("commitments", g, &a.d, &a.va, &v, &none)))
        goto done;
    int failed = ent_commitments_table(&t, v);
    status = cli_write_result("commitments", failed, t, in.format);
done:
    ent_table_free(t);
    return cli_end(status, &in, diags, g, v, none);
}
