/*
 * cmd_check.c: `entente check FILE...`, validation with every problem
 * reported at its file, line and column.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/strbuf.h"

const char cmd_check_help[] =
    "usage: entente check [OPTIONS] FILE...\n"
    "\n"
    "Validates one or more graph files, read together as one graph, and reports\n"
    "every problem as FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE], followed by the\n"
    "offending line and a caret under the spot. Columns count characters. A file\n"
    "named '-' is read from standard input. An alliance, organization, force or de\n"
    "facto state with relations but no 'from' gets a warning (no-from): it would be\n"
    "drawn and counted before it was founded.\n"
    "\n"
    "options:\n"
    "  --format FORMAT     text (default) or json: the diagnostics as one JSON object\n"
    "  --max-errors N      stop after N errors (default 100; 0 means no limit)\n"
    "  --threads N         load the files on N threads (default 0: automatic; 1: one)\n"
    "  --strict            treat warnings as errors (exit status 1 when there are any)\n"
    "  -q, --quiet         print problems only, not the closing summary\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 no errors (warnings allowed unless --strict), 1 the data has\n"
    "errors, 2 usage error, 3 a file could not be read or written, or an internal\n"
    "failure.\n"
    "\n"
    "examples:\n"
    "  entente check graphs/south-caucasus.json\n"
    "  entente check --strict base.json 2023.json\n"
    "  entente check --format json graph.json | jq '.diagnostics[].code'\n";

enum { O_FORMAT, O_MAX_ERRORS, O_STRICT };
static const cli_opt opts[] = {{"format", 0, 1},  {"max-errors", 0, 1}, {"strict", 0, 0},
                               {"quiet", 'q', 0}, {"threads", 0, 1},    {NULL, 0, 0}};

static void print_json(const ent_diags *diags, int ok, size_t errors, size_t warnings)
{
    cli_json j;
    cli_json_init(&j, stdout);
    cli_json_begin_object(&j);
    cli_json_key(&j, "ok");
    cli_json_bool(&j, ok);
    cli_json_key(&j, "errors");
    cli_json_int(&j, (long long)errors);
    cli_json_key(&j, "warnings");
    cli_json_int(&j, (long long)warnings);
    cli_json_key(&j, "diagnostics");
    cli_json_begin_array(&j);
    for (size_t i = 0; i < ent_diags_count(diags); i++) {
        const ent_diag *d = ent_diags_get(diags, i);
        cli_json_begin_object(&j);
        cli_json_key(&j, "severity");
        cli_json_string(&j, ent_severity_str(d->severity));
        cli_json_key(&j, "code");
        cli_json_string(&j, d->code);
        cli_json_key(&j, "file");
        cli_json_string(&j, d->file);
        cli_json_key(&j, "line");
        cli_json_int(&j, d->line);
        cli_json_key(&j, "column");
        cli_json_int(&j, d->col);
        cli_json_key(&j, "message");
        cli_json_string(&j, d->message);
        cli_json_end_object(&j);
    }
    cli_json_end_array(&j);
    cli_json_end_object(&j);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* --quiet is read by cli_input_parse, as for every command (here it drops the summary). */
static int on_option(void *ud, int k, const char *val)
{
    (void)val;
    if (k == O_STRICT)
        *(int *)ud = 1;
    return 0;
}

int cmd_check(int argc, char **argv)
{
    cli_input in;
    int strict = 0;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    int status = cli_input_parse(&in, "check", opts, argc, argv, 1u << CLI_TEXT | 1u << CLI_JSON,
                                 on_option, &strict);
    if (status != EXIT_OK)
        goto done;
    if (in.n_files == 0) {
        status = cli_usage_error("check", "no graph file given");
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente check: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    in.load.warn_no_from = 1; /* check alone warns about actors without "from" */
    status = cli_input_load(&in, &g, diags, in.format == CLI_TEXT ? CLI_DIAGS_ALL : CLI_DIAGS_NONE);
    size_t errors = ent_diags_count_severity(diags, ENT_SEV_ERROR);
    size_t warnings = ent_diags_count_severity(diags, ENT_SEV_WARNING);
    if (status == EXIT_OK && strict && warnings)
        status = EXIT_DATA;
    if (in.format == CLI_JSON) {
        print_json(diags, status == EXIT_OK, errors, warnings);
        goto done;
    }
    if (in.quiet)
        goto done;
    if (g) {
        printf("%s%s: ok, %zu %s, %zu %s, %zu %s", in.files[0], in.n_files > 1 ? " and others" : "",
               ent_graph_actor_count(g), plural(ent_graph_actor_count(g), "actor", "actors"),
               ent_graph_relation_count(g),
               plural(ent_graph_relation_count(g), "relation", "relations"), warnings,
               plural(warnings, "warning", "warnings"));
        printf("%s\n", status == EXIT_DATA ? " (failing: --strict)" : "");
    } else
        fprintf(stderr, "entente check: %zu %s, %zu %s\n", errors,
                plural(errors, "error", "errors"), warnings,
                plural(warnings, "warning", "warnings"));
done:
    return cli_end(status, &in, diags, g, NULL, NULL);
}
