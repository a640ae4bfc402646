/*
 * cmd_types.c: `entente types [FILE...]`, the relation vocabulary: the
 * built-in table, or with files the vocabulary as those files extend it.
 */
#include <stdlib.h>

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
    "options:\n"
    "  --format FORMAT     text (default), json or csv\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"
    "not be read or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente types\n"
    "  entente types --format csv > vocabulary.csv\n"
    "  entente types graphs/south-caucasus.json\n";

static const cli_opt opts[] = {{"format", 0, 1}, {NULL, 0, 0}};

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

int cmd_types(int argc, char **argv)
{
    cli_input in;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    int status = cli_input_parse(&in, "types", opts, argc, argv,
                                 1u << CLI_TEXT | 1u << CLI_JSON | 1u << CLI_CSV, NULL, NULL);
    if (status != EXIT_OK)
        goto done;
    if (!(diags = ent_diags_new())) {
        fprintf(stderr, "entente types: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if (in.n_files)
        status = cli_input_load(&in, &g, diags, 1);
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
    ent_graph_free(g);
    ent_diags_free(diags);
    cli_input_release(&in);
    return status;
}
