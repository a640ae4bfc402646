/*
 * graphviz.c: what entente needs of Graphviz itself: an error callback that
 * keeps the first message (gvLayout returns 0 after some errors, so every
 * call is checked against it), and graphs whose objects are numbered in
 * creation order.
 *
 * cgraph's default discipline makes a named object's id the address of its
 * interned name, and walks subgraphs (clusters) in the order of their ids:
 * the order in which clusters were drawn, and fdp's layout of them, changed
 * from run to run with the addresses malloc handed out. The discipline here
 * numbers names in the order they are first seen instead (even ids; the
 * anonymous objects get odd ones, as in cgraph's own).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "model/model.h"
#include "render/render_impl.h"
#include "snapshot/edges.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/strbuf.h"
#include "util/strmap.h"

char ent__render_gv_message[512];
int ent__render_gv_errors;

int ent__render_on_gv_error(char *msg)
{
    if (!ent__render_gv_errors++) {
        snprintf(ent__render_gv_message, sizeof ent__render_gv_message, "%s", msg);
        size_t n = strlen(ent__render_gv_message);
        while (n && (ent__render_gv_message[n - 1] == '\n' || ent__render_gv_message[n - 1] == ' '))
            ent__render_gv_message[--n] = '\0';
    }
    return 0;
}

typedef struct seq_ids {
    Agraph_t *g;    /* the root graph, whose string pool holds the names */
    ent_strmap map; /* name -> index into names */
    char **names;
    size_t n, cap;
    IDTYPE anon;
} seq_ids;

/* The state of a graph whose own state could not be allocated. cgraph does
 * not check what the discipline's open returns, and calls map and print with
 * it: with this state they fail as when memory runs out (no id, no name), and
 * ent__render_open_graph closes such a graph and fails. */
static seq_ids no_ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    seq_ids *s = calloc(1, sizeof *s);
    if (!s)
        return &no_ids;
    s->g = g;
    ent_strmap_init(&s->map);
    s->anon = 1;
    return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int create)
{
    seq_ids *s = state;
    (void)objtype;
    if (s == &no_ids)
        return 0;
    if (!str) {
        if (!create)
            return 0;
        *id = s->anon;
        s->anon += 2;
        return 1;
    }
    uint32_t v;
    if (ent_strmap_get(&s->map, str, &v)) {
        *id = (IDTYPE)(v + 1) * 2;
        return 1;
    }
    if (!create || s->n >= UINT32_MAX - 1)
        return 0;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        char **grown = realloc(s->names, nc * sizeof *grown);
        if (!grown)
            return 0;
        s->names = grown;
        s->cap = nc;
    }
    /* A string of the graph's pool (agstrdup), as cgraph's own discipline
     * gives: the DOT writer reads the pool's header before each name. */
    char *copy = agstrdup(s->g, str);
    if (!copy || ent_strmap_put(&s->map, copy, (uint32_t)s->n, NULL) < 0) {
        if (copy)
            agstrfree(s->g, copy);
        return 0;
    }
    s->names[s->n] = copy;
    *id = (IDTYPE)(++s->n) * 2;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0; /* ids are never chosen by the caller here */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id; /* names live until the graph is closed */
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    seq_ids *s = state;
    (void)objtype;
    if (s == &no_ids || id & 1 || id == 0 || id / 2 > s->n)
        return NULL;
    return s->names[id / 2 - 1];
}

static void ids_close(void *state)
{
    seq_ids *s = state;
    if (s == &no_ids)
        return;
    /* The names go with the graph's string pool, closed after this. */
    free(s->names);
    ent_strmap_release(&s->map);
    free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t seq_id_disc = {ids_open,  ids_map,   ids_alloc,   ids_free,
                                 ids_print, ids_close, ids_register};

Agraph_t *ent__render_open_graph(const char *name)
{
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &seq_id_disc;
    disc.io = &AgIoDisc;
    Agraph_t *g = agopen((char *)name, Agdirected, &disc);
    if (g && g->clos->state.id == &no_ids) {
        agclose(g);
        return NULL;
    }
    return g;
}
