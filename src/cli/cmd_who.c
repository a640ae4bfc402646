/*
 * cmd_who.c: `entente who VERB ACTOR FILE...` and its reverse,
 * `entente whom ACTOR VERB FILE...`: who backed, opposed, condemned ... an
 * actor, and whom an actor backed, opposed ..., on a date or over a period,
 * directly or through chains.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define WHO_OPTIONS_HELP                                                                     \
    "  --at WHEN                   on a date or snapshot id (events in the window before)\n" \
    "  --between FROM TO           at any time from FROM to TO, both included\n"             \
    "  --depth N                   follow chains of backing and opposition N steps (1)\n"    \
    "  --evidence                  add the sources of each relation and their "              \
    "notes\n" CLI_VIEW_OPTIONS_HELP

const char cmd_who_help[] =
    "usage: entente who VERB ACTOR FILE... (--at WHEN | --between FROM TO) [OPTIONS]\n"
    "\n"
    "Lists the actors that acted towards ACTOR: VERB is 'backed' (a cooperative\n"
    "relation that backs it: not a request for help, a surrender, a mediation, a\n"
    "call or a ceasefire), 'opposed' (any hostile one), 'any' (every relation,\n"
    "whatever its type and sign), a relation type or its past tense ('condemned',\n"
    "'attacked', 'blockaded', 'mediated' ...) or a family of types.\n"
    "Each line gives the actor, how it is linked and the relations behind it:\n"
    "type, dates, status and who claims it. With --depth 2 or more, chains are\n"
    "followed and their sign is the product of their relations' signs: a backer\n"
    "of a backer backs, and so does an opponent of an opponent (labelled 'enemy of\n"
    "an enemy'). A relation made 'via' an alliance or force also counts as an act\n"
    "of that intermediary. ACTOR is an id, name or alias, in any case.\n"
    "\n"
    "options:\n" WHO_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente who opposed nkr graphs/south-caucasus.json --between 2023-09 2023-09\n"
    "  entente who backed Armenia graphs/south-caucasus.json --at after-2022 --depth 2\n"
    "  entente who blamed Pashinyan graphs/south-caucasus.json --at 2023-09-21 --evidence\n"
    "  entente who any Russia graphs/south-caucasus.json --between 2022 2023\n";

const char cmd_whom_help[] =
    "usage: entente whom ACTOR VERB FILE... (--at WHEN | --between FROM TO) [OPTIONS]\n"
    "\n"
    "The reverse of 'entente who': lists the actors towards which ACTOR acted,\n"
    "itself or as the intermediary ('via') of another's act. VERB is as for\n"
    "'entente who': 'backed', 'opposed', 'any', a relation type or its past tense,\n"
    "or a family. 'entente whom Russia backed ...' reads: whom did Russia back?\n"
    "'entente whom Russia any ...' lists every relation from Russia.\n"
    "\n"
    "options:\n" WHO_OPTIONS_HELP "\n"
    "examples:\n"
    "  entente whom Armenia backed graphs/south-caucasus.json --between 2023 2023\n"
    "  entente whom Russia blamed graphs/south-caucasus.json --between 2023-09 2023-09\n"
    "  entente whom Russia any graphs/south-caucasus.json --between 2022 2023\n";

static const cli_opt opts[] = {{"at", 0, 1},    {"between", 0, 1},  {"until", 0, 1},
                               {"depth", 0, 1}, {"evidence", 0, 0}, CLI_VIEW_OPTIONS};
enum { O_AT, O_BETWEEN, O_UNTIL, O_DEPTH, O_EVIDENCE };

typedef struct args {
    const char *cmd;
    const char *at, *from, *to;
    long depth;
    int evidence;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    switch (k) {
    case O_AT:
        a->at = val;
        return 0;
    case O_BETWEEN:
        a->from = val;
        return 0;
    case O_UNTIL:
        a->to = val;
        return 0;
    case O_DEPTH:
        if ((a->depth = cli_parse_count(a->cmd, "depth", val)) < 1) {
            if (a->depth == 0)
                cli_usage_error(a->cmd, "'--depth' must be at least 1");
            return -1;
        }
        return 0;
    case O_EVIDENCE:
        a->evidence = 1;
        return 0;
    }
    return cli_view_option(a->cmd, &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

static int run(const char *cmd, int reverse, int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    a.cmd = cmd;
    a.depth = 1;
    cli_view_args_init(&a.va);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_table *t = NULL;
    const char **all = NULL;
    int n2;
    char **v2 = cli_rewrite_between(argc, argv, &n2);
    if (!v2) {
        fprintf(stderr, "entente %s: out of memory reading the command line\n", cmd);
        return EXIT_FAILURE_;
    }
    int status = cli_input_parse(&in, cmd, opts, n2, v2,
                                 1u << CLI_TEXT | 1u << CLI_JSON | 1u << CLI_CSV, on_option, &a);
    all = in.files;
    if (status)
        goto done;
    if (in.n_files < 3) {
        status = cli_usage_error(cmd, reverse ? "give ACTOR, VERB and at least one graph file"
                                              : "give VERB, ACTOR and at least one graph file");
        goto done;
    }
    const char *verb = in.files[reverse ? 1 : 0], *name = in.files[reverse ? 0 : 1];
    in.files += 2;
    in.n_files -= 2;
    if (!!a.at == !!a.from || (a.from && !a.to)) {
        status = cli_usage_error(cmd, a.from && !a.to ? "'--between' needs two dates, FROM TO"
                                                      : "give either '--at WHEN' or "
                                                        "'--between FROM TO'");
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente %s: out of memory for the list of diagnostics\n", cmd);
        status = EXIT_FAILURE_;
        goto done;
    }
    double t0 = cli_now();
    if ((status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY)))
        goto done;
    double t1 = cli_now();
    cli_timing("load_s", t1 - t0);
    ent_who_query q;
    memset(&q, 0, sizeof q);
    const char *guess;
    if (ent_who_verb(g, verb, &q, &guess) < 0) {
        status = guess ? cli_usage_error(cmd, "unknown verb '%s'; did you mean '%s'?", verb, guess)
                       : cli_usage_error(cmd,
                                         "unknown verb '%s'; use backed, opposed, any, a relation "
                                         "type (see 'entente types') or its past tense",
                                         verb);
        goto done;
    }
    long actor = cli_actor(cmd, g, name);
    if (actor < 0) {
        status = EXIT_USAGE;
        goto done;
    }
    q.actor = (uint32_t)actor;
    q.reverse = reverse;
    q.depth = (unsigned)a.depth;
    q.evidence = a.evidence;
    ent_when when;
    memset(&when, 0, sizeof when);
    int32_t d1 = 0, d2 = 0;
    const char *bad = NULL;
    if (a.at) {
        if (ent_graph_resolve_when(g, a.at, &d1, NULL) < 0)
            bad = a.at;
        when.day = d1;
    } else {
        /* FROM counts from its first day, TO up to its last. */
        ent_date f;
        if (ent_graph_resolve_when(g, a.to, &d2, NULL) < 0)
            bad = a.to;
        if (ent_graph_snapshot_by_id(g, a.from) >= 0)
            ent_graph_resolve_when(g, a.from, &d1, NULL);
        else if (ent_date_parse(&f, a.from, strlen(a.from)) == ENT_DATE_OK)
            d1 = ent_date_first_day(f);
        else
            bad = a.from;
        when.between = 1;
        when.first = d1;
        when.last = d2;
    }
    if (bad) {
        status = cli_usage_error(cmd,
                                 "'%s' is neither a date (YYYY, YYYY-MM, YYYY-MM-DD) nor a "
                                 "snapshot of the graph",
                                 bad);
        goto done;
    }
    if (when.between && when.first > when.last) {
        status =
            cli_usage_error(cmd, "'--between' runs backwards: '%s' is after '%s'", a.from, a.to);
        goto done;
    }
    ent_view_options o;
    if ((status = cli_view_options(cmd, g, &a.va, &o)))
        goto done;
    size_t examined = 0;
    q.examined = &examined;
    double t2 = cli_now();
    int failed = ent_who_table(&t, g, &o, &when, &q);
    cli_timing("query_s", cli_now() - t2);
    cli_timing_count("examined", examined);
    status = cli_write_result(cmd, failed, t, in.format);
done:
    in.files = all;
    ent_table_free(t);
    free(v2);
    return cli_end(status, &in, diags, g, NULL, NULL);
}

int cmd_who(int argc, char **argv)
{
    return run("who", 0, argc, argv);
}

int cmd_whom(int argc, char **argv)
{
    return run("whom", 1, argc, argv);
}
