/*
 * pass_diff.c: how two snapshots differ: actors that appeared or
 * disappeared, edges formed, dissolved and sign-flipped, and the Jaccard
 * similarity of the two edge sets (ordered pairs with an edge).
 */
#include <math.h>
#include <stdlib.h>

#include "entente/error.h"
#include "passes/common.h"

typedef struct diff_ctx {
    const ent_graph *g;
    tb *t;
    ent_strbuf sb;
    size_t formed, dissolved, flipped, both, either;
} diff_ctx;

static void on_pair(void *ud, const ent_edge *ea, const ent_edge *eb)
{
    diff_ctx *d = ud;
    const char *kind = ent__pair_change(ea, eb);
    d->either++;
    d->both += ea && eb;
    if (!kind || kind[0] == 'i') /* intensity changes are for shift --explain */
        return;
    d->formed += !ea;
    d->dissolved += !eb;
    d->flipped += ea && eb;
    const ent_edge *any = eb ? eb : ea;
    ent__tb_row(d->t);
    ent__tb_str(d->t, 0, kind);
    ent__tb_str(d->t, 1, ent_graph_actor(d->g, any->source)->id);
    ent__tb_str(d->t, 2, ent_graph_actor(d->g, any->target)->id);
    ent__tb_real(d->t, 3, ea ? ea->weight : NAN);
    ent__tb_real(d->t, 4, eb ? eb->weight : NAN);
    ent_strbuf_reset(&d->sb);
    ent__describe_edge(d->g, any, &d->sb);
    ent__tb_str(d->t, 5, ent_strbuf_str(&d->sb));
}

int ent_diff_tables(ent_table **actors, ent_table **edges, ent_table **summary, const ent_view *a,
                    const ent_view *b)
{
    const ent_graph *g = ent_view_graph(a);
    char d1[11], d2[11], title[128];
    ent__day_str(ent_view_day(a), d1);
    ent__day_str(ent_view_day(b), d2);
    *actors = *edges = *summary = NULL;

    snprintf(title, sizeof title, "actors that appeared or disappeared from %s to %s", d1, d2);
    tb ta = {ent__table_new(title), ENT_OK};
    snprintf(title, sizeof title, "edges formed, dissolved or sign-flipped from %s to %s", d1, d2);
    tb te = {ent__table_new(title), ENT_OK};
    snprintf(title, sizeof title, "summary of the changes from %s to %s", d1, d2);
    tb ts = {ent__table_new(title), ENT_OK};
    if (!ta.t || !te.t || !ts.t) {
        ent_table_free(ta.t);
        ent_table_free(te.t);
        ent_table_free(ts.t);
        return ENT_ENOMEM;
    }
    ent__tb_col(&ta, "change", ENT_COL_STRING, 0);
    ent__tb_col(&ta, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&ta, "name", ENT_COL_STRING, 0);
    size_t appeared = 0, disappeared = 0;
    for (size_t i = 0; i < ent_graph_actor_count(g); i++) {
        int in_a = ent_view_has_actor(a, (uint32_t)i), in_b = ent_view_has_actor(b, (uint32_t)i);
        if (in_a == in_b)
            continue;
        appeared += in_b;
        disappeared += in_a;
        ent__tb_row(&ta);
        ent__tb_str(&ta, 0, in_b ? "appeared" : "disappeared");
        ent__tb_str(&ta, 1, ent_graph_actor(g, i)->id);
        ent__tb_str(&ta, 2, ent_graph_actor(g, i)->name);
    }

    ent__tb_col(&te, "change", ENT_COL_STRING, 0);
    ent__tb_col(&te, "source", ENT_COL_STRING, 0);
    ent__tb_col(&te, "target", ENT_COL_STRING, 0);
    ent__tb_col(&te, "weight_before", ENT_COL_REAL, 2);
    ent__tb_col(&te, "weight_after", ENT_COL_REAL, 2);
    ent__tb_col(&te, "relations", ENT_COL_STRING, 0);
    diff_ctx d = {g, &te, ENT_STRBUF_INIT, 0, 0, 0, 0, 0};
    ent__walk_pairs(a, b, on_pair, &d);

    /* One row, one column per measure: easy to read in every format. */
    const char *counts[] = {"actors_before",      "actors_after",    "actors_appeared",
                            "actors_disappeared", "edges_before",    "edges_after",
                            "edges_formed",       "edges_dissolved", "edges_sign_flipped"};
    const size_t values[] = {ent_view_actor_count(a),
                             ent_view_actor_count(b),
                             appeared,
                             disappeared,
                             ent_view_edge_count(a),
                             ent_view_edge_count(b),
                             d.formed,
                             d.dissolved,
                             d.flipped};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        ent__tb_col(&ts, counts[i], ENT_COL_INT, 0);
    ent__tb_col(&ts, "edge_jaccard", ENT_COL_REAL, 4);
    ent__tb_row(&ts);
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        ent__tb_int(&ts, i, (long long)values[i]);
    ent__tb_real(&ts, sizeof counts / sizeof *counts,
                 d.either ? (double)d.both / (double)d.either : 1.0);
    ent__view_note(&ts, b);
    int rc = ta.rc ? ta.rc : te.rc ? te.rc : ts.rc ? ts.rc : d.sb.failed ? ENT_ENOMEM : 0;
    ent_strbuf_release(&d.sb);
    if (rc) {
        ent_table_free(ta.t);
        ent_table_free(te.t);
        ent_table_free(ts.t);
        return rc;
    }
    *actors = ta.t;
    *edges = te.t;
    *summary = ts.t;
    return ENT_OK;
}
