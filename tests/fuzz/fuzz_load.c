/*
 * fuzz_load.c: the loader on one graph file (the input's bytes), then what
 * every command does first with a graph: its counts, and the diagnostics
 * printed. Checks that a loaded graph is consistent with the diagnostics:
 * ENT_OK with a graph, ENT_EINVALID with at least one error and none.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ent_diags *diags = NULL;
    ent_diags_new(&diags);
    if (!diags)
        return 0;
    ent_load_input in = {"fuzz.json", (const char *)data, size};
    ent_load_options o = ENT_LOAD_OPTIONS_INIT;
    o.threads = 1;
    ent_graph *g = NULL;
    int rc = ent_load_inputs(&g, &in, 1, &o, diags);
    if (rc == ENT_OK) {
        if (!g)
            abort();
        (void)ent_graph_actor_count(g);
        (void)ent_graph_relation_count(g);
    } else if (g) {
        abort(); /* a failed load returns no graph */
    }
    if (rc == ENT_EINVALID && ent_diags_count(diags) == 0)
        abort(); /* an invalid file has at least one diagnostic saying why */
    ent_graph_free(g);
    ent_diags_free(diags);
    return 0;
}
