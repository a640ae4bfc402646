/*
 * cmd_path.c: `entente path FILE... A B --at WHEN`, the shortest signed
 * paths from one actor to another on a date.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_path_help[] =
    "usage: entente path [OPTIONS] FILE... A B --at WHEN\n"
    "\n"
    "Lists the shortest paths from actor A to actor B in the snapshot on a date,\n"
    "following the signed edges in their direction (neutral edges are left out).\n"
    "Each path comes with its sign, the product of the signs of its steps: a\n"
    "positive path is a chain of friends or a friend of an enemy's enemy, a\n"
    "negative one passes through an odd number of hostile steps. The relations\n"
    "behind every step are listed. A and B are ids, names or aliases.\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id (required)\n"
    "  --limit N                   show at most N paths (default 20)\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente path graphs/south-caucasus.json Aliyev Russia --at after-2022\n";

static const cli_opt opts[] = {{"at", 0, 1}, {"limit", 0, 1}, CLI_VIEW_OPTIONS};
enum { O_AT, O_LIMIT };

typedef struct args {
    cli_dates d;
    long limit;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    if (cli_dates_option(&a->d, opts[k].name, val))
        return 0;
    if (k == O_LIMIT)
        return (a->limit = cli_parse_count("path", "limit", val)) < 0 ? -1 : 0;
    return cli_view_option("path", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

int cmd_path(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    cli_view_args_init(&a.va);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *v = NULL, *none = NULL;
    ent_table *t = NULL;
    int status = cli_input_parse(&in, "path", opts, argc, argv,
                                 1u << CLI_TEXT | 1u << CLI_JSON | 1u << CLI_CSV, on_option, &a);
    size_t all = in.n_files;
    if (status)
        goto done;
    const char *why = cli_dates_missing(&a.d, CLI_AT);
    if (all < 3 || why) {
        status = cli_usage_error("path", "%s",
                                 all < 3 ? "give at least one graph file, then A and B" : why);
        goto done;
    }
    const char *from = in.files[all - 2], *to = in.files[all - 1];
    in.n_files -= 2;
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente path: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    long fa, ta;
    if ((status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY)))
        goto done;
    if ((fa = cli_actor("path", g, from)) < 0 || (ta = cli_actor("path", g, to)) < 0) {
        status = EXIT_USAGE;
        goto done;
    }
    if ((status = cli_dates_views("path", g, &a.d, &a.va, &v, &none)))
        goto done;
    int failed = ent_path_table(&t, v, (uint32_t)fa, (uint32_t)ta, (size_t)a.limit);
    status = cli_write_result("path", failed, t, in.format);
done:
    ent_table_free(t);
    return cli_end(status, &in, diags, g, v, none);
}
