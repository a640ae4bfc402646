/*
 * list_actors.c: a complete program on the public API. It loads the graph
 * files named on the command line, prints any problems, then one line per
 * actor: id, kind and name.
 *
 *     list_actors graphs/south-caucasus.json
 */
#include <stdio.h>

#include <entente/entente.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: list_actors FILE...\n");
        return 2;
    }
    ent_diags *diags = NULL;
    if (ent_diags_new(&diags) != ENT_OK)
        return 3;
    /* Options start from their INIT macro (the defaults and the version of
     * this header), then set what differs. */
    ent_load_options lo = ENT_LOAD_OPTIONS_INIT;
    lo.max_errors = 20;
    ent_graph *g = NULL;
    int rc = ent_load_files(&g, (const char *const *)argv + 1, (size_t)argc - 1, &lo, diags);
    for (size_t i = 0; i < ent_diags_count(diags); i++) {
        const ent_diag *d = ent_diags_get(diags, i);
        fprintf(stderr, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col,
                ent_severity_str(d->severity), d->message);
    }
    if (rc != ENT_OK) {
        fprintf(stderr, "list_actors: %s\n", ent_error_last());
        ent_diags_free(diags);
        return rc == ENT_EINVALID ? 1 : 3;
    }
    for (size_t i = 0; i < ent_graph_actor_count(g); i++) {
        const ent_actor *a = ent_graph_actor(g, i);
        printf("%-28s %-15s %s\n", a->id, ent_actor_kind_str(a->kind), a->name);
    }
    ent_graph_free(g);
    ent_diags_free(diags);
    return 0;
}
