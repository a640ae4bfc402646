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
    "  --threads N         check relations on N threads (default 0: automatic; 1: one)\n"
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

enum { O_FORMAT, O_MAX_ERRORS, O_STRICT, O_QUIET };
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

/* One warning to give: the actor and the text of its record's first line. */
typedef struct no_from {
    uint32_t actor, file, line;
    char text[256];
} no_from;

static int by_place(const void *x, const void *y)
{
    const no_from *a = x, *b = y;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->actor < b->actor ? -1 : a->actor > b->actor;
}

/* Fills in the text of each warning's line, reading each file once, from
 * the start (the warnings are sorted by file and line); a file that cannot
 * be read again (standard input) leaves the texts empty. */
static void read_lines(const ent_graph *g, no_from *w, size_t n)
{
    char *buf = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < n;) {
        const char *path = ent_graph_file(g, w[i].file);
        FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "r");
        unsigned line = 0;
        size_t k = i;
        for (; k < n && w[k].file == w[i].file; k++) {
            while (f && line < w[k].line && getline(&buf, &cap, f) >= 0)
                line++;
            if (f && line == w[k].line && buf) {
                size_t len = strcspn(buf, "\r\n");
                snprintf(w[k].text, sizeof w[k].text, "%.*s", (int)len, buf);
            }
        }
        if (f)
            fclose(f);
        i = k;
    }
    free(buf);
}

/*
 * Warns, once per actor, about an alliance, organisation, force or de facto
 * state that has relations but no `from`: entente then takes it to exist on
 * every date, so it is drawn and counted before it was founded, which is the
 * most common error of hand-written graphs. At the actor's record, in the
 * order of the files. Returns how many were added, or -1 when out of memory.
 */
static long warn_no_from(const ent_graph *g, ent_diags *diags)
{
    no_from *w = NULL;
    size_t n = 0, cap = 0;
    long rc = -1;
    ent_strbuf msg = ENT_STRBUF_INIT;
    for (size_t a = 0; a < ent_graph_actor_count(g); a++) {
        const ent_actor *x = ent_graph_actor(g, a);
        if (x->from.year || (x->kind != ENT_KIND_ALLIANCE && x->kind != ENT_KIND_ORGANIZATION &&
                             x->kind != ENT_KIND_FORCE && x->kind != ENT_KIND_DE_FACTO_STATE))
            continue;
        const uint32_t *rels;
        if (!ent_graph_relations_to(g, a, &rels) && !ent_graph_relations_from(g, a, &rels))
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            no_from *grown = realloc(w, nc * sizeof *grown);
            if (!grown)
                goto done;
            w = grown;
            cap = nc;
        }
        w[n].actor = (uint32_t)a;
        w[n].file = x->loc.file;
        w[n].line = x->loc.line;
        w[n].text[0] = '\0';
        n++;
    }
    if (n)
        qsort(w, n, sizeof *w, by_place);
    read_lines(g, w, n);
    for (size_t i = 0; i < n; i++) {
        const ent_actor *x = ent_graph_actor(g, w[i].actor);
        unsigned caret = 0;
        while (w[i].text[caret] == ' ' || w[i].text[caret] == '\t')
            caret++;
        ent_strbuf_reset(&msg);
        ent_strbuf_addf(&msg,
                        "%s \"%s\" has relations but no \"from\": it is taken to exist on every "
                        "date, before it was founded too; give the date it was founded or formed",
                        ent_actor_kind_str(x->kind), x->id);
        if (msg.failed ||
            ent_diags_add(diags, ENT_SEV_WARNING, "no-from", ent_graph_file(g, w[i].file),
                          w[i].line, caret + 1, w[i].text, caret, ent_strbuf_str(&msg)))
            goto done;
    }
    rc = (long)n;
done:
    free(w);
    ent_strbuf_release(&msg);
    return rc;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

typedef struct check_flags {
    int strict, quiet;
} check_flags;

static int on_option(void *ud, int k, const char *val)
{
    check_flags *fl = ud;
    (void)val;
    if (k == O_STRICT)
        fl->strict = 1;
    else if (k == O_QUIET)
        fl->quiet = 1;
    return 0;
}

int cmd_check(int argc, char **argv)
{
    cli_input in;
    check_flags fl = {0, 0};
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    int status = cli_input_parse(&in, "check", opts, argc, argv, 1u << CLI_TEXT | 1u << CLI_JSON,
                                 on_option, &fl);
    if (status != EXIT_OK)
        goto done;
    if (in.n_files == 0) {
        status = cli_usage_error("check", "no graph file given");
        goto done;
    }
    if (!(diags = ent_diags_new())) {
        fprintf(stderr, "entente check: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    status = cli_input_load(&in, &g, diags, in.format == CLI_TEXT);
    if (g) {
        size_t before = ent_diags_count(diags);
        if (warn_no_from(g, diags) < 0) {
            fprintf(stderr, "entente check: out of memory\n");
            status = EXIT_FAILURE_;
            goto done;
        }
        for (size_t i = before; in.format == CLI_TEXT && i < ent_diags_count(diags); i++)
            cli_print_diag(stderr, ent_diags_get(diags, i));
    }
    size_t errors = ent_diags_count_severity(diags, ENT_SEV_ERROR);
    size_t warnings = ent_diags_count_severity(diags, ENT_SEV_WARNING);
    if (status == EXIT_OK && fl.strict && warnings)
        status = EXIT_DATA;
    if (in.format == CLI_JSON) {
        print_json(diags, status == EXIT_OK, errors, warnings);
        goto done;
    }
    if (fl.quiet)
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
    ent_graph_free(g);
    ent_diags_free(diags);
    cli_input_release(&in);
    return status;
}
