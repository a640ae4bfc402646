/*
 * cmd_types.c: `entente types [FILE...]`, the relation vocabulary: the
 * built-in table, or with files the vocabulary as those files extend it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char cmd_types_help[] =
    "usage: entente types [OPTIONS] [FILE...]\n"
    "\n"
    "Lists the relation types: id, sign, default intensity on the Goldstein scale,\n"
    "durable (from/to) or event (at), whether it creates an obligation, the CAMEO\n"
    "code it is taken from, its role (what it does between its ends: provides,\n"
    "seeks, yields, refuses, brokers, engages, approves, disapproves, coerces,\n"
    "fights, structure), its mode (CAMEO's quad class: verbal or material\n"
    "cooperation or conflict, or structure), whether it is symmetric (holds both\n"
    "ways, like an alliance or a war, and is coded once) and its family. The influence\n"
    "measures read the roles: only provides, seeks and yields make one actor rely\n"
    "on another. With graph files, their own relation_types are included and\n"
    "their overrides applied.\n"
    "\n"
    "With --cameo, lists instead how 'entente import gdelt' maps CAMEO event codes\n"
    "to these types: an event takes the rule of its full code, else of its base code\n"
    "(three digits), else of its root (two digits).\n"
    "\n"
    "options:\n"
    "  --cameo             the CAMEO mapping rules of 'entente import'\n"
    "  --format FORMAT     text (default), json or csv\n"
    "  -q, --quiet         do not print the line that counts the files' warnings\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"
    "not be read or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente types\n"
    "  entente types --format csv > vocabulary.csv\n"
    "  entente types graphs/south-caucasus.json\n"
    "  entente types --cameo\n";

static void csv_field(const char *s)
{
    int quote = 0;
    for (const char *p = s; *p; p++)
        if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
            quote = 1;
    if (!quote) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            putchar('"');
        putchar(*p);
    }
    putchar('"');
}

static const cli_opt opts[] = {{"format", 0, 1}, {"cameo", 0, 0}, {"quiet", 'q', 0}, {NULL, 0, 0}};

static int on_option(void *ud, int k, const char *val)
{
    (void)val;
    if (k == 1)
        *(int *)ud = 1;
    return 0;
}

/* The level of a rule's code: root (2 digits), base (3) or code (4). */
static const char *rule_level(const char *code)
{
    size_t n = strlen(code);
    return n == 2 ? "root" : n == 3 ? "base" : "code";
}

/* --cameo: the mapping rules in the chosen format. */
static int print_cameo(cli_format fmt)
{
    size_t n = ent_cameo_rule_count();
    if (fmt == CLI_JSON) {
        cli_json j;
        cli_json_init(&j, stdout);
        cli_json_begin_array(&j);
        for (size_t i = 0; i < n; i++) {
            const ent_cameo_rule *r = ent_cameo_rule_at(i);
            cli_json_begin_object(&j);
            cli_json_key(&j, "cameo");
            cli_json_string(&j, r->code);
            cli_json_key(&j, "level");
            cli_json_string(&j, rule_level(r->code));
            cli_json_key(&j, "type");
            cli_json_string(&j, r->type);
            cli_json_key(&j, "description");
            cli_json_string(&j, r->description);
            cli_json_end_object(&j);
        }
        cli_json_end_array(&j);
    } else if (fmt == CLI_CSV) {
        puts("cameo,level,type,description");
        for (size_t i = 0; i < n; i++) {
            const ent_cameo_rule *r = ent_cameo_rule_at(i);
            printf("%s,%s,%s,", r->code, rule_level(r->code), r->type);
            csv_field(r->description);
            putchar('\n');
        }
    } else {
        printf("%-6s %-5s %-22s %s\n", "cameo", "level", "type", "CAMEO");
        for (size_t i = 0; i < n; i++) {
            const ent_cameo_rule *r = ent_cameo_rule_at(i);
            printf("%-6s %-5s %-22s %s\n", r->code, rule_level(r->code), r->type, r->description);
        }
    }
    return EXIT_OK;
}

int cmd_types(int argc, char **argv)
{
    cli_input in;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    int cameo = 0;
    int status =
        cli_input_parse(&in, "types", opts, argc, argv,
                        1u << CLI_TEXT | 1u << CLI_JSON | 1u << CLI_CSV, on_option, &cameo);
    if (status != EXIT_OK)
        goto done;
    if (cameo) {
        if (in.n_files)
            status = cli_usage_error("types", "--cameo takes no graph file");
        else
            status = print_cameo(in.format);
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente types: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if (in.n_files)
        status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY);
    else {
        /* With no file, an empty graph still carries the built-in vocabulary. */
        ent_load_input empty = {"(built-in)", "{\"format\": \"entente/1\"}", 23};
        status = cli_exit_for(ent_load_inputs(&g, &empty, 1, NULL, diags));
    }
    if (status != EXIT_OK)
        goto done;
    cli_format fmt = in.format;
    size_t nt = ent_graph_type_count(g);
    if (fmt == CLI_JSON) {
        cli_json j;
        cli_json_init(&j, stdout);
        cli_json_begin_array(&j);
        for (size_t i = 0; i < nt; i++) {
            const ent_reltype *t = ent_graph_type(g, i);
            cli_json_begin_object(&j);
            cli_json_key(&j, "id");
            cli_json_string(&j, t->id);
            cli_json_key(&j, "label");
            cli_json_string(&j, t->label);
            cli_json_key(&j, "sign");
            cli_json_int(&j, t->sign);
            cli_json_key(&j, "intensity");
            cli_json_double(&j, t->intensity);
            cli_json_key(&j, "durable");
            cli_json_bool(&j, t->durable);
            cli_json_key(&j, "obligation");
            cli_json_bool(&j, t->obligation);
            cli_json_key(&j, "cameo");
            cli_json_string(&j, t->cameo);
            cli_json_key(&j, "role");
            cli_json_string(&j, ent_role_name(t->role));
            cli_json_key(&j, "mode");
            cli_json_string(&j, ent_mode_name(t->mode));
            cli_json_key(&j, "symmetric");
            cli_json_bool(&j, t->symmetric);
            cli_json_key(&j, "family");
            cli_json_string(&j, t->family);
            cli_json_key(&j, "description");
            cli_json_string(&j, t->description);
            cli_json_end_object(&j);
        }
        cli_json_end_array(&j);
    } else if (fmt == CLI_CSV) {
        puts("id,label,sign,intensity,durable,obligation,cameo,role,mode,symmetric,family,"
             "description");
        for (size_t i = 0; i < nt; i++) {
            const ent_reltype *t = ent_graph_type(g, i);
            csv_field(t->id);
            putchar(',');
            csv_field(t->label);
            printf(",%d,%.1f,%s,%s,", t->sign, t->intensity, t->durable ? "true" : "false",
                   t->obligation ? "true" : "false");
            csv_field(t->cameo);
            printf(",%s,%s,%s,", ent_role_name(t->role), ent_mode_name(t->mode),
                   t->symmetric ? "true" : "false");
            csv_field(t->family);
            putchar(',');
            csv_field(t->description);
            putchar('\n');
        }
    } else {
        printf("%-22s %4s %9s  %-7s %-10s %-5s %-11s %-20s %-9s %s\n", "id", "sign", "intensity",
               "kind", "obligation", "cameo", "role", "mode", "symmetric", "family");
        for (size_t i = 0; i < nt; i++) {
            const ent_reltype *t = ent_graph_type(g, i);
            printf("%-22s %+4d %9.1f  %-7s %-10s %-5s %-11s %-20s %-9s %s\n", t->id, t->sign,
                   t->intensity, t->durable ? "durable" : "event", t->obligation ? "yes" : "no",
                   t->cameo[0] ? t->cameo : "-", ent_role_name(t->role), ent_mode_name(t->mode),
                   t->symmetric ? "yes" : "no", t->family);
        }
    }
done:
    return cli_end(status, &in, diags, g, NULL, NULL);
}
