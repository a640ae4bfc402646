/*
 * cmd_align.c: `entente align FILE... ACTOR (--at WHEN | --from WHEN --to
 * WHEN)`, an actor's partners by alignment on a date, or how its alignment
 * changed between two.
 */
#include <string.h>

#include "cli/cli.h"

const char cmd_align_help[] =
    "usage: entente align [OPTIONS] FILE... ACTOR (--at WHEN | --from WHEN --to WHEN)\n"
    "\n"
    "Ranks ACTOR's partners by how closely they stand with it on a date. Two\n"
    "measures side by side:\n"
    "\n"
    "  tie   the direct signed tie: the weights of the relations between the two,\n"
    "        both directions summed (sign +, - or 0 when they cancel out);\n"
    "  S     the similarity of their portfolios (Signorino and Ritter 1999). Every\n"
    "        actor present on the date values every other +1, 0 or -1 by the sign\n"
    "        of their tie, and itself +1; S compares two such lists position by\n"
    "        position: S = 1 - sum |x_A - x_B| / N over the N actors present.\n"
    "        1: they stand alike towards everyone (friends of the same friends,\n"
    "        enemies of the same enemies); -1: exactly opposite; around 0: little\n"
    "        in common. Two actors may have no direct tie and still a high S.\n"
    "  pi    S corrected for chance (Scott's pi, as Hage 2011 proposes): most\n"
    "        valuations are 0 in a sparse graph, so two unrelated actors agree on\n"
    "        most of the list and S runs high; pi counts only the agreement beyond\n"
    "        what the two lists' mix of +1, 0 and -1 would give by chance. 0: no\n"
    "        better than chance, negative: worse. Empty when undefined.\n"
    "\n"
    "agree and opposed count the actors the two value alike (both + or both -) and\n"
    "oppositely. Rows go by S, highest first, then the tie. With --from and --to:\n"
    "both dates, the change of S, pi and the tie, largest change of S first, and\n"
    "the relations behind the tie on the later date. ACTOR and OTHER are ids,\n"
    "names or aliases. The formulas are in docs/analyses.md, \"Alignment\".\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id\n"
    "  --from WHEN                 with --to: the earlier date\n"
    "  --to WHEN                   the later date\n"
    "  --top N                     show the N first partners (default all)\n"
    "  --with OTHER                show one partner only\n" CLI_VIEW_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente align graphs/south-caucasus.json Armenia --at after-2022 --top 5\n"
    "  entente align graphs/south-caucasus.json Armenia --from before-2022 --to after-2022\n"
    "  entente align graphs/south-caucasus.json Armenia --with Russia --from before-2022 "
    "--to after-2022\n";

enum { O_AT, O_FROM, O_TO, O_TOP, O_WITH };
static const cli_opt opts[] = {{"at", 0, 1},  {"from", 0, 1}, {"to", 0, 1},
                               {"top", 0, 1}, {"with", 0, 1}, CLI_VIEW_OPTIONS};

typedef struct args {
    cli_dates d;
    const char *with;
    long top;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    if (cli_dates_option(&a->d, opts[k].name, val))
        return 0;
    switch (k) {
    case O_WITH:
        a->with = val;
        return 0;
    case O_TOP:
        return (a->top = cli_parse_count("align", "top", val)) < 0 ? -1 : 0;
    default:
        return cli_view_option("align", &a->va, opts[k].name, val) < 0 ? -1 : 0;
    }
}

int cmd_align(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    cli_view_args_init(&a.va);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *va = NULL, *vb = NULL;
    ent_table *t = NULL;
    int status = cli_input_parse(&in, "align", opts, argc, argv,
                                 1u << CLI_TEXT | 1u << CLI_JSON | 1u << CLI_CSV, on_option, &a);
    if (status)
        goto done;
    const char *why = cli_dates_missing(&a.d, CLI_AT_OR_FROM_TO);
    if (in.n_files < 2 || why) {
        status = cli_usage_error("align", "%s",
                                 in.n_files < 2 ? "give at least one graph file, then ACTOR" : why);
        goto done;
    }
    const char *name = in.files[--in.n_files];
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente align: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if ((status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY)))
        goto done;
    long actor = cli_actor("align", g, name), other = -1;
    if (actor < 0 || (a.with && (other = cli_actor("align", g, a.with)) < 0)) {
        status = EXIT_USAGE;
        goto done;
    }
    if (other == actor) {
        status = cli_usage_error("align", "'--with %s' names '%s' itself: name another actor",
                                 a.with, name);
        goto done;
    }
    uint32_t with = (uint32_t)other;
    ent_align_options ao = {ENT_ALIGN_OPTIONS_VERSION, (size_t)a.top, other >= 0 ? &with : NULL};
    int failed;
    if ((status = cli_dates_views("align", g, &a.d, &a.va, &va, &vb)))
        goto done;
    failed = vb ? ent_align_change_table(&t, va, vb, (uint32_t)actor, &ao)
                : ent_align_table(&t, va, (uint32_t)actor, &ao);
    /* An actor or partner absent on the date is a question without an answer,
     * not an internal failure: a usage error with the library's message. */
    if (failed == ENT_EUSAGE) {
        status = cli_usage_error("align", "%s", ent_error_last());
        goto done;
    }
    status = cli_write_result("align", failed, t, in.format);
done:
    ent_table_free(t);
    return cli_end(status, &in, diags, g, va, vb);
}
