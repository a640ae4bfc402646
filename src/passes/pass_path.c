/*
 * pass_path.c: the shortest signed paths between two actors on a date.
 *
 * Breadth first from the first actor over the view's edges with a non-zero
 * weight, keeping for each actor the edges that reach it at its distance;
 * the paths are then spelled out backwards from the second actor, in a
 * stable order, up to a limit.
 */
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "util/error.h"

typedef struct pstate {
    const ent_view *v;
    const ent_graph *g;
    int32_t *dist;         /* per actor, -1 when not reached */
    const ent_edge **pred; /* predecessor edges, grouped per actor */
    size_t *pred_start, *pred_n;
    tb *t;
    size_t limit, found, more;
    const ent_edge **stack; /* the path being spelled, from the second actor back */
    ent_strbuf sb;
} pstate;

static int sign_of(double x)
{
    return (x > 0) - (x < 0);
}

/* Emits the path whose edges are stack[0..n) in reverse order. */
static void emit(pstate *p, size_t n)
{
    if (p->found == p->limit) {
        p->more++;
        return;
    }
    p->found++;
    int sign = 1;
    for (size_t i = 0; i < n; i++)
        sign *= sign_of(p->stack[i]->weight);
    ent_strbuf_reset(&p->sb);
    ent_strbuf_adds(&p->sb, ent_graph_actor(p->g, p->stack[n - 1]->source)->id);
    for (size_t i = n; i-- > 0;)
        ent_strbuf_addf(&p->sb, " %s %s", p->stack[i]->weight > 0 ? "+>" : "->",
                        ent_graph_actor(p->g, p->stack[i]->target)->id);
    ent__tb_row(p->t);
    ent__tb_int(p->t, 0, (long long)p->found);
    ent__tb_int(p->t, 1, (long long)n);
    ent__tb_str(p->t, 2, sign > 0 ? "positive" : "negative");
    ent__tb_str(p->t, 3, ent_strbuf_str(&p->sb));
    ent_strbuf_reset(&p->sb);
    for (size_t i = n; i-- > 0;) {
        ent_strbuf_addf(&p->sb, "%s%s->%s: ", i + 1 == n ? "" : " | ",
                        ent_graph_actor(p->g, p->stack[i]->source)->id,
                        ent_graph_actor(p->g, p->stack[i]->target)->id);
        ent__describe_edge(p->g, p->stack[i], &p->sb);
    }
    ent__tb_str(p->t, 4, ent_strbuf_str(&p->sb));
}

/*
 * Spells out every shortest path ending at `to`, each as stack[0..n) from its
 * last edge back to its first, depth first without recursion (a path may be
 * as long as there are actors). next[n] is the next predecessor edge to try at
 * depth n; both arrays hold dist[to] + 1 entries.
 */
static void spell(pstate *p, uint32_t to, size_t *next)
{
    size_t n = 0;
    next[0] = 0;
    for (;;) {
        uint32_t at = n ? p->stack[n - 1]->source : to;
        if (p->dist[at] == 0) {
            emit(p, n);
            if (p->found == p->limit && p->more > 1000)
                return; /* enough counted to say there are more */
        } else if (next[n] < p->pred_n[at]) {
            p->stack[n] = p->pred[p->pred_start[at] + next[n]++];
            next[++n] = 0;
            continue;
        }
        if (n == 0)
            return;
        n--;
    }
}

int ent_path_table(ent_table **out, const ent_view *v, uint32_t from, uint32_t to, size_t limit)
{
    const ent_graph *g = ent_view_graph(v);
    size_t na = ent_graph_actor_count(g), ne = ent_view_edge_count(v);
    pstate p;
    memset(&p, 0, sizeof p);
    p.v = v;
    p.g = g;
    p.limit = limit ? limit : 20;
    p.sb = (ent_strbuf)ENT_STRBUF_INIT;
    uint32_t *queue = malloc((na ? na : 1) * sizeof *queue);
    p.dist = malloc((na ? na : 1) * sizeof *p.dist);
    p.pred = malloc((ne ? ne : 1) * sizeof *p.pred);
    p.pred_start = calloc(na + 1, sizeof *p.pred_start);
    p.pred_n = calloc(na + 1, sizeof *p.pred_n);
    size_t *next = NULL;
    tb t = {NULL, ENT_OK};
    int rc = ENT_ENOMEM;
    *out = NULL;
    if (from >= na || to >= na) {
        free(queue);
        free(p.dist);
        free(p.pred);
        free(p.pred_start);
        free(p.pred_n);
        return ent_error_set(ENT_EUSAGE, "no actor number %u in the graph",
                             (unsigned)(from >= na ? from : to));
    }
    if (!queue || !p.dist || !p.pred || !p.pred_start || !p.pred_n)
        goto done;
    for (size_t a = 0; a < na; a++)
        p.dist[a] = -1;
    /* Breadth first; an actor's predecessor edges are stored contiguously
     * when it is dequeued (all of them are known by then). */
    size_t head = 0, tail = 0, npred = 0;
    p.dist[from] = 0;
    queue[tail++] = from;
    while (head < tail) {
        uint32_t a = queue[head++];
        if ((int32_t)p.dist[a] >= 0 && p.dist[to] >= 0 && p.dist[a] >= p.dist[to])
            break;
        size_t n;
        const ent_edge *e = ent_view_out(v, a, &n);
        for (size_t k = 0; k < n; k++) {
            uint32_t b = e[k].target;
            if (e[k].weight == 0)
                continue;
            if (p.dist[b] < 0) {
                p.dist[b] = p.dist[a] + 1;
                queue[tail++] = b;
            }
        }
    }
    /* Predecessors: edges u->w with dist[w] == dist[u] + 1, within the
     * reached part, grouped by w. */
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        if (e->weight != 0 && p.dist[e->source] >= 0 && p.dist[e->target] == p.dist[e->source] + 1)
            p.pred_n[e->target]++;
    }
    for (size_t a = 0; a < na; a++)
        p.pred_start[a + 1] = p.pred_start[a] + p.pred_n[a];
    memset(p.pred_n, 0, (na + 1) * sizeof *p.pred_n);
    for (size_t i = 0; i < ne; i++) {
        const ent_edge *e = ent_view_edge(v, i);
        if (e->weight != 0 && p.dist[e->source] >= 0 && p.dist[e->target] == p.dist[e->source] + 1)
            p.pred[p.pred_start[e->target] + p.pred_n[e->target]++] = e;
    }
    (void)npred;

    char d[11], title[200];
    snprintf(title, sizeof title, "shortest signed paths from %s to %s on %s",
             ent_graph_actor(g, from)->id, ent_graph_actor(g, to)->id,
             ent__day_str(ent_view_day(v), d));
    if (!(t.t = ent__table_new(title)))
        goto done;
    ent__tb_col(&t, "path", ENT_COL_INT, 0);
    ent__tb_col(&t, "length", ENT_COL_INT, 0);
    ent__tb_col(&t, "sign", ENT_COL_STRING, 0);
    ent__tb_col(&t, "actors", ENT_COL_STRING, 0);
    ent__tb_col(&t, "relations", ENT_COL_STRING, 0);
    p.t = &t;
    if (from != to && p.dist[to] > 0) {
        p.stack = malloc(((size_t)p.dist[to] + 1) * sizeof *p.stack);
        next = malloc(((size_t)p.dist[to] + 1) * sizeof *next);
        if (!p.stack || !next)
            goto done;
        spell(&p, to, next);
    }
    ent__tb_note(&t,
                 "+> marks a cooperative step, -> a hostile one; a path's sign is the product of "
                 "its steps' signs");
    if (p.more) {
        char note[120];
        if (p.more > 1000)
            snprintf(note, sizeof note, "over 1000 more shortest paths not shown");
        else
            snprintf(note, sizeof note, "%zu more shortest paths not shown", p.more);
        ent__tb_note(&t, note);
    }
    ent__view_note(&t, v);
    rc = t.rc ? t.rc : p.sb.failed ? ENT_ENOMEM : ENT_OK;
done:
    free(next);
    free(p.stack);
    free(queue);
    free(p.dist);
    free(p.pred);
    free(p.pred_start);
    free(p.pred_n);
    ent_strbuf_release(&p.sb);
    if (rc)
        ent_table_free(t.t);
    else
        *out = t.t;
    return rc ? ent_error_set(rc, "out of memory while looking for paths") : ENT_OK;
}
