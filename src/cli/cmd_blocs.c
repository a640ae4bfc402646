/*
 * cmd_blocs.c: `entente blocs`, camps found by signed community detection on
 * a snapshot, or the actors that changed camp between two.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_blocs_help[] =
    "usage: entente blocs [OPTIONS] FILE... (--at WHEN | --from WHEN --to WHEN)\n"
    "\n"
    "Finds blocs: groups of actors with positive ties inside and negative ties\n"
    "between them, by igraph's spinglass community detection for signed graphs,\n"
    "run on each connected part of the snapshot's signed undirected projection\n"
    "(the one 'entente balance' uses; the weight of a tie is the sum of both\n"
    "directions' weights). Prints each bloc with its members, its positive and\n"
    "negative ties inside and towards other blocs and the declared alliances it\n"
    "overlaps; the ties between each pair of blocs; and every actor's bloc with\n"
    "the ties that go against the blocs and the relations behind them. The\n"
    "random generator is seeded: the same file gives the same blocs.\n"
    "\n"
    "Two members of an alliance with collective defence are bound to each other:\n"
    "their tie gains the weight of the weaker of their two memberships (shown as\n"
    "'alliance' among the ties; --direct-only leaves such ties out).\n"
    "\n"
    "With --from and --to: the blocs on both dates, matched by the actors they\n"
    "share, and the actors that moved to another bloc, joined or left.\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id\n"
    "  --from WHEN                 with --to: the earlier date\n"
    "  --to WHEN                   the later date\n"
    "  --seed N                    seed of the random generator (default 42)\n"
    "  --max-blocs N               at most N blocs per connected part (default 25)\n"
    "  --max-part N                refuse connected parts of more than N actors\n"
    "                              (default 1000; 0: no limit; spinglass is slow\n"
    "                              on large parts)\n"
    "  --direct-only               leave out the ties that membership of a shared\n"
    "                              defence alliance adds\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente blocs graphs/south-caucasus.json --at after-2022\n"
    "  entente blocs graphs/south-caucasus.json --from before-2022 --to after-2022\n"
    "  entente render graphs/south-caucasus.json --at after-2022 --color-by bloc -o b.svg\n";

enum { O_AT, O_FROM, O_TO, O_SEED, O_MAXB, O_MAXP, O_DIRECT };
static const cli_opt opts[] = {{"at", 0, 1},          {"from", 0, 1},      {"to", 0, 1},
                               {"seed", 0, 1},        {"max-blocs", 0, 1}, {"max-part", 0, 1},
                               {"direct-only", 0, 0}, CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    ent_blocs_options bo;
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
    if (k == O_SEED || k == O_MAXB || k == O_MAXP) {
        long n = cli_parse_count("blocs", opts[k].name, val);
        if (n < 0)
            return -1;
        if (k == O_MAXB && n < 2) {
            cli_usage_error("blocs", "'--max-blocs' is at least 2");
            return -1;
        }
        if (k == O_SEED)
            a->bo.seed = (unsigned long)n;
        else
            *(k == O_MAXB ? &a->bo.max_blocs : &a->bo.max_part) = (size_t)n;
        return 0;
    }
    return cli_view_option("blocs", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

int cmd_blocs(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    ent_blocs_options_init(&a.bo);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *va = NULL, *vb = NULL;
    ent_table *t[3] = {NULL, NULL, NULL};
    size_t nt;
    cli_view_args_init(&a.va);
    int status = cli_analysis_begin("blocs", &in, opts, argc, argv, on_option, &a,
                                    cli_missing_at_or_from_to, &diags, &g);
    if (status)
        goto done;
    if ((status = cli_dates_views("blocs", g, &a.d, &a.va, &va, &vb)))
        goto done;
    int rc = vb ? ent_blocs_change_tables(&t[0], &t[1], va, vb, &a.bo)
                : ent_blocs_tables(&t[0], &t[1], &t[2], va, &a.bo);
    nt = vb ? 2 : 3;
    if (rc) {
        status = cli_blocs_error("blocs", NULL, rc,
                                 "raise the limit with --max-part, or " CLI_BLOCS_NARROW);
        goto done;
    }
    const ent_table *all[3] = {t[0], t[1], t[2]};
    status = cli_write_tables("blocs", all, nt, in.format);
done:
    for (int i = 0; i < 3; i++)
        ent_table_free(t[i]);
    return cli_end(status, &in, diags, g, va, vb);
}
