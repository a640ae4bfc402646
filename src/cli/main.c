/*
 * main.c: the `entente` command: global options and the dispatch table. Each
 * subcommand lives in its own cmd_<name>.c.
 */
#include <string.h>

#include "cli/cli.h"
#include "util/fuzzy.h"

const cli_cmd cli_commands[] = {
    {"check", cmd_check, "validate graph files and report every problem", cmd_check_help},
    {"info", cmd_info, "count actors, relations, dates, sources and snapshots", cmd_info_help},
    {"snapshot", cmd_snapshot, "show the actors and relations in force on a date",
     cmd_snapshot_help},
    {"influence", cmd_influence, "measure every actor's influence on a date", cmd_influence_help},
    {"shift", cmd_shift, "rank actors by how their influence changed, and explain why",
     cmd_shift_help},
    {"diff", cmd_diff, "compare the snapshots on two dates", cmd_diff_help},
    {"who", cmd_who, "who backed, opposed, condemned ... an actor", cmd_who_help},
    {"whom", cmd_whom, "whom an actor backed, opposed, condemned ...", cmd_whom_help},
    {"path", cmd_path, "the shortest signed paths between two actors", cmd_path_help},
    {"commitments", cmd_commitments, "obligations in force: kept, ignored or broken",
     cmd_commitments_help},
    {"balance", cmd_balance, "structural balance: triads, frustration, camps; or its change",
     cmd_balance_help},
    {"report", cmd_report, "the whole story: a web page, Markdown and JSON for every snapshot",
     cmd_report_help},
    {"blocs", cmd_blocs, "blocs by signed community detection; or who changed bloc",
     cmd_blocs_help},
    {"align", cmd_align, "an actor's partners by alignment (tie, S, pi); or its change",
     cmd_align_help},
    {"timeline", cmd_timeline, "metrics at every step between two dates, as a table or a chart",
     cmd_timeline_help},
    {"render", cmd_render, "alliance diagrams: a snapshot, two side by side, or the changes",
     cmd_render_help},
    {"import", cmd_import, "GDELT event tables or any table of relations to a graph file",
     cmd_import_help},
    {"export", cmd_export, "the graph for Gephi, NetworkX, igraph, Cytoscape, R or d3",
     cmd_export_help},
    {"types", cmd_types, "list the relation vocabulary", cmd_types_help},
    {"help", cmd_help, "show help for entente or one of its commands", cmd_help_help},
    {NULL, NULL, NULL, NULL}};

static void overview(FILE *out)
{
    fputs("usage: entente [--version] [--help] COMMAND [ARGS]\n"
          "\n"
          "entente reads graph files of dated, sourced statements about states, leaders,\n"
          "alliances and their stances, and answers questions about them.\n"
          "\n"
          "commands:\n",
          out);
    for (const cli_cmd *c = cli_commands; c->name; c++)
        fprintf(out, "  %-12s %s\n", c->name, c->summary);
    fputs("\n"
          "'entente help COMMAND' or 'entente COMMAND --help' explains a command.\n"
          "The graph format is described in docs/format.md and in entente(1).\n"
          "\n"
          "exit status: 0 success, 1 the data has errors, 2 usage error,\n"
          "3 a file could not be read or written, or an internal failure.\n",
          out);
}

const char cmd_help_help[] =
    "usage: entente help [COMMAND]\n"
    "\n"
    "Shows the list of commands, or the help of one command: 'entente help check'\n"
    "prints the same text as 'entente check --help'.\n";

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        overview(stdout);
        return EXIT_OK;
    }
    if (argc > 2)
        return cli_usage_error("help", "takes at most one command name");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_print_help(cli_find("help"));
    const cli_cmd *c = cli_find(argv[1]);
    if (!c)
        return cli_usage_error("help", "no such command '%s'", argv[1]);
    return cli_print_help(c);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        overview(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("entente %s (graph format %s)\n", ent_version(), ENT_FORMAT);
        return cli_finish_output(NULL, EXIT_OK);
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        overview(stdout);
        return cli_finish_output(NULL, EXIT_OK);
    }
    const cli_cmd *c = cli_find(name);
    if (!c) {
        if (name[0] == '-')
            return cli_usage_error(NULL, "unknown option '%s'", name);
        ent_fuzzy fz;
        ent_fuzzy_init(&fz, name);
        for (const cli_cmd *k = cli_commands; k->name; k++)
            ent_fuzzy_offer(&fz, k->name);
        const char *best = fz.best;
        if (best)
            return cli_usage_error(NULL, "'%s' is not a command; did you mean '%s'?", name, best);
        return cli_usage_error(NULL, "'%s' is not a command; see 'entente help'", name);
    }
    /* `entente CMD --help` anywhere on the line prints the command's help. */
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return cli_finish_output(name, cli_print_help(c));
    }
    return cli_finish_output(name, c->run(argc - 1, argv + 1));
}
